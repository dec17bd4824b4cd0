import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeFolders, writeFileAtomic } from '../../src/io/write.js';
import { existsSync } from 'node:fs';
import { tempDir } from '../helpers/cli.js';

let cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});
const dir = () => {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
};

describe('writeFileAtomic', () => {
  it('writes the bytes and leaves no temporary file behind', async () => {
    const d = dir();
    const target = path.join(d, 'plan.docx');
    expect(await writeFileAtomic(target, new Uint8Array([1, 2, 3]))).toEqual({ ok: true });
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
    expect(readdirSync(d)).toEqual(['plan.docx']);
  });
  it('replaces an existing file and keeps its mode', async () => {
    const d = dir();
    const target = path.join(d, 'plan.docx');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    await writeFileAtomic(target, new TextEncoder().encode('new'));
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });
  it('refuses a document open in Word (owner file ~$…) and leaves it untouched', async () => {
    const d = dir();
    const target = path.join(d, 'plan.docx');
    writeFileSync(target, 'good');
    writeFileSync(path.join(d, '~$an.docx'), 'owner');
    const r = await writeFileAtomic(target, new TextEncoder().encode('bad'));
    expect(r).toMatchObject({ ok: false, locked: true });
    expect(readFileSync(target, 'utf8')).toBe('good');
  });
  it('fails cleanly where the folder cannot be written, leaving the old file', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permission bits; use a path whose parent is a file instead
      const d = dir();
      writeFileSync(path.join(d, 'file'), 'x');
      const r = await writeFileAtomic(path.join(d, 'file', 'plan.docx'), new Uint8Array([1]));
      expect(r.ok).toBe(false);
      return;
    }
    const d = dir();
    mkdirSync(path.join(d, 'ro'));
    const target = path.join(d, 'ro', 'plan.docx');
    writeFileSync(target, 'good');
    chmodSync(path.join(d, 'ro'), 0o500);
    const r = await writeFileAtomic(target, new Uint8Array([1]));
    chmodSync(path.join(d, 'ro'), 0o700);
    expect(r.ok).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('good');
  });
});

describe('makeFolders', () => {
  it('makes every missing level, accepts folders that exist, and refuses a file in the way', async () => {
    const d = dir();
    await makeFolders(path.join(d, 'a', 'b', 'c'));
    expect(statSync(path.join(d, 'a', 'b', 'c')).isDirectory()).toBe(true);
    await makeFolders(path.join(d, 'a', 'b'));
    writeFileSync(path.join(d, 'file'), 'x');
    await expect(makeFolders(path.join(d, 'file', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  // Node 20's recursive mkdir never settles here; a write must fail instead of hanging the run.
  it.skipIf(!existsSync('/proc/self'))('settles with an error below a missing name under /proc, and the write reports it', async () => {
    await expect(makeFolders('/proc/no-such-name/plangen/out')).rejects.toBeDefined();
    const r = await writeFileAtomic('/proc/no-such-name/out/x.docx', new Uint8Array([1]));
    expect(r.ok).toBe(false);
  });
});

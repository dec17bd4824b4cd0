import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, promises, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accessFor, inspectPath, openedOutside, outputEscapes, projectRootOf, readContained, sizeLimits, trusted } from '../../src/io/contain.js';
import { tempDir } from '../helpers/cli.js';

let t: ReturnType<typeof tempDir>;
let repo: string;
let outside: string;
beforeAll(() => {
  t = tempDir('plangen-contain-');
  repo = path.join(t.dir, 'repo');
  outside = path.join(t.dir, 'outside');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  mkdirSync(path.join(repo, 'plans', 'deep'), { recursive: true });
  mkdirSync(path.join(t.dir, 'worktree', 'sub'), { recursive: true });
  writeFileSync(path.join(t.dir, 'worktree', '.git'), 'gitdir: /elsewhere\n');
  mkdirSync(path.join(t.dir, 'loose', 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'secret.md'), 'secret');
  writeFileSync(path.join(repo, 'plans', 'a.md'), 'abc');
  symlinkSync('../../outside/secret.md', path.join(repo, 'plans', 'out.md'));
  symlinkSync('a.md', path.join(repo, 'plans', 'in.md'));
  symlinkSync('../outside', path.join(repo, 'out-dir'));
  spawnSync('mkfifo', [path.join(outside, 'pipe')]);
  symlinkSync('repo', path.join(t.dir, 'work'));
});
afterAll(() => t.cleanup());

describe('projectRootOf', () => {
  it('is the nearest folder holding .git, a folder or a worktree’s file', () => {
    expect(projectRootOf(path.join(repo, 'plans', 'deep'))).toBe(repo);
    expect(projectRootOf(path.join(t.dir, 'worktree', 'sub'))).toBe(path.join(t.dir, 'worktree'));
  });
  it('is the folder itself outside any work tree', () => {
    expect(projectRootOf(path.join(t.dir, 'loose', 'sub'))).toBe(path.join(t.dir, 'loose', 'sub'));
  });
});

describe('inspectPath', () => {
  const access = () => accessFor(path.join(repo, 'plans'));
  it('refuses a path outside by its name without saying whether it exists', () => {
    expect(inspectPath(path.join(repo, '..', 'nowhere.md'), 'attachment', access())).toEqual({ ok: false, problem: 'outside' });
    expect(inspectPath(path.join(repo, 'plans', 'nowhere.md'), 'attachment', access())).toEqual({ ok: false, problem: 'missing' });
  });
  it('follows links to where they lead', () => {
    expect(inspectPath(path.join(repo, 'plans', 'out.md'), 'attachment', access())).toEqual({ ok: false, problem: 'symlink-outside' });
    expect(inspectPath(path.join(repo, 'plans', 'in.md'), 'attachment', access())).toMatchObject({ ok: true, size: 3 });
  });
  it('never lets .git be read, even inside the project', () => {
    expect(inspectPath(path.join(repo, '.git', 'config'), 'attachment', access())).toEqual({ ok: false, problem: 'git-internal' });
  });
  it('knows the project by name when it is reached through a linked folder (~/work -> /data/work)', () => {
    const viaLink = accessFor(path.join(t.dir, 'work', 'plans'));
    expect(inspectPath(path.join(t.dir, 'work', 'plans', 'a.md'), 'attachment', viaLink)).toMatchObject({ ok: true });
    expect(inspectPath(path.join(t.dir, 'work', 'plans', 'out.md'), 'attachment', viaLink)).toEqual({ ok: false, problem: 'symlink-outside' });
    expect(inspectPath(path.join(t.dir, 'outside', 'secret.md'), 'attachment', viaLink)).toEqual({ ok: false, problem: 'outside' });
  });
  it('lets --allow-read folders in', () => {
    expect(inspectPath(path.join(outside, 'secret.md'), 'attachment', accessFor(path.join(repo, 'plans'), [outside]))).toMatchObject({ ok: true });
  });
  it('trusts where a user-named file lies, not what it is', () => {
    expect(inspectPath(path.join(outside, 'secret.md'), 'plan', trusted)).toMatchObject({ ok: true });
    expect(inspectPath(path.join(outside, 'pipe'), 'plan', trusted)).toEqual({ ok: false, problem: 'special' });
    expect(inspectPath('/dev/zero', 'image', trusted)).toEqual({ ok: false, problem: 'special' });
    expect(inspectPath(outside, 'plan', trusted)).toEqual({ ok: false, problem: 'folder' });
    expect(inspectPath(outside, 'template', trusted, 'folder')).toMatchObject({ ok: true, folder: true });
  });
});

describe('readContained', () => {
  it('reads a file within its cap and refuses one past it', async () => {
    const f = path.join(repo, 'plans', 'big.png');
    writeFileSync(f, '');
    truncateSync(f, sizeLimits.template + 1);
    const access = accessFor(path.join(repo, 'plans'));
    expect(await readContained(f, 'template', access)).toMatchObject({ ok: false, problem: 'too-large' });
    const r = await readContained(f, 'image', access);
    expect(r.ok && r.bytes.length).toBe(sizeLimits.template + 1);
  });
  it('never opens a FIFO (this would block for ever)', async () => {
    expect(await readContained(path.join(outside, 'pipe'), 'attachment', trusted)).toEqual({ ok: false, problem: 'special' });
  });
});

describe('openedOutside: where an open really led', () => {
  const access = () => accessFor(path.join(repo, 'plans'));
  /** `fn` with `file` open read-only. */
  function withOpen<T>(file: string, fn: (fd: number) => T): T {
    const fd = openSync(file, 'r');
    try {
      return fn(fd);
    } finally {
      closeSync(fd);
    }
  }
  // A folder above the file swapped for a link after the check: opening the checked path
  // then goes through the link (O_NOFOLLOW guards only the last part).
  const viaLink = () => path.join(repo, 'out-dir', 'secret.md');

  it.runIf(process.platform === 'linux')('names the file actually opened (/proc/self/fd) and refuses one outside the project', () => {
    expect(withOpen(viaLink(), (fd) => openedOutside(fd, viaLink(), access()))).toBe('symlink-outside');
    writeFileSync(path.join(repo, '.git', 'config'), '[core]\n');
    expect(withOpen(path.join(repo, '.git', 'config'), (fd) => openedOutside(fd, path.join(repo, '.git', 'config'), access()))).toBe('git-internal');
    const a = path.join(repo, 'plans', 'a.md');
    expect(withOpen(a, (fd) => openedOutside(fd, a, access()))).toBeUndefined();
    // A file the user named is trusted as to where it lies.
    expect(withOpen(viaLink(), (fd) => openedOutside(fd, viaLink(), trusted))).toBeUndefined();
  });

  it('without /proc, requires the checked path to be link-free and the very file open', () => {
    const noProc = path.join(t.dir, 'no-proc');
    const folder = path.join(repo, 'swapped');
    const file = path.join(folder, 'notes.md');
    mkdirSync(folder);
    writeFileSync(file, 'notes');
    expect(withOpen(file, (fd) => openedOutside(fd, file, access(), noProc))).toBeUndefined();
    // The folder swapped for a link to a folder outside holding a file of the same name.
    mkdirSync(path.join(outside, 'swapped'));
    writeFileSync(path.join(outside, 'swapped', 'notes.md'), 'secret');
    renameSync(folder, folder + '-old');
    symlinkSync(path.join(outside, 'swapped'), folder);
    expect(withOpen(file, (fd) => openedOutside(fd, file, access(), noProc))).toBe('symlink-outside');
    const other = path.join(repo, 'plans', 'a.md');
    expect(withOpen(other, (fd) => openedOutside(fd, other, access(), noProc))).toBeUndefined();
    // The file open is not the one at the checked path.
    expect(withOpen(path.join(repo, 'plans', 'in.md'), (fd) => openedOutside(fd, path.join(repo, 'plans', 'deep'), access(), noProc))).toBe('symlink-outside');
  });

  it.runIf(process.platform === 'linux')('refuses a read whose folder was swapped for a link between the check and the open', async () => {
    const folder = path.join(repo, 'race');
    const file = path.join(folder, 'notes.md');
    mkdirSync(folder);
    writeFileSync(file, 'notes');
    mkdirSync(path.join(outside, 'race'));
    writeFileSync(path.join(outside, 'race', 'notes.md'), 'SECRET');
    const open = promises.open.bind(promises);
    const spy = vi.spyOn(promises, 'open').mockImplementation(async (...args: Parameters<typeof promises.open>) => {
      rmSync(folder, { recursive: true });
      symlinkSync(path.join(outside, 'race'), folder);
      return open(...args);
    });
    try {
      expect(await readContained(file, 'attachment', access())).toEqual({ ok: false, problem: 'symlink-outside' });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('outputEscapes', () => {
  const plan = () => path.join(repo, 'plans', 'a.md');
  it('catches a link inside the project that leads out, even to folders not made yet', () => {
    expect(outputEscapes(path.join(repo, 'out-dir', 'plan.docx'), plan())).toBe(true);
    expect(outputEscapes(path.join(repo, 'out-dir', 'new', 'deeper', 'plan.docx'), plan())).toBe(true);
  });
  it('lets plain folders in the project and places outside named as such through', () => {
    expect(outputEscapes(path.join(repo, 'plans', 'a.docx'), plan())).toBe(false);
    expect(outputEscapes(path.join(repo, 'new', 'plan.docx'), plan())).toBe(false);
    expect(outputEscapes(path.join(outside, 'plan.docx'), plan())).toBe(false);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, inspectPath, outputEscapes, projectRootOf, readContained, sizeLimits, trusted } from '../../src/io/contain.js';
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

import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../src/diagnostics/catalogue.js';
import { jsonMessages, runCli, tempDir } from '../helpers/cli.js';

/**
 * The hostile corpus, containment part: test/fixtures/hostile/contain-<case>/ holds the
 * inputs (a `repo/` that becomes a git work tree, sometimes `shared/` or `elsewhere/` beside
 * it) and expected.json: the command-line arguments, the links, FIFOs, folders and big files
 * to make at run time (git cannot hold them), and per command the exit code and the
 * diagnostics as [rule id, file, line, column]. Every case also gets, beside `repo/`, an
 * `outside/` folder of secrets, and `repo/.git/config` holding a CI token: no output
 * (reporter text, DOCX XML) may ever contain either marker.
 * UPDATE_HOSTILE=1 rewrites the expectations; review the diff before committing it.
 */
const root = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/plangen.js', import.meta.url));
const update = process.env['UPDATE_HOSTILE'] === '1';
const TOKEN = 'ghp_FAKE_TOKEN_1234';
const SECRET = 'SECRET_MARKER_contain';

type Diag = [string, string, number, number];
interface Expected {
  readonly why: string;
  readonly args: string[];
  readonly commands: ('check' | 'build')[];
  readonly symlinks?: Record<string, string>;
  readonly fifos?: string[];
  readonly dirs?: string[];
  readonly sized?: Record<string, number>;
  /** Run as a child process with a timeout (a regression would block or fill the memory). */
  readonly process?: boolean;
  readonly maxMs?: number;
  readonly written?: string[];
  readonly absent?: string[];
  readonly unchanged?: string[];
  readonly regular?: string[];
  readonly docxContains?: string;
  expect?: Record<string, { exit: number; diagnostics: Diag[] }>;
}

const cases = readdirSync(root)
  .filter((d) => d.startsWith('contain-'))
  .sort();

// A 1×1 PNG: were a refused image read anyway, it would land in the DOCX.
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082', 'hex');

/** Lay a case out in a fresh folder: its files, the secrets, then what git cannot hold. */
function layOut(dir: string, spec: Expected, caseDir: string | undefined): void {
  if (caseDir) cpSync(caseDir, dir, { recursive: true, filter: (src) => path.basename(src) !== 'expected.json' });
  mkdirSync(path.join(dir, 'repo', '.git'), { recursive: true });
  writeFileSync(path.join(dir, 'repo', '.git', 'config'), `[remote "origin"]\n\turl = https://x-access-token:${TOKEN}@github.com/office/plans\n`);
  mkdirSync(path.join(dir, 'outside', 'tpl', 'partials'), { recursive: true });
  writeFileSync(path.join(dir, 'outside', 'secret.md'), `---\ntitle: ${SECRET}\n---\n\n${SECRET}\n`);
  writeFileSync(path.join(dir, 'outside', 'x.png'), Buffer.concat([png, Buffer.from(SECRET)]));
  writeFileSync(path.join(dir, 'outside', 'target.docx'), SECRET);
  writeFileSync(path.join(dir, 'outside', 'tpl', 'template.yaml'), `name: outside\ndescription: ${SECRET}\n`);
  writeFileSync(path.join(dir, 'outside', 'tpl', 'partials', 'leaders.hbs'), `${SECRET}\n`);
  for (const d of spec.dirs ?? []) mkdirSync(path.join(dir, d), { recursive: true });
  for (const [link, target] of Object.entries(spec.symlinks ?? {})) {
    mkdirSync(path.dirname(path.join(dir, link)), { recursive: true });
    symlinkSync(target, path.join(dir, link));
  }
  for (const f of spec.fifos ?? []) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    // mkfifo is POSIX; the cases that need it are the ones this corpus exists for.
    if (spawnSync('mkfifo', [path.join(dir, f)]).status !== 0) throw new Error(`mkfifo ${f} failed`);
  }
  for (const [f, size] of Object.entries(spec.sized ?? {})) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    // Sparse: a big file that costs no disk.
    writeFileSync(path.join(dir, f), '---\n');
    truncateSync(path.join(dir, f), size);
  }
}

/** Run plangen in-process, or as a process with a timeout for the cases that could hang. */
async function run(argv: string[], cwd: string, asProcess: boolean): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  if (!asProcess) {
    const r = await runCli(argv, cwd, { ...process.env, SOURCE_DATE_EPOCH: '1750000000' });
    return { ...r, ms: Date.now() - started };
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--max-old-space-size=256', bin, ...argv],
      { cwd, timeout: 15_000, killSignal: 'SIGKILL', maxBuffer: 1 << 20, env: { ...process.env, SOURCE_DATE_EPOCH: '1750000000' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) + (err?.killed ? '\n[killed: timeout]' : ''), ms: Date.now() - started });
      },
    );
  });
}

function diagnosticsOf(json: string, cwd: string): Diag[] {
  // Each message is filed under its own file: a problem in an attachment or a partial is placed there.
  return jsonMessages(json, cwd)
    .map((m): Diag => [m.ruleId, m.file, m.line, m.column])
    .sort((a, b) => {
      const [ka, kb] = [a.join('\u0000'), b.join('\u0000')];
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
}

/** Every regular file under `dir`, links not followed. */
function regularFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...regularFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** The text of a DOCX's XML parts. */
function docxText(file: string): string {
  const parts = unzipSync(readFileSync(file));
  return Object.values(parts)
    .map((b) => Buffer.from(b).toString('utf8'))
    .join('\n');
}

const temps: { cleanup: () => void }[] = [];
afterAll(() => temps.forEach((t) => t.cleanup()));

describe('hostile corpus: containment', () => {
  it('has at least 25 cases, and every containment rule id is expected by one', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    const expectedIds = new Set(
      cases.flatMap((c) => {
        const spec = JSON.parse(readFileSync(path.join(root, c, 'expected.json'), 'utf8')) as Expected;
        return Object.values(spec.expect ?? {}).flatMap((e) => e.diagnostics.map((d) => d[0]));
      }),
    );
    const containIds = ['path-outside-project', 'symlink-outside', 'path-git-internal', 'path-is-folder', 'not-a-regular-file', 'attachment-too-large', 'image-too-large', 'template-file-too-large', 'image-remote', 'image-data-url', 'output-outside-project'];
    for (const id of containIds) {
      expect(Object.keys(catalogue), id).toContain(id);
      expect([...expectedIds], id).toContain(id);
    }
  });

  it.each(cases)('%s', async (name) => {
    const file = path.join(root, name, 'expected.json');
    const spec = JSON.parse(readFileSync(file, 'utf8')) as Expected;
    const t = tempDir('plangen-hostile-');
    temps.push(t);
    layOut(t.dir, spec, path.join(root, name));
    const cwd = path.join(t.dir, 'repo');
    const before = Object.fromEntries((spec.unchanged ?? []).map((f) => [f, readFileSync(path.join(t.dir, f))]));
    const got: Record<string, { exit: number; diagnostics: Diag[] }> = {};
    for (const command of spec.commands) {
      const r = await run([command, ...spec.args, '-f', 'json'], cwd, spec.process === true);
      expect(r.stderr, `${command}: no stack trace, no timeout`).not.toMatch(/\n\s+at |killed: timeout/);
      for (const marker of [TOKEN, SECRET]) expect(r.stdout + r.stderr, `${command} output leaks ${marker}`).not.toContain(marker);
      if (spec.maxMs) expect(r.ms, `${command} took ${r.ms} ms`).toBeLessThan(spec.maxMs);
      got[command] = { exit: r.code, diagnostics: diagnosticsOf(r.stdout, cwd) };
    }
    if (update) writeFileSync(file, JSON.stringify({ ...spec, expect: got }, null, 2) + '\n');
    expect(got).toEqual(spec.expect);

    // What was written, where: never beside a secret, never through a link, never a secret inside.
    for (const f of spec.written ?? []) expect(existsSync(path.join(t.dir, f)), `${f} written`).toBe(true);
    for (const f of spec.absent ?? []) expect(existsSync(path.join(t.dir, f)), `${f} not written`).toBe(false);
    for (const f of spec.regular ?? []) expect(lstatSync(path.join(t.dir, f)).isFile(), `${f} is a file, not a link`).toBe(true);
    for (const [f, bytes] of Object.entries(before)) expect(readFileSync(path.join(t.dir, f)).equals(bytes), `${f} unchanged`).toBe(true);
    const outputs = regularFiles(t.dir).filter((f) => /\.(docx|pdf)$/.test(f) && !f.startsWith(path.join(t.dir, 'outside')));
    const expectedOutputs = (spec.written ?? []).map((f) => path.join(t.dir, f)).sort();
    expect(outputs.sort(), 'outputs written exactly where expected').toEqual(expectedOutputs);
    for (const out of outputs) {
      const text = docxText(out);
      for (const marker of [TOKEN, SECRET]) expect(text, `${out} leaks ${marker}`).not.toContain(marker);
      if (spec.docxContains) expect(text).toContain(spec.docxContains);
    }
  });
});

describe('a CI checkout that tries every way to reach its own token', () => {
  const plan = (name: string, front: string, body = '') => `---\ntitle: 关于${name}的工作方案\ndate: 2025-06-03\n${front}---\n\n## 指导思想\n\n正文。\n${body}`;
  /** One plan per way in, so no error elsewhere in a plan hides another. */
  const ways = (repo: string): Record<string, string> => ({
    'attachment-relative.md': plan('附件相对路径', 'attachments:\n  - { title: 配置, file: ../.git/config }\n'),
    'attachment-relative-md.md': plan('附件相对路径', 'attachments:\n  - { title: 配置, file: ../.git/config.md }\n'),
    'attachment-absolute.md': plan('附件绝对路径', `attachments:\n  - { title: 配置, file: ${path.join(repo, '.git', 'config')} }\n`),
    'attachment-link.md': plan('附件链接', 'attachments:\n  - { title: 配置, file: 令牌.md }\n'),
    'image-relative.md': plan('图片相对路径', '', '\n![](../.git/config)\n'),
    'image-file-url.md': plan('图片文件地址', '', `\n![](file://${path.join(repo, '.git', 'config')})\n`),
    'image-link.md': plan('图片链接', '', '\n![](令牌.png)\n'),
    'template-path.md': plan('模板路径', 'template: ../.git\n'),
    'template-partial-link.md': plan('模板片段链接', 'template: ../tpl\n'),
  });

  it('check and build fail on each, and no output holds the token', async () => {
    const t = tempDir('plangen-ci-');
    temps.push(t);
    const repo = path.join(t.dir, 'repo');
    layOut(t.dir, { why: '', args: [], commands: [] }, undefined);
    mkdirSync(path.join(repo, 'plans'));
    for (const [name, text] of Object.entries(ways(repo))) writeFileSync(path.join(repo, 'plans', name), text);
    symlinkSync('../.git/config', path.join(repo, 'plans', '令牌.md'));
    symlinkSync('../.git/config', path.join(repo, 'plans', '令牌.png'));
    symlinkSync('../.git/config', path.join(repo, 'plans', '说明.md'));
    mkdirSync(path.join(repo, 'tpl', 'partials'), { recursive: true });
    writeFileSync(path.join(repo, 'tpl', 'template.yaml'), 'name: 本单位\n');
    symlinkSync('../../.git/config', path.join(repo, 'tpl', 'partials', 'extra.hbs'));

    let all = '';
    // Each plan alone: a problem in the documents (1), never a clean run.
    for (const name of Object.keys(ways(repo))) {
      for (const command of ['check', 'build']) {
        const r = await runCli([command, `plans/${name}`, '-f', 'json'], repo);
        all += r.stdout + r.stderr;
        expect(r.code, `${command} ${name}`).toBe(1);
        expect(diagnosticsOf(r.stdout, repo).length, `${command} ${name} says why`).toBeGreaterThan(0);
      }
    }
    // The folder, as CI runs it: the linked plan is refused too, in every report format.
    for (const command of ['check', 'build']) {
      for (const format of ['stylish', 'json', 'github']) {
        const r = await runCli([command, 'plans', '-f', format], repo);
        all += r.stdout + r.stderr;
        expect(r.code, `${command} plans -f ${format}`).toBe(1);
      }
    }
    // As a shell expands plans/*.md: the links are named too, and refused all the same.
    const globbed = readdirSync(path.join(repo, 'plans')).filter((f) => f.endsWith('.md')).sort().map((f) => `plans/${f}`);
    for (const command of ['check', 'build']) {
      const r = await runCli([command, ...globbed, '-f', 'json'], repo);
      all += r.stdout + r.stderr;
      expect(r.code, `${command} plans/*.md`).toBe(1);
      expect(diagnosticsOf(r.stdout, repo)).toContainEqual(['path-git-internal', 'plans/说明.md', 1, 1]);
    }
    const folder = diagnosticsOf((await runCli(['check', 'plans', '-f', 'json'], repo)).stdout, repo);
    expect(folder).toEqual([
      ['attachment-path', 'plans/attachment-absolute.md', 5, 24],
      ['attachment-path', 'plans/attachment-relative.md', 5, 24],
      ['path-git-internal', 'plans/attachment-link.md', 5, 24],
      ['path-git-internal', 'plans/attachment-relative-md.md', 5, 24],
      ['path-git-internal', 'plans/image-file-url.md', 10, 1],
      ['path-git-internal', 'plans/image-link.md', 10, 1],
      ['path-git-internal', 'plans/image-relative.md', 10, 1],
      ['path-git-internal', 'plans/template-path.md', 4, 11],
      ['path-git-internal', 'plans/令牌.md', 1, 1],
      ['path-git-internal', 'plans/说明.md', 1, 1],
      ['path-git-internal', 'tpl/partials/extra.hbs', 1, 1],
    ]);
    expect(all).not.toContain(TOKEN);
    expect(regularFiles(t.dir).filter((f) => /\.(docx|pdf)$/.test(f) && !f.includes(`${path.sep}outside${path.sep}`))).toEqual([]);
  });
});

describe('a project reached through a linked folder (~/work -> /data/work)', () => {
  it('reads its own attachments and images as before', async () => {
    const t = tempDir('plangen-linked-');
    temps.push(t);
    layOut(t.dir, { why: '', args: [], commands: [] }, undefined);
    const repo = path.join(t.dir, 'repo');
    mkdirSync(path.join(repo, '附件'));
    writeFileSync(path.join(repo, '附件', '说明.md'), '## 说明\n\n附件正文 LINKED_TEXT。\n');
    writeFileSync(path.join(repo, '图.png'), png);
    writeFileSync(path.join(repo, 'plan.md'), `---\ntitle: 关于经链接打开的工作方案\ndate: 2025-06-03\nattachments:\n  - { title: 说明, file: 附件/说明.md }\n---\n\n## 指导思想\n\n正文。\n\n![图](图.png)\n`);
    symlinkSync('repo', path.join(t.dir, 'work'));
    const cwd = path.join(t.dir, 'work');
    expect(await runCli(['check', 'plan.md'], cwd)).toMatchObject({ code: 0, stdout: '' });
    expect((await runCli(['build', 'plan.md'], cwd)).code).toBe(0);
    expect(docxText(path.join(repo, 'plan.docx'))).toContain('LINKED_TEXT');
  });
});

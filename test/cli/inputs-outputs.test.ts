import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import * as path from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/io/io.js';
import { version } from '../../src/version.js';
import { staticBase } from '../../src/cli/files.js';
import { jsonMessages, runCli, tempDir } from '../helpers/cli.js';
import { shortPlan } from '../helpers/plans.js';

const plan = shortPlan;

/** The CLI with bytes on standard input and standard output kept as bytes. */
async function runBytes(argv: string[], cwd: string, stdin?: Uint8Array): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  const out: Buffer[] = [];
  let stderr = '';
  const io: Io = {
    cwd,
    env: { ...process.env, SOURCE_DATE_EPOCH: undefined },
    stdout: { write: (s: string | Uint8Array) => out.push(Buffer.from(typeof s === 'string' ? Buffer.from(s, 'utf8') : s)) },
    stderr: { write: (s: string) => (stderr += s) },
    ...(stdin ? { stdin: Readable.from([Buffer.from(stdin)]) } : {}),
  };
  const code = await main(argv, io);
  return { code, stdout: Buffer.concat(out), stderr };
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const isDocx = (b: Uint8Array) => Buffer.from(b.subarray(0, 2)).toString('latin1') === 'PK';

let t: ReturnType<typeof tempDir>;
let w: string;
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(w, rel)), { recursive: true });
  writeFileSync(path.join(w, rel), text);
};

beforeAll(() => {
  t = tempDir();
  w = path.join(t.dir, 'office');
  mkdirSync(path.join(w, '.git'), { recursive: true });
  write('plans/2025/方案.md', plan('2025年夏季消防安全检查'));
  write('plans/2026/方案.md', plan('2026年夏季消防安全检查'));
  write('plans/2026/drafts/草稿.md', plan('草稿'));
  write('plans/README.md', '# 说明\n\n这里放方案。\n');
  write('plans/node_modules/x/plan.md', plan('不该被找到'));
  write('plans/.hidden/plan.md', plan('不该被找到'));
  write('broken.md', plan('有错误').replace('date: 2025-06-03', 'date: 2025-02-30'));
  write('outside/secret.md', plan('项目之外'));
});
afterAll(() => t.cleanup());

/** What the plan alone builds to (its reference bytes). */
async function alone(rel: string): Promise<Buffer> {
  const r = await runBytes(['build', rel, '-o', '-'], w);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('quoted globs and --exclude', () => {
  it('expands a pattern the shell did not, like a folder scan, mirroring from its static base', async () => {
    const r = await runCli(['build', 'plans/**/*.md', '--out-dir', 'out-glob'], w);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const docx = (rel: string) => readFileSync(path.join(w, 'out-glob', rel));
    expect(sha(docx('2025/方案.docx'))).toBe(sha(await alone('plans/2025/方案.md')));
    expect(sha(docx('2026/方案.docx'))).toBe(sha(await alone('plans/2026/方案.md')));
    expect(existsSync(path.join(w, 'out-glob', '2026/drafts/草稿.docx'))).toBe(true);
    // No front matter (README), node_modules and hidden folders: passed over, as a folder scan does.
    expect(existsSync(path.join(w, 'out-glob', 'README.docx'))).toBe(false);
    expect(existsSync(path.join(w, 'out-glob', 'node_modules'))).toBe(false);
    expect(existsSync(path.join(w, 'out-glob', '.hidden'))).toBe(false);
  });

  it('--exclude leaves out a folder by name at any depth, in globs and folder scans alike', async () => {
    for (const arg of ['plans/**/*.md', 'plans']) {
      const out = `out-ex-${arg.length}`;
      const r = await runCli(['build', arg, '--out-dir', out, '--exclude', 'drafts'], w);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(existsSync(path.join(w, out, '2026/方案.docx'))).toBe(true);
      expect(existsSync(path.join(w, out, '2026/drafts'))).toBe(false);
    }
    const anchored = await runCli(['check', 'plans', '--exclude', 'plans/2026/**', '--format', 'json'], w);
    expect(anchored.code).toBe(0);
    expect(anchored.stdout).toContain('2025/方案.md');
    expect(anchored.stdout).not.toContain('2026');
  });

  it('mirrors from the part of a pattern before its first wildcard', () => {
    expect(staticBase('plans/**/*.md')).toBe('plans');
    expect(staticBase('plans/202?/*.md')).toBe('plans');
    expect(staticBase('*.md')).toBe('.');
    expect(staticBase('/srv/office/plans/**/*.md')).toBe('/srv/office/plans');
  });

  it('a pattern that matches nothing is a missing file (exit 2)', async () => {
    const r = await runCli(['check', 'nowhere/**/*.md'], w);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('file-not-found');
    expect(r.stdout).toContain('nowhere/**/*.md');
  });

  it('never reads a linked plan a pattern comes upon (links are passed over, as folder links are by a scan)', async () => {
    const link = path.join(w, 'plans', '2025', 'linked.md');
    writeFileSync(path.join(t.dir, 'elsewhere.md'), plan('项目之外的链接'));
    symlinkSync(path.join(t.dir, 'elsewhere.md'), link);
    try {
      const r = await runCli(['build', 'plans/2025/*.md', '--out-dir', 'out-link'], w);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(existsSync(path.join(w, 'out-link', '方案.docx'))).toBe(true);
      expect(existsSync(path.join(w, 'out-link', 'linked.docx'))).toBe(false);
    } finally {
      rmSync(link);
    }
  });
});

describe('standard input and output', () => {
  it('- reads the plan from standard input; -o - writes the DOCX, and nothing else, to standard output', async () => {
    const source = readFileSync(path.join(w, 'plans/2025/方案.md'));
    const r = await runBytes(['build', '-', '-o', '-'], w, source);
    expect(r.code, r.stderr).toBe(0);
    expect(isDocx(r.stdout)).toBe(true);
    expect(sha(r.stdout)).toBe(sha(await alone('plans/2025/方案.md')));
    const toFile = await runBytes(['build', '-', '-o', 'from-stdin.docx'], w, source);
    expect(toFile.code).toBe(0);
    expect(toFile.stdout.length).toBe(0);
    expect(sha(readFileSync(path.join(w, 'from-stdin.docx')))).toBe(sha(r.stdout));
  });

  it('a plan from standard input finds what it references from the working folder', async () => {
    write('att/分工表.md', '| 单位 | 任务 |\n| --- | --- |\n| 街道办 | 检查 |\n');
    const source = plan('带附件').replace('date: 2025-06-03', 'date: 2025-06-03\nattachments:\n  - { title: 任务分工表, file: att/分工表.md }');
    const ok = await runBytes(['build', '-', '-o', '-'], w, new TextEncoder().encode(source));
    expect(ok.code, ok.stderr).toBe(0);
    expect(isDocx(ok.stdout)).toBe(true);
    const missing = await runBytes(['check', '-'], w, new TextEncoder().encode(source.replace('att/分工表.md', 'att/没有.md')));
    expect(missing.code).toBe(1);
    expect(missing.stdout.toString('utf8')).toMatch(/<stdin>:\d+:\d+\s.*att\/没有\.md/);
  });

  it('problems in a plan from standard input are shown at <stdin>:line:column', async () => {
    const r = await runBytes(['check', '-'], w, readFileSync(path.join(w, 'broken.md')));
    expect(r.code).toBe(1);
    expect(r.stdout.toString('utf8')).toMatch(/<stdin>:4:7\s.*impossible-date/);
  });

  it('with -o -, a failed build writes nothing to standard output and reports on standard error', async () => {
    const r = await runBytes(['build', 'broken.md', '-o', '-'], w);
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toContain('broken.md:4:7');
  });

  it('standard input without -o, and -o - with a PDF, are usage errors (exit 2) before anything is read', async () => {
    const noOut = await runBytes(['build', '-'], w, readFileSync(path.join(w, 'plans/2025/方案.md')));
    expect(noOut.code).toBe(2);
    expect(noOut.stdout.toString('utf8')).toContain('stdin-needs-output');
    const pdf = await runBytes(['build', 'plans/2025/方案.md', '-o', '-', '--to', 'pdf', '--lang', 'en'], w);
    expect(pdf.code).toBe(2);
    expect(pdf.stdout.length).toBe(0);
    expect(pdf.stderr).toContain('stdout-docx-only');
    expect(pdf.stderr).toContain('writes only the DOCX');
  });
});

describe('--out-dir mirrors the source tree', () => {
  it('keeps plans with the same name in different folders apart', async () => {
    const r = await runCli(['build', 'plans', '--out-dir', 'out'], w);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const a = readFileSync(path.join(w, 'out/2025/方案.docx'));
    const b = readFileSync(path.join(w, 'out/2026/方案.docx'));
    expect(sha(a)).toBe(sha(await alone('plans/2025/方案.md')));
    expect(sha(b)).toBe(sha(await alone('plans/2026/方案.md')));
    expect(sha(a)).not.toBe(sha(b));
  });

  it('plans named one by one keep their folders below the working folder', async () => {
    const r = await runCli(['build', 'plans/2025/方案.md', 'plans/2026/方案.md', '--out-dir', 'out-files'], w);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(existsSync(path.join(w, 'out-files/plans/2025/方案.docx'))).toBe(true);
    expect(existsSync(path.join(w, 'out-files/plans/2026/方案.docx'))).toBe(true);
  });

  it('two plans that would write the same file stop the run before anything is written, naming both', async () => {
    const r = await runCli(['build', 'plans/2025', 'plans/2026', '--out-dir', 'out-clash', '--lang', 'en'], w);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/plans\/2026\/方案\.md:1:1\s.*plans\/2025\/方案\.md would both write out-clash\/方案\.docx.*output-clash/);
    expect(existsSync(path.join(w, 'out-clash'))).toBe(false);
  });

  it('each plan is placed with its own config: outDir and pdf in a folder’s config are what the clash check sees', async () => {
    write('configured/a/方案.md', plan('甲'));
    write('configured/a/plangen.config.yaml', 'outDir: ../../out-configured\npdf: true\n');
    write('configured/b/方案.md', plan('乙'));
    write('configured/b/plangen.config.yaml', 'outDir: ../../out-configured\n');
    const r = await runCli(['build', 'configured/a', 'configured/b', '--format', 'json', '--lang', 'en'], w);
    expect(r.code).toBe(2);
    // Only the DOCX is wanted of both plans; the PDF, asked by a's config alone, has one owner.
    const clashes = jsonMessages(r.stdout, w).filter((m) => m.ruleId === 'output-clash');
    expect(clashes.map((m) => m.file)).toEqual(['configured/b/方案.md']);
    expect(r.stdout).toContain('out-configured/方案.docx');
    expect(r.stdout).not.toContain('out-configured/方案.pdf');
    expect(existsSync(path.join(w, 'out-configured'))).toBe(false);
  });

  it('names that differ only in case clash too (one file on Windows and macOS)', async () => {
    write('cased/a/Plan.md', plan('大写'));
    write('cased/b/plan.md', plan('小写'));
    const r = await runCli(['build', 'cased/a', 'cased/b', '--out-dir', 'out-case', '--to', 'both'], w);
    expect(r.code).toBe(2);
    expect(r.stdout.match(/output-clash/g)).toHaveLength(2);
    expect(existsSync(path.join(w, 'out-case'))).toBe(false);
  });
});

describe('manifest.json', () => {
  type Manifest = { plangen: string; outputs: { path: string; source: string; template: string; sha256: string; size: number }[] };

  it('lists every output with its source, template, hash and size, sorted, the same on every run', async () => {
    const r = await runCli(['build', 'plans', '--out-dir', 'out-m', '--exclude', 'drafts'], w);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const file = path.join(w, 'out-m', 'manifest.json');
    const first = readFileSync(file);
    const m = JSON.parse(first.toString('utf8')) as Manifest;
    expect(m.plangen).toBe(version);
    expect(m.outputs.map((o) => [o.path, o.source, o.template])).toEqual([
      ['2025/方案.docx', 'plans/2025/方案.md', 'plan'],
      ['2026/方案.docx', 'plans/2026/方案.md', 'plan'],
    ]);
    for (const o of m.outputs) {
      const bytes = readFileSync(path.join(w, 'out-m', o.path));
      expect(o.sha256).toBe(sha(bytes));
      expect(o.size).toBe(bytes.length);
    }
    expect((await runCli(['build', 'plans', '--out-dir', 'out-m', '--exclude', 'drafts'], w)).code).toBe(0);
    expect(sha(readFileSync(file))).toBe(sha(first));
  });

  it('--manifest writes one anywhere, with paths relative to it; without either, none is written', async () => {
    const r = await runCli(['build', 'plans/2025/方案.md', '--manifest', 'reports/manifest.json'], w);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(path.join(w, 'reports/manifest.json'), 'utf8')) as Manifest;
    expect(m.outputs).toHaveLength(1);
    expect(m.outputs[0]!.path).toBe('../plans/2025/方案.docx');
    expect(m.outputs[0]!.sha256).toBe(sha(readFileSync(path.join(w, 'plans/2025/方案.docx'))));
    expect(existsSync(path.join(w, 'plans/2025/manifest.json'))).toBe(false);
  });

  it('-o - with --manifest is refused before anything is built (usage-manifest-stdout, exit 2): it would list nothing', async () => {
    const r = await runCli(['build', 'plans/2025/方案.md', '-o', '-', '--manifest', 'reports/stdout.json', '--lang', 'en'], w);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('-o - prints the document to standard output, so no file is written for the manifest reports/stdout.json to list');
    expect(existsSync(path.join(w, 'reports/stdout.json'))).toBe(false);
  });

  it('lists only what was written: a plan with errors is left out', async () => {
    write('mixed/good.md', plan('好方案'));
    write('mixed/bad.md', readFileSync(path.join(w, 'broken.md'), 'utf8'));
    const r = await runCli(['build', 'mixed', '--out-dir', 'out-mixed'], w);
    expect(r.code).toBe(1);
    const m = JSON.parse(readFileSync(path.join(w, 'out-mixed/manifest.json'), 'utf8')) as Manifest;
    expect(m.outputs.map((o) => o.source)).toEqual(['mixed/good.md']);
  });
});

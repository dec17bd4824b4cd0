/** `plangen import` on the command line: where the plan goes, what is refused, exit codes. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/io/io.js';
import { runCli, tempDir } from '../helpers/cli.js';

const clean = '关于开展夏季消防安全检查的工作方案\n各社区居委会：\n　　一、指导思想\n　　坚持预防为主。\n某某街道办事处\n2025年6月3日\n';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('plangen-import-cli-')));
afterEach(() => cleanup());

describe('plangen import', () => {
  it('writes the plan beside the source, reports what it took, and checks it (exit 0)', async () => {
    writeFileSync(path.join(dir, '方案.txt'), clean);
    const r = await runCli(['import', '方案.txt'], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const plan = readFileSync(path.join(dir, '方案.md'), 'utf8');
    expect(plan).toMatch(/^---\ntitle: 关于开展夏季消防安全检查的工作方案\nissuer: 某某街道办事处\ndate: 2025-06-03\n/);
    expect(r.stdout).toContain('方案.txt:1:1');
    expect(r.stdout).toContain('取出 title：关于开展夏季消防安全检查的工作方案');
    expect(r.stdout).toContain('import-kept-text');
    expect(r.stderr).toBe('');
  });

  it('reports the source first, then the check of the plan; --format json stays one JSON document', async () => {
    writeFileSync(path.join(dir, 'c.txt'), clean.replace('坚持预防为主。', '联系人：xx。'));
    const r = await runCli(['import', 'c.txt'], dir);
    expect(r.stdout.indexOf('c.txt\n')).toBeLessThan(r.stdout.indexOf('c.md\n'));
    const json = await runCli(['import', 'c.txt', '-o', 'd.md', '--format', 'json'], dir);
    const files = JSON.parse(json.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
    expect(files.flatMap((f) => f.messages.map((m) => m.ruleId))).toEqual(expect.arrayContaining(['import-field', 'import-placeholder', 'placeholder']));
  });

  it('checks the new plan under the config of the folder it lands in: rule levels and lang apply', async () => {
    writeFileSync(path.join(dir, 'plangen.config.yaml'), 'lang: en\nrules:\n  placeholder: off\n');
    writeFileSync(path.join(dir, 'c.txt'), clean.replace('坚持预防为主。', '联系人：xx。'));
    const r = await runCli(['import', 'c.txt'], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // The source's blank is still named (import-placeholder), in English; the plan's check no
    // longer reports it as an error, as `plangen check c.md` would not.
    expect(r.stdout).toContain('Took title: 关于开展夏季消防安全检查的工作方案');
    expect(r.stdout).toMatch(/import-placeholder/);
    expect(r.stdout).not.toMatch(/\splaceholder\n/);
    const checked = await runCli(['check', 'c.md'], dir);
    expect(checked.code).toBe(0);
  });

  it('a broken config stops the import before anything is written (exit 2)', async () => {
    writeFileSync(path.join(dir, 'plangen.config.yaml'), 'outdir: out\n');
    writeFileSync(path.join(dir, 'a.txt'), clean);
    const r = await runCli(['import', 'a.txt'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/plangen\.config\.yaml:1:1.*unknown-field/);
    expect(existsSync(path.join(dir, 'a.md'))).toBe(false);
  });

  it('reads pasted text a line a paragraph whatever blank lines it ends with, or has around its signature', async () => {
    const pasted = '关于开展冬季消防安全检查的工作方案\n各社区居委会：\n一、指导思想\n坚持预防为主。\n\n某某街道办事处\n2025年12月3日\n\n\n';
    writeFileSync(path.join(dir, 'p.txt'), pasted);
    const r = await runCli(['import', 'p.txt'], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // The Enters at the end and the one before the signature do not make it Markdown: the
    // title stays one line, and the signature and date are taken.
    expect(readFileSync(path.join(dir, 'p.md'), 'utf8')).toMatch(/^---\ntitle: 关于开展冬季消防安全检查的工作方案\nissuer: 某某街道办事处\ndate: 2025-12-03\nrecipients: \[各社区居委会\]\n/);
  });

  it('never overwrites without --force (exit 2, the file as it was)', async () => {
    writeFileSync(path.join(dir, 'a.txt'), clean);
    writeFileSync(path.join(dir, 'a.md'), 'mine');
    const r = await runCli(['import', 'a.txt'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('“a.md”已经存在，没有覆盖');
    expect(readFileSync(path.join(dir, 'a.md'), 'utf8')).toBe('mine');
    const forced = await runCli(['import', 'a.txt', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, 'a.md'), 'utf8')).toContain('title:');
  });

  it('a Markdown source is never its own output', async () => {
    writeFileSync(path.join(dir, 'draft.md'), clean);
    const r = await runCli(['import', 'draft.md', '-o', 'plan.md'], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'draft.md'), 'utf8')).toBe(clean);
    expect(existsSync(path.join(dir, 'plan.md'))).toBe(true);
    const byDefault = await runCli(['import', 'draft.md'], dir);
    expect(byDefault.code).toBe(0);
    expect(existsSync(path.join(dir, 'draft.plan.md'))).toBe(true);
  });

  it('exit 1 when the imported plan still has problems (a blank left in)', async () => {
    writeFileSync(path.join(dir, 'b.txt'), clean.replace('坚持预防为主。', '联系人：xx。'));
    const r = await runCli(['import', 'b.txt'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/b\.txt:4:\d+\s+警告\s+原文这里有待填的空“xx”/);
    expect(r.stdout).toMatch(/b\.md:\d+:\d+\s+错误/);
  });

  it('refuses what it cannot read, in words and with exit 2, never a stack trace', async () => {
    writeFileSync(path.join(dir, 'x.pdf'), '%PDF');
    writeFileSync(path.join(dir, 'fake.docx'), 'not a zip at all');
    writeFileSync(path.join(dir, 'broken.docx'), Buffer.from('PK\u0003\u0004 truncated zip'));
    const kind = await runCli(['import', 'x.pdf'], dir);
    expect([kind.code, kind.stdout.includes('只能导入 Word 文件（.docx）')]).toEqual([2, true]);
    for (const f of ['fake.docx', 'broken.docx']) {
      const r = await runCli(['import', f], dir);
      expect(r.code, f).toBe(2);
      expect(r.stdout).toContain(`“${f}”读不出来`);
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    }
    const missing = await runCli(['import', 'nothing.docx', '--lang', 'en'], dir);
    expect([missing.code, missing.stdout.includes('File not found: nothing.docx')]).toEqual([2, true]);
  });

  it('reads standard input and prints the plan to standard output, the report to stderr', async () => {
    let stdout = '';
    let stderr = '';
    const io: Io & { stdin: AsyncIterable<Uint8Array> } = {
      cwd: dir,
      env: process.env,
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: Readable.from([Buffer.from(clean)]),
    };
    const code = await main(['import', '-', '--lang', 'en'], io);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^---\ntitle: 关于开展夏季消防安全检查的工作方案\n/);
    expect(stderr).toContain('Took title: 关于开展夏季消防安全检查的工作方案');
  });

  it('a source over 20 MB, on standard input or endless, is refused without reading it all (exit 2)', async () => {
    let stdout = '';
    let pulled = 0;
    // An endless stream: the import must stop reading just past the cap, not hold it all.
    const endless = Readable.from((function* () {
      const chunk = Buffer.alloc(1024 * 1024, 0x41);
      for (;;) {
        pulled += chunk.length;
        yield chunk;
      }
    })());
    const io: Io & { stdin: AsyncIterable<Uint8Array> } = { cwd: dir, env: process.env, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, stdin: endless };
    const code = await main(['import', '-', '--lang', 'en'], io);
    expect(code).toBe(2);
    expect(stdout).toMatch(/<stdin>:1:1.*file-too-large/);
    expect(pulled).toBeLessThan(24 * 1024 * 1024);
    writeFileSync(path.join(dir, 'big.txt'), Buffer.alloc(21 * 1024 * 1024, 0x41));
    const file = await runCli(['import', 'big.txt', '--lang', 'en'], dir);
    expect([file.code, /big\.txt:1:1.*file-too-large/.test(file.stdout)]).toEqual([2, true]);
    expect(existsSync(path.join(dir, 'big.md'))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('a named pipe or a folder given as the source is refused, not waited on (exit 2)', async () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
    const pipe = await runCli(['import', 'pipe.txt', '--lang', 'en'], dir);
    expect([pipe.code, /pipe\.txt:1:1.*not-a-regular-file/.test(pipe.stdout)]).toEqual([2, true]);
    mkdirSync(path.join(dir, 'folder.txt'));
    const folder = await runCli(['import', 'folder.txt', '--lang', 'en'], dir);
    expect([folder.code, /folder\.txt:1:1.*path-is-folder/.test(folder.stdout)]).toEqual([2, true]);
  });

  it('imports a DOCX that plangen built, attachment pages into their own files', async () => {
    const built = await runCli(['build', path.resolve('examples/fire-inspection.md'), '-o', path.join(dir, 'fire.docx')], process.cwd());
    expect(built.code, built.stdout).toBe(0);
    const r = await runCli(['import', 'fire.docx', '-o', 'imported.md'], dir);
    expect(r.code, r.stdout).toBe(0);
    const plan = readFileSync(path.join(dir, 'imported.md'), 'utf8');
    expect(plan).toContain('  - { title: 夏季消防安全检查任务分工表, file: imported-附件1.md }');
    expect(readFileSync(path.join(dir, 'imported-附件1.md'), 'utf8')).toContain('| 1 | 出租屋和群租房 | 各社区居委会 | 街道平安办 | 7月15日前 |');
  });
});

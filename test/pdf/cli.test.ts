/** `plangen doctor`, and `plangen build --pdf` on a machine without LibreOffice, through main(argv, io). */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { officialFonts } from '../../src/render/pdf/fonts.js';
import { findOnPath } from '../../src/render/pdf/tools.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { missingRenderTools } from './pdf-layout.js';

const tmp = tempDir('plangen-pdf-cli-');
afterAll(() => tmp.cleanup());

/** An environment whose PATH has poppler and fontconfig but no LibreOffice. */
function envWithoutSoffice(): Record<string, string | undefined> {
  const bin = path.join(tmp.dir, 'bin');
  if (!existsSync(bin)) {
    mkdirSync(bin);
    for (const tool of ['pdfinfo', 'pdftotext', 'pdffonts', 'fc-match']) {
      const p = findOnPath(tool, process.env);
      if (p) symlinkSync(p, path.join(bin, tool));
    }
  }
  const { PLANGEN_SOFFICE: _ignored, ...rest } = process.env;
  return { ...rest, PATH: bin };
}

describe('plangen doctor', () => {
  it.skipIf(!!missingRenderTools())('passes where LibreOffice, poppler and faces are installed, naming each face', async () => {
    const r = await runCli(['doctor'], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/LibreOffice\s+\S*soffice（LibreOffice \d+\.\d+/);
    for (const f of officialFonts) expect(r.stdout).toMatch(new RegExp(`${f.name}\\s*→ \\S+`));
    expect(r.stdout).toMatch(/^结论：可以生成 PDF/m);
  });

  it('fails without LibreOffice, in Chinese and in English', async () => {
    const zh = await runCli(['doctor'], tmp.dir, envWithoutSoffice());
    expect(zh.code).toBe(1);
    expect(zh.stdout).toContain('✗ LibreOffice  未找到');
    expect(zh.stdout).toMatch(/^结论：无法生成 PDF：未找到 LibreOffice/m);
    const en = await runCli(['doctor', '--lang', 'en'], tmp.dir, envWithoutSoffice());
    expect(en.code).toBe(1);
    expect(en.stdout).toMatch(/^Verdict: no PDF output: LibreOffice \(soffice\) not found/m);
  });
});

describe('PDF output without LibreOffice', () => {
  it('gives every job a soffice-missing diagnostic and writes nothing', async () => {
    const { convertPdfs } = await import('../../src/render/pdf/index.js');
    const pdfPath = path.join(tmp.dir, 'x.pdf');
    const jobs = ['a.md', 'b.md'].map((plan) => ({ plan, docx: new Uint8Array([0x50, 0x4b]), pdfPath, shownPdf: 'x.pdf', text: '' }));
    const results = await convertPdfs(jobs, { env: envWithoutSoffice() });
    expect(results.map((r) => [r.plan, r.diagnostics.map((d) => d.ruleId)])).toEqual([
      ['a.md', ['soffice-missing']],
      ['b.md', ['soffice-missing']],
    ]);
    expect(existsSync(pdfPath)).toBe(false);
  });

  it('still writes the DOCX, says how to install LibreOffice, and exits 2', async () => {
    const example = path.resolve('examples/community-safety.md');
    const out = path.join(tmp.dir, 'out');
    const r = await runCli(['build', example, '--pdf', '--out-dir', out], tmp.dir, envWithoutSoffice());
    expect(r.stdout).toContain('soffice-missing');
    expect(r.stdout).toContain('未找到 LibreOffice（soffice），无法生成 PDF；DOCX 已生成');
    expect(r.code).toBe(2);
    const docx = readFileSync(path.join(out, 'community-safety.docx'));
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(existsSync(path.join(out, 'community-safety.pdf'))).toBe(false);
  });
});

describe('the PDF progress count', () => {
  it('does not count a plan that failed before its PDF', async () => {
    const w = path.join(tmp.dir, 'count');
    mkdirSync(path.join(w, '.git'), { recursive: true });
    writeFileSync(path.join(w, 'b.md'), `---\ntitle: 关于开展消防检查的工作方案\nissuer: 某某区某某街道办事处\ndate: 2025-06-03\n---\n\n## 指导思想\n\n坚持人民至上。\n`);
    // An attachment that is not there: an error, so a.md (built first) is never rendered and
    // never reaches LibreOffice.
    writeFileSync(path.join(w, 'a.md'), `---\ntitle: 关于开展安全检查的工作方案\nissuer: 某某区某某街道办事处\ndate: 2025-06-03\nattachments:\n  - { title: 分工表, file: 没有这个文件.md }\n---\n\n## 指导思想\n\n坚持人民至上。\n`);
    const r = await runCli(['build', 'a.md', 'b.md', '--pdf', '--out-dir', 'out', '--no-cache', '--lang', 'en'], w, envWithoutSoffice());
    expect(r.stdout).toContain('attachment-missing');
    expect(r.stderr).toContain('Converting 2 PDF(s)');
    // Counted out of the one plan that got as far as a DOCX, not the two that asked.
    expect(r.stderr).toMatch(/\[1\/1\] PDF\s+b\.md/);
    expect(r.stderr).not.toMatch(/\[\d\/2\] PDF/);
  });
});

describe('build --to both with the build cache', () => {
  it.skipIf(!!missingRenderTools())('keeps LibreOffice’s profile in the user’s cache, and a run the cache answers never starts LibreOffice', { timeout: 180_000 }, async () => {
    const w = path.join(tmp.dir, 'office');
    const userCache = path.join(tmp.dir, 'user-cache');
    mkdirSync(path.join(w, '.git'), { recursive: true });
    for (const name of ['a', 'b']) {
      writeFileSync(path.join(w, `${name}.md`), `---\ntitle: 关于开展${name}项检查的工作方案\nissuer: 某某区某某街道办事处\ndate: 2025-06-03\n---\n\n## 指导思想\n\n坚持人民至上，全面排查整治辖区火灾隐患。\n`);
    }
    const env = { ...process.env, XDG_CACHE_HOME: userCache, SOURCE_DATE_EPOCH: undefined };
    const first = await runCli(['build', 'a.md', 'b.md', '--to', 'both', '--out-dir', 'out', '--lang', 'en'], w, env);
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(existsSync(path.join(w, 'out', 'a.pdf')) && existsSync(path.join(w, 'out', 'b.pdf'))).toBe(true);
    // The profile a warm LibreOffice used is the user's, never a folder a repository could bring.
    expect(existsSync(path.join(userCache, 'plangen', 'libreoffice'))).toBe(true);
    expect(existsSync(path.join(w, '.plangen-cache', 'libreoffice'))).toBe(false);
    // Unchanged: a LibreOffice that cannot run must not matter, since none is started.
    const broken = path.join(tmp.dir, 'broken-soffice');
    writeFileSync(broken, '#!/bin/sh\nexit 9\n', { mode: 0o755 });
    const again = await runCli(['build', 'a.md', 'b.md', '--to', 'both', '--out-dir', 'out', '--lang', 'en'], w, { ...env, PLANGEN_SOFFICE: broken });
    expect(again.code, again.stderr + again.stdout).toBe(0);
    expect(again.stderr).toContain('0 built, 2 unchanged, 0 failed');
    expect(again.stderr).not.toContain('Converting');
  });
});

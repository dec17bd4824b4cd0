/**
 * DOCX files plangen did not write: a Word-style file without heading styles (typed
 * numbers, 　　 indents, one paragraph a line) made here by LibreOffice from pasted text,
 * and pandoc's default DOCX (heading styles, a Title paragraph, Word numbering for lists,
 * bookmarks on headings). Each is made in the test from a fixture; skipped where the tool
 * is missing.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findOnPath, findSoffice } from '../../src/render/pdf/tools.js';
import { docxToMarkdown } from '../../src/import/docx-to-markdown.js';
import { importMarkdown } from '../../src/import/index.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'plangen-import-writers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function importDocx(file: string) {
  const { markdown } = await docxToMarkdown(readFileSync(file));
  const imported = importMarkdown(markdown, path.basename(file), 'docx', 0, (n) => `x-附件${n}.md`);
  const [, yamlText = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(imported.text) ?? [];
  return { data: parse(yamlText) as Record<string, any>, body, imported };
}

const soffice = findSoffice(process.env);

describe.skipIf(!soffice)('a Word-style DOCX without heading styles (LibreOffice from pasted text)', () => {
  it('gives the same plan as the text it was made from', async () => {
    const txt = path.join(work, 'word.txt');
    copyFileSync(path.join(fixtures, 'import-pasted/input.txt'), txt);
    execFileSync(soffice!, [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--infilter=Text (encoded):UTF8', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', work, txt], { stdio: 'ignore', timeout: 120_000 });
    const { data, body } = await importDocx(path.join(work, 'word.docx'));
    const fromText = importMarkdown(readFileSync(txt, 'utf8'), 'word.txt', 'text', 0, (n) => `x-附件${n}.md`);
    expect(data.title).toBe('关于开展2025年城乡环境整治行动的实施方案');
    expect(data.leaders.members).toHaveLength(4);
    expect(data.phases.map((p: { start?: string }) => p.start)).toEqual(['2025-06-05', '2025-06-16', undefined]);
    expect(data.duties).toHaveLength(3);
    expect([data.issuer, data.date, data.printed]).toEqual(['某某镇人民政府', '2025-05-28', '2025-05-29']);
    // Typed markers and indents give the same structure as the text itself.
    expect(body).toContain('## 指导思想');
    expect(`---\n${/^---\n([\s\S]*?)\n---\n/.exec(fromText.text)?.[1]}\n---\n${body}`).toBe(fromText.text);
  });
});

describe.skipIf(!soffice)('a Word-style DOCX with direct formatting (LibreOffice from HTML)', () => {
  it('reads bold typed headings as headings, spaced roles, the right-aligned signature', async () => {
    const html = path.join(work, 'formatted.html');
    copyFileSync(path.join(fixtures, 'import-word-html/source.html'), html);
    execFileSync(soffice!, [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', work, html], { stdio: 'ignore', timeout: 120_000 });
    const { data, body } = await importDocx(path.join(work, 'formatted.docx'));
    expect(data.title).toBe('关于开展2025年城乡环境整治行动的实施方案');
    expect(data.leaders.members).toEqual([
      { role: '组长', name: '张某某', post: '镇党委书记' },
      { role: '成员', name: ['赵某某', '钱某某'] },
    ]);
    expect(data.phases.map((p: { name: string }) => p.name)).toEqual(['动员部署阶段', '集中整治阶段']);
    expect([data.issuer, data.date]).toEqual(['某某镇人民政府', '2025-05-28']);
    expect(body).toMatch(/^## 指导思想$/m);
    expect(body).not.toContain('**');
  });
});

describe.skipIf(!findOnPath('pandoc', process.env))("pandoc's default DOCX", () => {
  it('reads heading styles, the Title paragraph and numbered lists', async () => {
    const docx = path.join(work, 'pandoc.docx');
    execFileSync('pandoc', ['-f', 'markdown', path.join(fixtures, 'import-pandoc/pandoc-source.md'), '-o', docx], { timeout: 60_000 });
    const { data, body } = await importDocx(docx);
    expect(data.title).toBe('关于开展2025年城乡环境整治行动的实施方案');
    expect(data.recipients).toEqual(['各村（社区）', '镇直各单位']);
    expect(data.leaders.group).toBe('城乡环境整治行动领导小组');
    expect(data.phases).toEqual([
      { name: '动员部署阶段', start: '2025-06-05', end: '2025-06-15', tasks: ['召开动员大会', '制定实施细则'] },
      { name: '集中整治阶段', start: '2025-06-16', end: '2025-09-30', tasks: ['清理积存垃圾', '整治河塘沟渠'] },
    ]);
    expect(data.targets.map((t: { op: string }) => t.op)).toEqual(['>=', '<=']);
    expect(data.duties.map((d: { unit: string }) => d.unit)).toEqual(['镇农业农村办', '镇财政所']);
    expect([data.issuer, data.date]).toEqual(['某某镇人民政府', '2025-05-28']);
    // Heading 1 is the 一、 level; bookmarks leave nothing behind; the table stays a table.
    expect(body).toMatch(/^## 指导思想$/m);
    expect(body).toMatch(/^### 加强组织领导$/m);
    expect(body).not.toContain('[]()');
    expect(body).toMatch(/^\| 序号 \| 任务 \| 时限 \|$/m);
  });
});

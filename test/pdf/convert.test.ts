/**
 * convertPdfs on DOCX files made with the docx library: one LibreOffice run for every case
 * in this file (beforeAll), then the pages are read back with poppler.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertPdfs, type PdfJob, type PdfResult } from '../../src/render/pdf/index.js';
import { makePlanDocx } from './fixture-docx.js';
import { bodyLines, missingRenderTools, pageNumberLine, pdfLayout, type PdfPage } from './pdf-layout.js';

const skip = missingRenderTools();
if (skip) console.warn(skip);

describe.skipIf(!!skip)('convertPdfs through LibreOffice', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'plangen-pdf-test-'));
  const job = (name: string, docx: Uint8Array, text: string): PdfJob => ({ plan: `${name}.md`, docx, pdfPath: path.join(dir, `${name}.pdf`), shownPdf: `${name}.pdf`, text });
  let results: Record<string, PdfResult> = {};
  let pages: PdfPage[] = [];
  let lostText = '';
  let seconds = 0;
  const tempRoot = path.join(dir, 'tmp');

  beforeAll(async () => {
    const plan = await makePlanDocx({ paragraphs: 16, attachments: 2 });
    const hanging = await makePlanDocx({ paragraphs: 16, attachments: 0, hanging: true });
    // The document's text with one more comma at the start of attachment 1: the PDF lacks it there.
    lostText = plan.text.replace('附件1', '附件1，');
    writeFileSync(path.join(dir, 'lost.pdf'), 'OLD');
    writeFileSync(path.join(dir, 'not-docx.pdf'), 'OLD');
    const jobs = [
      job('good', plan.docx, plan.text),
      job('lost', plan.docx, lostText),
      job('hanging', hanging.docx, hanging.text),
      job('not-docx', new TextEncoder().encode('这不是 DOCX 文件，只是改了扩展名的纯文本。'), '这不是 DOCX 文件'),
    ];
    const t0 = performance.now();
    mkdirSync(tempRoot);
    const list = await convertPdfs(jobs, { env: process.env, tempRoot });
    seconds = (performance.now() - t0) / 1000;
    results = Object.fromEntries(list.map((r) => [r.plan.replace(/\.md$/, ''), r]));
    pages = pdfLayout(path.join(dir, 'good.pdf'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a checked PDF with nothing lost and no face substituted', () => {
    console.log(`${Object.keys(results).length} jobs in one LibreOffice run: ${seconds.toFixed(2)} s`);
    expect(results['good']?.diagnostics).toEqual([]);
    expect(results['good']?.written).toBe(true);
    expect(readFileSync(path.join(dir, 'good.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(results['good']?.pages).toBe(pages.length);
    expect(pages.length).toBeGreaterThanOrEqual(5);
  });

  it('lays every page out on A4', () => {
    for (const p of pages) {
      expect(p.width).toBeCloseTo(595.3, 0);
      expect(p.height).toBeCloseTo(841.9, 0);
    }
  });

  it('puts 22 lines of 28 characters on a page of plain body text', () => {
    // Page 2 is all body text (page 1 holds the title, the last pages the attachments).
    const lines = bodyLines(pages[1]!);
    expect(lines).toHaveLength(22);
    const right = Math.max(...lines.map((l) => l.xMax));
    const left = Math.min(...lines.map((l) => l.xMin));
    // Full lines: from the left edge (not a paragraph's indented first line) to the right edge.
    const full = lines.filter((l) => l.xMin < left + 4 && l.xMax > right - 12 && !/\d/.test(l.text)).map((l) => [...l.text].length);
    expect(full.length).toBeGreaterThanOrEqual(15);
    // 27 where a closing mark may not start the next line (line-breaking rules), never more than 28.
    expect(full.every((n) => n === 27 || n === 28)).toBe(true);
    expect(full.filter((n) => n === 28).length).toBeGreaterThan(full.length / 2);
  });

  it('numbers pages — N — on the right of odd pages and the left of even ones', () => {
    for (const [i, p] of pages.entries()) {
      const n = pageNumberLine(p);
      expect(n?.text.replace(/\s/g, '')).toBe(`—${i + 1}—`);
      const body = bodyLines(p);
      const left = Math.min(...body.map((l) => l.xMin));
      const right = Math.max(...body.map((l) => l.xMax));
      // 空一字: one 四号 character (14 pt) in from the type area's right edge (odd) or left edge (even).
      const inset = (i + 1) % 2 === 1 ? right - n!.xMax : n!.xMin - left;
      expect(inset, `page ${i + 1}`).toBeGreaterThan(8);
      expect(inset, `page ${i + 1}`).toBeLessThan(22);
    }
  });

  it('starts each attachment on a new page, its label on the first line', () => {
    const first = pages.map((p) => bodyLines(p)[0]?.text ?? '');
    const a1 = first.indexOf('附件1');
    const a2 = first.indexOf('附件2');
    expect(a1).toBeGreaterThan(0);
    expect(a2).toBe(a1 + 1);
    expect(pages.filter((p) => p.lines.some((l) => l.text.includes('附件1'))).length).toBe(1);
  });

  it('reports lost characters on the page where they went missing and keeps the old PDF', () => {
    const page = pages.findIndex((p) => bodyLines(p)[0]?.text === '附件1') + 1;
    expect(results['lost']?.diagnostics.map((d) => [d.ruleId, d.args['page'], d.args['detail']])).toEqual([['pdf-text-lost', page, '“，”×1']]);
    expect(readFileSync(path.join(dir, 'lost.pdf'), 'utf8')).toBe('OLD');
  });

  it('catches the marks LibreOffice really drops when hanging punctuation is left on', () => {
    const [d, ...rest] = results['hanging']?.diagnostics ?? [];
    console.log('hanging punctuation left on:', JSON.stringify(d?.args));
    expect(rest).toEqual([]);
    expect(d?.ruleId).toBe('pdf-text-lost');
    // Only line-end marks go missing, never ideographs or digits.
    expect(String(d?.args['detail'])).toMatch(/^(“[，。、；：]”×\d+ ?)+$/);
    expect(results['hanging']?.written).toBeUndefined();
  });

  it('refuses input that is not a DOCX instead of making a PDF of it', () => {
    expect(results['not-docx']?.diagnostics.map((d) => d.ruleId)).toEqual(['pdf-not-docx']);
    expect(results['not-docx']?.written).toBeUndefined();
    expect(readFileSync(path.join(dir, 'not-docx.pdf'), 'utf8')).toBe('OLD');
  });

  it('removes its private folder (DOCX copies, profile, fontconfig cache) afterwards', () => {
    expect(existsSync(tempRoot)).toBe(true);
    expect(readdirSync(tempRoot)).toEqual([]);
  });
});

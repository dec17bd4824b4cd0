/**
 * Every example plan built for real (check → buildDocx) and turned into PDF in one
 * LibreOffice run, then read back with poppler: what a clerk would print. Each PDF's text is
 * also read by plangen's own reader (pdf-text.ts), which must give what pdftotext gives.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocx, checkFile } from '../../src/pipeline.js';
import { convertPdfs, type PdfJob, type PdfResult } from '../../src/render/pdf/index.js';
import { readPdfText } from '../../src/render/pdf/pdf-text.js';
import { countedSequence, findTextLoss, pagesReadHere, pdfPages } from '../../src/render/pdf/text-check.js';
import { bodyLines, missingRenderTools, pageNumberLine, pdfLayout, type PdfPage } from './pdf-layout.js';

const skip = missingRenderTools();
if (skip) console.warn(skip);

const examplesDir = path.resolve('examples');
const names = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.md'))
  .sort();

/** Type area bottom edge: A4 height minus the 35 mm bottom margin (GB §5.2.1), in points. */
const typeAreaBottom = 841.89 - (35 / 25.4) * 72;

interface Built {
  readonly name: string;
  readonly template: string;
  readonly text: string;
  readonly hasColophon: boolean;
  readonly attachments: number;
}

describe.skipIf(!!skip)('examples as PDF', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'plangen-pdf-examples-'));
  const built: Built[] = [];
  const results = new Map<string, PdfResult>();
  const layouts = new Map<string, PdfPage[]>();
  const buildFailures: string[] = [];

  beforeAll(async () => {
    const jobs: PdfJob[] = [];
    for (const name of names) {
      const abs = path.join(examplesDir, name);
      const checked = await checkFile(abs, `examples/${name}`);
      const docx = await buildDocx(checked, { sourceDateEpoch: '1748908800' });
      if (!docx.docx || docx.text === undefined || !checked.plan) {
        buildFailures.push(`${name}: ${docx.diagnostics.map((d) => d.ruleId).join(', ')}`);
        continue;
      }
      const pdfPath = path.join(dir, name.replace(/\.md$/, '.pdf'));
      jobs.push({ plan: name, docx: docx.docx, pdfPath, shownPdf: path.basename(pdfPath), text: docx.text });
      built.push({
        name,
        template: checked.plan.template,
        text: docx.text,
        hasColophon: checked.plan.template === 'official' && (checked.plan.cc.length > 0 || !!checked.plan.printer),
        attachments: docx.text.split('\n').filter((l) => /^附件\d*$/.test(l.trim())).length,
      });
    }
    const t0 = performance.now();
    for (const r of await convertPdfs(jobs, { env: process.env })) results.set(r.plan, r);
    const seconds = (performance.now() - t0) / 1000;
    console.log(`${jobs.length} examples → PDF in one LibreOffice run: ${seconds.toFixed(2)} s (${(seconds / Math.max(jobs.length, 1)).toFixed(2)} s a plan)`);
    for (const b of built) if (results.get(b.name)?.written) layouts.set(b.name, pdfLayout(path.join(dir, b.name.replace(/\.md$/, '.pdf'))));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds every example', () => {
    expect(buildFailures).toEqual([]);
    expect(built.length).toBe(names.length);
  });

  it('writes every PDF with no character lost and no wrong face', () => {
    for (const b of built) {
      const r = results.get(b.name);
      expect(r?.diagnostics.map((d) => `${d.ruleId} ${JSON.stringify(d.args)}`), b.name).toEqual([]);
      expect(r?.written, b.name).toBe(true);
    }
  });

  it('reads the same characters from each PDF as pdftotext does, page by page, with the same verdicts', () => {
    // The lost-text check reads the PDF itself (pdf-text.ts); pdftotext is only its fallback.
    const tally = (page: string) => [...countedSequence(page)].sort().join('');
    for (const b of built) {
      const file = path.join(dir, b.name.replace(/\.md$/, '.pdf'));
      const here = pagesReadHere(readPdfText(readFileSync(file)) ?? []);
      expect(here, `${b.name}: read without pdftotext`).toBeDefined();
      const there = pdfPages(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8'));
      expect(here!.map(tally), b.name).toEqual(there.map(tally));
      for (const claimed of [b.text, `${b.text}、`, `（${b.text}`]) expect(findTextLoss(claimed, here!), b.name).toEqual(findTextLoss(claimed, there));
    }
  });

  it('keeps A4 pages, at most 22 lines and 28 characters a line, and alternating page numbers', () => {
    for (const [name, pages] of layouts) {
      for (const [i, p] of pages.entries()) {
        const where = `${name} page ${i + 1}`;
        expect(p.width, where).toBeCloseTo(595.3, 0);
        expect(p.height, where).toBeCloseTo(841.9, 0);
        const number = pageNumberLine(p);
        expect(number?.text.replace(/\s/g, ''), where).toBe(`—${i + 1}—`);
        const centre = (number!.xMin + number!.xMax) / 2;
        if ((i + 1) % 2 === 1) expect(centre, `${where}: odd page number on the right`).toBeGreaterThan(p.width / 2 + 100);
        else expect(centre, `${where}: even page number on the left`).toBeLessThan(p.width / 2 - 100);
        // 三号 (16 pt) text sits on the 22 × 28 grid; tables (四号) and titles (二号) do not.
        const sanhao = p.lines.filter((l) => l.yMax - l.yMin > 19.5 && l.yMax - l.yMin < 22.5 && l.yMax <= typeAreaBottom + 4);
        const rows = new Set(sanhao.map((l) => Math.round(l.yMax)));
        expect(rows.size, where).toBeLessThanOrEqual(22);
        for (const l of sanhao) if (!/[\x21-\x7e]/.test(l.text)) expect([...l.text].length, `${where}: “${l.text}”`).toBeLessThanOrEqual(28);
      }
    }
  });

  it('starts each attachment on a new page with its label on the first line', () => {
    const withAttachments = built.filter((b) => b.attachments > 0);
    expect(withAttachments.length).toBeGreaterThan(0);
    for (const b of withAttachments) {
      const pages = layouts.get(b.name)!;
      const starts = pages.map((p, i) => [i, bodyLines(p)[0]?.text.trim() ?? ''] as const).filter(([, t]) => /^附件\d*$/.test(t));
      expect(starts.length, b.name).toBe(b.attachments);
      expect(starts[0]![0], b.name).toBeGreaterThan(0);
    }
  });

  it('puts the colophon of red-header documents at the bottom of the last page', () => {
    const official = built.filter((b) => b.hasColophon);
    expect(official.length).toBeGreaterThan(0);
    for (const b of official) {
      const pages = layouts.get(b.name)!;
      const last = bodyLines(pages[pages.length - 1]!);
      const printed = last.findIndex((l) => /印发$/.test(l.text.trim()));
      expect(printed, `${b.name}: 印发 line on the last page`).toBeGreaterThanOrEqual(0);
      expect(printed, `${b.name}: nothing below the colophon`).toBe(last.length - 1);
      // The colophon's last line ends within one line pitch (28.95 pt) of the type area's bottom.
      expect(typeAreaBottom - last[printed]!.yMax, b.name).toBeLessThan(29);
      expect(typeAreaBottom - last[printed]!.yMax, b.name).toBeGreaterThan(-6);
      for (const p of pages.slice(0, -1)) expect(p.lines.some((l) => /印发$/.test(l.text.trim())), b.name).toBe(false);
    }
  });
});

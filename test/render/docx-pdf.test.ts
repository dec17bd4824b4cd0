/**
 * What only a render can show (GB §5.2.3): LibreOffice draws a long body at 22 lines on
 * every full page and 28 characters on every full line, and loses no punctuation.
 * Skipped when soffice is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderDocx } from '../../src/render/docx/index.js';
import { md, model } from './models.js';

const hasSoffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
const hasPoppler = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
if (!hasSoffice || !hasPoppler) console.warn('docx-pdf.test: soffice or pdftotext not found; LibreOffice layout checks skipped');

/** A long body: varied sentences with Chinese punctuation, no headings. */
function longBody(paragraphs: number): string {
  const pool = [
    '各社区要对辖区内出租屋、小作坊、小餐饮等场所开展拉网式排查，',
    '重点检查消防通道是否畅通、灭火器材是否完好有效；',
    '对发现的隐患要建立台账，明确整改责任人和整改时限，',
    '做到发现一处、整改一处、销号一处。',
    '街道平安办要加强统筹协调，每周汇总检查情况，',
    '及时向领导小组报告工作进展。',
    '各科室要按照职责分工，密切配合，形成工作合力，',
    '确保各项措施落到实处，切实维护人民群众生命财产安全。',
  ];
  return Array.from({ length: paragraphs }, (_, i) => {
    const n = 5 + (i % 4);
    return Array.from({ length: n }, (_, j) => pool[(i * 3 + j) % pool.length]).join('');
  }).join('\n\n');
}

interface Line {
  readonly page: number;
  readonly xMin: number;
  readonly xMax: number;
  readonly text: string;
}

/** Lines of a PDF from `pdftotext -bbox-layout`, grouped by page. */
function pdfLines(pdf: string): Line[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines: Line[] = [];
  const pages = xml.split('<page ').slice(1);
  pages.forEach((page, p) => {
    for (const m of page.matchAll(/<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([\s\S]*?)<\/line>/g)) {
      const text = [...(m[3] ?? '').matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join('');
      lines.push({ page: p + 1, xMin: Number(m[1]), xMax: Number(m[2]), text });
    }
  });
  return lines;
}

describe.skipIf(!hasSoffice || !hasPoppler)('LibreOffice render', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'plangen-lo-'));
  let lines: Line[] = [];
  let sourceText = '';
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(async () => {
    const out = await renderDocx(model(md(longBody(40))));
    sourceText = out.text;
    const docx = path.join(work, 'long.docx');
    writeFileSync(docx, out.docx);
    // Each run gets its own profile: two soffice processes sharing one fail.
    execFileSync('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, docx], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    const pdf = path.join(work, 'long.pdf');
    expect(existsSync(pdf)).toBe(true);
    lines = pdfLines(pdf).filter((l) => !/^—\d+—$/.test(l.text));
    // Keep the PDF for a human look when asked to.
    if (process.env.PLANGEN_KEEP_PDF) writeFileSync(process.env.PLANGEN_KEEP_PDF, readFileSync(pdf));
  }, 180_000);

  test('22 lines on every full page', () => {
    const pages = Math.max(...lines.map((l) => l.page));
    expect(pages).toBeGreaterThanOrEqual(4);
    for (let p = 1; p < pages; p++) expect(lines.filter((l) => l.page === p).length, `page ${p}`).toBe(22);
  });

  test('28 characters on full lines (27 only where a closing mark may not start a line)', () => {
    // A full line starts at the left edge of the type area (not a first line) and runs to the right edge.
    const left = Math.min(...lines.map((l) => l.xMin));
    const right = Math.max(...lines.map((l) => l.xMax));
    const full = lines.filter((l) => Math.abs(l.xMin - left) < 2 && right - l.xMax < 8);
    expect(full.length).toBeGreaterThan(60);
    const counts = full.map((l) => [...l.text].length);
    expect(Math.max(...counts)).toBe(28);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(27);
    expect(counts.filter((c) => c === 28).length / counts.length).toBeGreaterThan(0.75);
    // The type area is 156 mm wide: 442 pt from 79.4 pt (28 mm) on.
    expect(left).toBeCloseTo(1587 / 20, 0);
    expect(right).toBeLessThanOrEqual((1587 + 8844) / 20 + 1);
  });

  test('no punctuation lost in justified lines', () => {
    const drawn = lines.map((l) => l.text).join('');
    for (const mark of ['，', '。', '、', '；']) {
      const want = [...sourceText].filter((c) => c === mark).length;
      expect([...drawn].filter((c) => c === mark).length, mark).toBe(want);
    }
  });
});

/** Reading a rendered PDF back for layout assertions (poppler's pdfinfo / pdftotext -bbox-layout). */
import { execFileSync } from 'node:child_process';
import { findOnPath, findSoffice } from '../../src/render/pdf/tools.js';

export interface PdfLine {
  readonly text: string;
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

export interface PdfPage {
  readonly width: number;
  readonly height: number;
  readonly lines: readonly PdfLine[];
}

/** Why the rendering tests cannot run here, or undefined when they can. */
export function missingRenderTools(): string | undefined {
  if (!findSoffice(process.env)) return 'LibreOffice (soffice) is not installed: PDF rendering tests skipped (CI installs it with scripts/install-system-deps.sh)';
  const lacking = ['pdfinfo', 'pdftotext', 'pdffonts'].filter((t) => !findOnPath(t, process.env));
  return lacking.length ? `poppler-utils (${lacking.join(', ')}) not installed: PDF rendering tests skipped` : undefined;
}

export function pdfPageCount(file: string): number {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(out)?.[1] ?? 0);
}

/** Every page's lines, words joined (pdftotext splits a line at Latin/CJK changes). */
export function pdfLayout(file: string): PdfPage[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages: PdfPage[] = [];
  for (const page of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const lines: PdfLine[] = [];
    for (const line of page[3]!.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words = [...line[5]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => decode(w[1]!));
      lines.push({ text: words.join(''), xMin: Number(line[1]), yMin: Number(line[2]), xMax: Number(line[3]), yMax: Number(line[4]) });
    }
    lines.sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
    pages.push({ width: Number(page[1]), height: Number(page[2]), lines });
  }
  return pages;
}

function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The footer's page number line (`— N —`), if the page has one. */
export function pageNumberLine(page: PdfPage): PdfLine | undefined {
  return page.lines.find((l) => /^[—–-]\s*\d+\s*[—–-]$/.test(l.text.trim()));
}

/** Lines of the type area (everything but the footer), grouped by baseline. */
export function bodyLines(page: PdfPage): PdfLine[] {
  const footer = pageNumberLine(page);
  const rows: PdfLine[] = [];
  for (const l of page.lines) {
    if (l === footer) continue;
    const row = rows.find((r) => Math.abs(r.yMax - l.yMax) < 2);
    if (row) rows[rows.indexOf(row)] = { text: row.xMin < l.xMin ? row.text + l.text : l.text + row.text, xMin: Math.min(row.xMin, l.xMin), xMax: Math.max(row.xMax, l.xMax), yMin: Math.min(row.yMin, l.yMin), yMax: row.yMax };
    else rows.push(l);
  }
  return rows.sort((a, b) => a.yMax - b.yMax);
}

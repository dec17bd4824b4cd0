/**
 * Shared by the pasted-text corpora under test/fixtures/pasted/: the cases of one area
 * (folders named `<prefix>-…`), the built DOCX read back as lines, and the expected-file
 * comparison that `npm run fixtures:update` rewrites.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { attr, readDocx, select, select1 } from './docx-xml.js';

export const pastedRoot = fileURLToPath(new URL('../fixtures/pasted/', import.meta.url));
const update = process.env['UPDATE_FIXTURES'] === '1';

/** The case folders of one area, sorted. */
export function pastedCases(prefix: string): string[] {
  return readdirSync(pastedRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith(`${prefix}-`))
    .map((d) => d.name)
    .sort();
}

/**
 * The body of a DOCX as lines: paragraphs as `style<TAB>[face]text…` (a face change inside a
 * paragraph starts a new `[face]`, 粗 for bold) and table rows as `Table<TAB>cell | cell`.
 */
export function documentLines(docx: Uint8Array): string[] {
  const doc = readDocx(docx).document;
  const lines: string[] = [];
  for (const node of select('/w:document/w:body/*', doc)) {
    const name = (node as Element).localName;
    if (name === 'tbl') {
      for (const row of select('./w:tr', node)) {
        lines.push(`Table\t${select('./w:tc', row).map((c) => select('.//w:t', c).map((t) => t.textContent).join('')).join(' | ')}`);
      }
      continue;
    }
    if (name !== 'p') continue;
    let text = '';
    let face = '';
    for (const run of select('./w:r[w:t]', node)) {
      const font = attr(select1('./w:rPr/w:rFonts', run), 'w:eastAsia') ?? '';
      const bold = select1('./w:rPr/w:b', run) ? '粗' : '';
      const runFace = `${font}${bold}`;
      if (runFace !== face) text += `[${runFace}]`;
      face = runFace;
      text += select('./w:t', run).map((t) => t.textContent).join('');
    }
    if (text !== '') lines.push(`${attr(select1('./w:pPr/w:pStyle', node), 'w:val') ?? 'Body'}\t${text}`);
  }
  return lines;
}

/** Compare with an expected file (rewritten under UPDATE_FIXTURES=1). */
export function compareExpected(file: string, actual: string): void {
  if (update) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

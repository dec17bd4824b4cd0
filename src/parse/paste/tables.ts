import type { Table, TableCell, TableRow } from 'mdast';
import type { SourceText } from '../../read/source.js';
import { lineText, point, type Line } from './lines.js';

/**
 * Tables pasted from Word or Excel arrive as lines whose cells are separated by tabs (or,
 * from web pages and aligned text, by runs of spaces). A run of at least two consecutive
 * lines with the same number (≥ 2) of cells is read as a table, first line the header.
 */

// A separator: any run of spaces (also U+3000, U+00A0) that holds a tab, or two or more spaces.
const SEPARATOR = /[ \u3000\u00a0]*\t[ \t\u3000\u00a0]*|[ \u3000\u00a0]{2,}/g;

export interface CellSpan {
  readonly text: string;
  /** File offset of the cell's first character. */
  readonly start: number;
}

/**
 * The cells of a line, or undefined when the line is not one plain text node whose value is
 * the file's text (formatting or escapes would make cell positions guesswork).
 */
export function cellsOf(line: Line, source: SourceText): CellSpan[] | undefined {
  const only = line.nodes[0];
  if (line.nodes.length !== 1 || only?.type !== 'text' || only.position?.start.offset === undefined) return undefined;
  const start = only.position.start.offset;
  if (source.text.slice(start, only.position.end.offset) !== only.value) return undefined;
  const cells: CellSpan[] = [];
  let at = 0;
  for (const m of only.value.matchAll(SEPARATOR)) {
    cells.push({ text: only.value.slice(at, m.index), start: start + at });
    at = m.index + m[0].length;
  }
  cells.push({ text: only.value.slice(at), start: start + at });
  const kept = cells.filter((c) => c.text.trim() !== '');
  return kept.length === cells.length ? cells : undefined;
}

/** Index ranges [from, to) of the lines that form pasted tables. */
export function tableRuns(lines: readonly Line[], source: SourceText): Array<{ from: number; to: number; cells: CellSpan[][] }> {
  const cells = lines.map((l) => cellsOf(l, source));
  const runs: Array<{ from: number; to: number; cells: CellSpan[][] }> = [];
  let i = 0;
  while (i < lines.length) {
    const n = cells[i]?.length ?? 0;
    let j = i + 1;
    while (n >= 2 && j < lines.length && cells[j]?.length === n) j++;
    if (n >= 2 && j - i >= 2) runs.push({ from: i, to: j, cells: cells.slice(i, j) as CellSpan[][] });
    i = n >= 2 && j - i >= 2 ? j : i + 1;
  }
  return runs;
}

/** The mdast table for a run of pasted lines; every cell keeps its file position. */
export function tableOf(rows: readonly CellSpan[][], source: SourceText): Table {
  const width = rows[0]?.length ?? 0;
  const children: TableRow[] = rows.map((row) => {
    const cells: TableCell[] = row.map((c) => {
      const end = c.start + c.text.length;
      const position = { start: point(source, c.start), end: point(source, end) };
      return { type: 'tableCell', children: [{ type: 'text', value: c.text, position }], position };
    });
    const first = cells[0]?.position;
    const last = cells[cells.length - 1]?.position;
    return { type: 'tableRow', children: cells, ...(first && last ? { position: { start: first.start, end: last.end } } : {}) };
  });
  const first = children[0]?.position;
  const last = children[children.length - 1]?.position;
  return { type: 'table', align: Array.from({ length: width }, () => null), children, ...(first && last ? { position: { start: first.start, end: last.end } } : {}) };
}

/** The same table written as a GFM table, for the clerk to paste back into the plan. */
export function gfmTable(lines: readonly Line[]): string {
  const rows = lines.map((l) => lineText(l).trim().split(SEPARATOR).map((c) => c.trim().replace(/\|/g, '\\|')));
  const width = rows[0]?.length ?? 0;
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [row(rows[0] ?? []), row(Array.from({ length: width }, () => '---')), ...rows.slice(1).map(row)].join('\n');
}

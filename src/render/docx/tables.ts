import type { AlignType, Table as MdTable, TableCell as MdTableCell } from 'mdast';
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { CHAR_4, SIZE_4, TYPE_WIDTH } from './metrics.js';
import { takePageBreak, type RenderContext } from './context.js';
import { inlineRuns, type RunStyle } from './inline.js';
import { paragraphOf, placedAt, type BodyParagraph } from './paragraphs.js';
import { blockXml, XmlBlock } from './xml-text.js';
import type { DeletedRow } from './revisions.js';

/** Cell padding docx's Normal Table style gives on each side (108 twips). */
const CELL_PADDING = 2 * 108;
/** Space above and below cell text, in twips. */
const CELL_AIR = 85;
/** No column narrower than two characters of 四号 plus padding. */
const MIN_COLUMN = 2 * CHAR_4 + CELL_PADDING;

/** A column asking for no more than this (five 四号 characters) is never squeezed. */
const SHORT_COLUMN = 5 * CHAR_4 + CELL_PADDING;
/** Renderers wrap text that fills a cell to the twip: leave a little air. */
const SLACK = 60;

/**
 * Column widths that fill the type width exactly. Each column asks for its longest cell (a
 * Chinese character counts two half-widths, Latin one), at least two characters. When all
 * asks fit, the width left over is shared in proportion to them. When they do not, short
 * columns (序号, 完成时限: up to five characters) keep their ask and long ones share what is
 * left in proportion to their excess, so only long text wraps. The last column takes the
 * rounding so the sum is exactly `total`.
 */
export function columnWidths(cellTexts: readonly (readonly string[])[], columns: number, total = TYPE_WIDTH): number[] {
  if (columns <= 0) return [];
  const wants = Array.from({ length: columns }, (_, c) => {
    const longest = Math.max(0, ...cellTexts.map((row) => displayWidth(row[c] ?? '')));
    const spaced = Math.max(0, ...cellTexts.map((row) => scriptChanges(row[c] ?? '')));
    return Math.max(MIN_COLUMN, (longest * CHAR_4) / 2 + CELL_PADDING + SLACK + spaced * AUTOSPACE);
  });
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (sum(wants) <= total) {
    widths = wants.map((w) => Math.floor((w * total) / sum(wants)));
  } else {
    const floors = wants.map((w) => Math.min(w, SHORT_COLUMN));
    if (sum(floors) >= total) {
      widths = floors.map((f) => Math.floor((f * total) / sum(floors)));
    } else {
      const excess = wants.map((w, i) => w - (floors[i] ?? 0));
      const spare = total - sum(floors);
      widths = floors.map((f, i) => f + Math.floor((spare * (excess[i] ?? 0)) / sum(excess)));
    }
  }
  widths[columns - 1] = (widths[columns - 1] ?? 0) + (total - sum(widths));
  return widths;
}

/**
 * LibreOffice puts about a quarter space between Chinese and digits or Latin letters even
 * with `autoSpaceDE`/`autoSpaceDN` off (measured: 3.3 pt at 四号 and 三号), so “7月15日前” needs
 * that much more room there.
 */
const AUTOSPACE = 70;

/** How often text switches between wide (Chinese) and narrow characters. */
export function scriptChanges(text: string): number {
  let changes = 0;
  let last: boolean | undefined;
  for (const ch of text) {
    const wide = displayWidth(ch) === 2;
    if (last !== undefined && wide !== last) changes++;
    last = wide;
  }
  return changes;
}

/** Width of text in half-characters: wide characters count 2. */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}\u201c\u201d\u2018\u2019\u2014\u2026]/u.test(ch) ? 2 : 1;
  return n;
}

/**
 * A GFM table: full type width with an explicit grid and fixed layout (non-Word renderers
 * draw docx's default 100-twip columns as slivers), 0.5 pt black borders, a repeating 黑体
 * header row, rows that never split, and 四号仿宋 cell text with single spacing and no
 * first-line indent (exact 579 spacing in cells clips and LibreOffice snaps rows anyway).
 */
export function tableBlock(node: MdTable, ctx: RenderContext): Table | XmlBlock {
  const columns = Math.max(1, ...node.children.map((r) => r.children.length));
  const texts = node.children.map((row) => row.children.map(cellPlainText));
  const widths = columnWidths(texts, columns);
  const pageBreak = takePageBreak(ctx);
  // A revision's table (plangen diff) and one holding an image are docx's to write.
  if (!ctx.revisions && !holdsImage(node, ctx)) return tableXml(node, ctx, widths, columns, pageBreak);
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const first = ctx.revisions?.next;
  const rows = node.children.flatMap((row, r) => {
    const header = r === 0;
    const gone = ctx.revisions ? ctx.revisions.deletedRows(ctx.revisions.next) : [];
    ctx.revisions?.startRow();
    const style: RunStyle = { font: header ? ctx.fonts.hei : ctx.fonts.fang, size: SIZE_4, condensed: false };
    const cells = Array.from({ length: columns }, (_, c) => {
      const cell = row.children[c];
      const align = header ? 'center' : (node.align?.[c] ?? null);
      return new TableCell({
        width: { size: widths[c] ?? MIN_COLUMN, type: WidthType.DXA },
        verticalAlign: VerticalAlignTable.CENTER,
        children: [cellParagraph(cell, style, align, ctx, pageBreak && r === 0 && c === 0, true) as Paragraph],
      });
    });
    const inserted = ctx.revisions?.rowInserted();
    const made = new TableRow({ children: cells, cantSplit: true, ...(header ? { tableHeader: true } : {}), ...(inserted ? { insertion: inserted } : {}) });
    return [...gone.map((g) => deletedRow(g, widths, columns)), made];
  });
  const table = new Table({
    rows,
    width: { size: TYPE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    // Single-spaced cell text off the grid needs some air above and below (about 1.5 mm).
    margins: { top: CELL_AIR, bottom: CELL_AIR, left: CELL_PADDING / 2, right: CELL_PADDING / 2 },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
  });
  if (first !== undefined) placedAt.set(table, first);
  return table;
}

/** A row of the old version that is gone, shown as a deleted row with its cells' text deleted. */
function deletedRow(row: DeletedRow, widths: readonly number[], columns: number): TableRow {
  const cells = Array.from({ length: Math.max(columns, row.cells.length) }, (_, c) =>
    new TableCell({
      width: { size: widths[c] ?? MIN_COLUMN, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: [
        new Paragraph({
          style: 'TableText',
          spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
          indent: { firstLine: 0 },
          ...(row.marks[c] ? { run: { deletion: row.marks[c] } } : {}),
          children: [...(row.cells[c] ?? [])],
        }),
      ],
    }),
  );
  return new TableRow({ children: cells, cantSplit: true, deletion: row.deleted });
}

function cellPlainText(cell: MdTableCell): string {
  let text = '';
  const walk = (n: unknown): void => {
    const node = n as { value?: unknown; children?: unknown[] };
    if (typeof node.value === 'string') text += node.value;
    node.children?.forEach(walk);
  };
  walk(cell);
  return text;
}

/**
 * The table as text: what docx writes for the Table built above from the same rows, with
 * each cell's paragraph written as text too.
 */
function tableXml(node: MdTable, ctx: RenderContext, widths: readonly number[], columns: number, pageBreak: boolean): XmlBlock {
  let xml = `<w:tbl>${TABLE_PROPERTIES}<w:tblGrid>`;
  for (const w of widths) xml += `<w:gridCol w:w="${w}"/>`;
  xml += '</w:tblGrid>';
  node.children.forEach((row, r) => {
    const header = r === 0;
    const style: RunStyle = { font: header ? ctx.fonts.hei : ctx.fonts.fang, size: SIZE_4, condensed: false };
    xml += header ? '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>' : '<w:tr><w:trPr><w:cantSplit/></w:trPr>';
    for (let c = 0; c < columns; c++) {
      const align = header ? 'center' : (node.align?.[c] ?? null);
      const paragraph = cellParagraph(row.children[c], style, align, ctx, pageBreak && r === 0 && c === 0, false);
      xml += `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${widths[c] ?? MIN_COLUMN}"/><w:vAlign w:val="center"/></w:tcPr>${blockXml(paragraph)}</w:tc>`;
    }
    xml += '</w:tr>';
  });
  return new XmlBlock(`${xml}</w:tbl>`);
}

const TABLE_BORDER = 'w:val="single" w:color="000000" w:sz="4"';

/** The `w:tblPr` docx writes for every table's options (tableBlock): full width, fixed layout, borders, cell margins. */
const TABLE_PROPERTIES =
  `<w:tblPr><w:tblW w:type="dxa" w:w="${TYPE_WIDTH}"/><w:tblBorders>` +
  ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} ${TABLE_BORDER}/>`).join('') +
  `</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:type="dxa" w:w="${CELL_AIR}"/><w:left w:type="dxa" w:w="${CELL_PADDING / 2}"/>` +
  `<w:bottom w:type="dxa" w:w="${CELL_AIR}"/><w:right w:type="dxa" w:w="${CELL_PADDING / 2}"/></w:tblCellMar></w:tblPr>`;

/** True when a cell of the table shows an image (inline.ts makes an image run only for a resolved image). */
function holdsImage(node: MdTable, ctx: RenderContext): boolean {
  const walk = (n: { type: string; url?: string; children?: unknown[] }): boolean =>
    (n.type === 'image' && n.url !== undefined && ctx.images.has(n.url)) || (n.children?.some((c) => walk(c as typeof n)) ?? false);
  return walk(node);
}

function cellParagraph(cell: MdTableCell | undefined, style: RunStyle, align: AlignType, ctx: RenderContext, pageBreak: boolean, docx: boolean): BodyParagraph {
  const inline = inlineRuns(cell?.children ?? [], style, ctx);
  ctx.lines.push(inline.text);
  const revised = ctx.revisions?.paragraph(inline.runs, 'cell', false);
  const properties = {
    style: 'TableText',
    ...(pageBreak ? { pageBreakBefore: true } : {}),
    alignment: align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
    indent: { firstLine: 0 },
    widowControl: false,
    overflowPunctuation: true,
    ...(revised?.inserted ? { run: { insertion: revised.inserted } } : {}),
  };
  return paragraphOf(properties, revised?.children ?? inline.runs, revised !== undefined || docx);
}

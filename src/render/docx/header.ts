import { AlignmentType, BorderStyle, LineRuleType, TabStopType, type Paragraph, type ParagraphChild } from 'docx';
import type { DocRedHeader } from '../../model/document.js';
import { CHAR_3, LINE_PITCH, MARK_OFFSET, SIZE_2, SIZE_3, TYPE_WIDTH } from './metrics.js';
import type { RenderContext } from './context.js';
import { textRun, type RunStyle } from './inline.js';
import { blankLine, bodyStyle, gridParagraph, type BodyParagraph } from './paragraphs.js';
import { displayWidth } from './tables.js';
import { textWidth } from './doc-blocks.js';

/** The red of the issuer's mark and the rule under the number (GB §7.2.4, §7.2.7). */
export const RED = 'FF0000';
/** The largest mark: 小初 (36 pt). GB §7.2.4 leaves the size to the office, short of the width. */
const MARK_MAX_SIZE = 72;

/**
 * Size of the issuer's mark in half-points: as large as 36 pt, but never wider than the type
 * area (GB §7.2.4: 以醒目、美观、庄重为原则), and not below 二号.
 */
export function markSize(mark: string): number {
  const ems = Math.max(1, displayWidth(mark) / 2);
  return Math.max(SIZE_2, Math.min(MARK_MAX_SIZE, Math.floor(TYPE_WIDTH / (10 * ems))));
}

/**
 * 版头 (GB §7.2): 份号, 密级, 紧急程度 flush top-left on lines 1–3 (3号, 黑体 for the last
 * two); the 发文机关标志 in red 小标宋, centred, its top 35 mm below the type area's top;
 * two blank lines; the 发文字号 centred, or with 签发人 on its right when signers are given
 * (upward documents, §7.2.6); the red rule 4 mm below it, as wide as the type area; and the
 * two blank lines that separate it from the title (§7.3.1).
 */
export function redHeader(node: DocRedHeader, ctx: RenderContext): BodyParagraph[] {
  const out: BodyParagraph[] = [];
  const hei: RunStyle = { font: ctx.fonts.hei, size: SIZE_3, condensed: true };
  const topLeft: Array<[string, RunStyle]> = [];
  if (node.copyNumber) topLeft.push([node.copyNumber, bodyStyle(ctx)]);
  if (node.secrecy) topLeft.push([node.secrecy, hei]);
  if (node.urgency) topLeft.push([node.urgency, hei]);
  for (const [text, style] of topLeft) {
    out.push(gridParagraph(ctx, [textRun(text, style)], text, { alignment: AlignmentType.LEFT }));
  }

  const size = markSize(node.mark);
  const markStyle: RunStyle = { font: ctx.fonts.title, size, condensed: false, color: RED };
  // The mark's top edge must sit 35 mm below the type area's top: the lines above count
  // against that, and so does the room above the ink in a 1.2× exact line (measured in
  // LibreOffice 7.4 with a Song face at 36 pt: 14 pt, 0.39 of the size).
  const before = Math.max(0, MARK_OFFSET - topLeft.length * LINE_PITCH - Math.round(size * 10 * 0.39));
  out.push(
    gridParagraph(ctx, [textRun(node.mark, markStyle)], node.mark, {
      alignment: AlignmentType.CENTER,
      extra: { spacing: { before, after: 0, line: Math.round(size * 10 * 1.2), lineRule: LineRuleType.EXACT } },
    }),
  );
  out.push(blankLine(ctx), blankLine(ctx));
  out.push(...numberLines(node, ctx));
  out.push(blankLine(ctx), blankLine(ctx));
  return out;
}

/**
 * The red rule rides on the number line as a bottom border, so it follows the number
 * wherever the line falls. GB §7.2.7 puts it 4 mm (11 pt) under the number; the exact
 * 579 line already leaves about 5 pt under the ink, so the border's own space is 6 pt
 * (measured in LibreOffice 7.4: ink bottom to rule 11.5 pt).
 */
const RED_RULE = { bottom: { style: BorderStyle.SINGLE, size: 12, space: 6, color: RED } } as const;

function numberLines(node: DocRedHeader, ctx: RenderContext): BodyParagraph[] {
  const body = bodyStyle(ctx);
  const number = node.number ?? '';
  if (node.signers.length === 0) {
    return [
      gridParagraph(ctx, number ? [textRun(number, body)] : [], number, {
        alignment: AlignmentType.CENTER,
        extra: { border: RED_RULE },
      }),
    ];
  }
  // 签发人 (GB §7.2.6): number 居左空一字, “签发人：” and the names 居右空一字; two names a
  // line, later lines aligned under the first name; the number shares the last line.
  const kai: RunStyle = { ...body, font: ctx.fonts.kai };
  const rows: string[][] = [];
  for (let i = 0; i < node.signers.length; i += 2) rows.push(node.signers.slice(i, i + 2));
  const label = '签发人：';
  const rowText = (row: string[]): string => row.join('\u3000');
  const widest = Math.max(...rows.map((r) => textWidth(rowText(r))));
  const right = TYPE_WIDTH - CHAR_3;
  const labelStart = Math.max(0, Math.round(right - textWidth(label) - widest));
  const namesStart = Math.round(labelStart + textWidth(label));
  return rows.map((row, i) => {
    const last = i === rows.length - 1;
    const children: ParagraphChild[] = [];
    let text = '';
    if (last && number) {
      children.push(textRun(`\u3000${number}`, body));
      text += `\u3000${number}`;
    }
    children.push(textRun('\t', body));
    text += ' ';
    if (i === 0) {
      children.push(textRun(label, body));
      text += label;
    }
    children.push(textRun(rowText(row), kai));
    text += rowText(row);
    return gridParagraph(ctx, children, text, {
      alignment: AlignmentType.LEFT,
      extra: {
        tabStops: [{ type: TabStopType.LEFT, position: i === 0 ? labelStart : namesStart }],
        ...(last ? { border: RED_RULE } : {}),
      },
    });
  });
}

import type { RootContent } from 'mdast';
import { AlignmentType, type Paragraph } from 'docx';
import type { DocAttachmentNote, DocAttachmentPage, DocRecipients, DocSignature, DocTitle } from '../../model/document.js';
import { HeadingCounter } from '../../model/heading-number.js';
import { CHAR_3, CONDENSE, SIZE_2, SIZE_3, TYPE_WIDTH } from './metrics.js';
import type { BlockOut, RenderContext } from './context.js';
import { textRun, type RunStyle } from './inline.js';
import { blankLine, bodyStyle, FIRST_LINE_INDENT, gridParagraph, type BodyParagraph } from './paragraphs.js';
import { displayWidth, scriptChanges } from './tables.js';

/** 小标宋 二号, centred, not bold (GB §7.3.1). */
export function titleStyle(ctx: RenderContext): RunStyle {
  return { font: ctx.fonts.title, size: SIZE_2, condensed: false };
}

/**
 * 标题, then the one blank line GB §7.3.1/§7.3.2 puts between it and what follows. Line
 * breaks the author wrote in the title are kept (a 梯形 or 菱形 shape chosen by meaning);
 * otherwise a title too long for one line is broken by {@link breakTitle}.
 */
export function title(node: DocTitle, ctx: RenderContext): BodyParagraph[] {
  const lines = node.text.includes('\n') ? node.text.split(/\r?\n/) : breakTitle(node.text);
  const style = titleStyle(ctx);
  const children = lines.map((line, i) => textRun(line, style, i > 0));
  return [gridParagraph(ctx, children, lines.join('\n'), { alignment: AlignmentType.CENTER }), blankLine(ctx)];
}

/**
 * Width of a title line in twips: 二号 Chinese characters 440, Latin letters and digits
 * half, plus the quarter space LibreOffice puts where Chinese meets digits.
 */
function titleWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += displayWidth(ch) === 2 ? 440 : 220;
  return w + scriptChanges(text) * 90;
}

// Places a title reads well broken at: after 的, around 《》, before the document kind.
const TITLE_BREAK_BEFORE = /(?=工作实施方案|工作方案|实施方案|活动方案|工作要点|行动方案|工作计划|实施计划|方案|计划|通知|意见|报告|请示|决定|办法|规定|《)/gu;
const TITLE_BREAK_AFTER = /(?:的|》)/gu;

/**
 * A title too long for one line, broken in two where a clerk would break it (GB §7.3.1:
 * 回行时要做到词意完整，排列对称): only at a word boundary from a short list (after 的 or 》,
 * before 《 or the document kind such as 工作方案/通知), choosing among those that fit the
 * type width the one that gives the most even lines. When no such place fits, the title is
 * left to the renderer's line breaking. A title the author broke by hand is kept as written.
 */
export function breakTitle(text: string, width = TYPE_WIDTH): string[] {
  if (titleWidth(text) <= width) return [text];
  const points = new Set<number>();
  for (const m of text.matchAll(TITLE_BREAK_BEFORE)) points.add(m.index);
  for (const m of text.matchAll(TITLE_BREAK_AFTER)) points.add(m.index + m[0].length);
  let best: { at: number; imbalance: number } | undefined;
  for (const at of points) {
    if (at <= 0 || at >= text.length) continue;
    const [a, b] = [text.slice(0, at), text.slice(at)];
    // A closing mark may not start the second line.
    if (/^[，。、；：？！”’）》〕]/u.test(b)) continue;
    if (titleWidth(a) > width || titleWidth(b) > width) continue;
    const imbalance = Math.abs(titleWidth(a) - titleWidth(b));
    if (!best || imbalance < best.imbalance) best = { at, imbalance };
  }
  return best ? [text.slice(0, best.at), text.slice(best.at)] : [text];
}

/**
 * 主送机关: flush left, ending with a full-width colon (GB §7.3.2). The listed offices are
 * separated by ， (各镇、乡人民政府，各街道办事处，市政府各部门：); 、 stays inside one item.
 */
export function recipients(node: DocRecipients, ctx: RenderContext): BodyParagraph {
  const text = `${node.names.join('，')}：`;
  return gridParagraph(ctx, [textRun(text, bodyStyle(ctx))], text, { alignment: AlignmentType.BOTH });
}

const TRAILING_PUNCTUATION = /[。．.，,；;、：:\s]+$/u;

/**
 * 附件说明 (GB §7.3.4): one blank line under the body, 左空二字 “附件：”; several attachments are
 * numbered 1. 2. with later numbers under the first; a wrapped name lines up with the name
 * above it; no punctuation after a name.
 */
export function attachmentNote(node: DocAttachmentNote, ctx: RenderContext): BodyParagraph[] {
  const names = node.items.map((n) => n.replace(TRAILING_PUNCTUATION, ''));
  if (names.length === 0) return [];
  const style = bodyStyle(ctx);
  const out = [blankLine(ctx)];
  const label = '附件：';
  const indent = FIRST_LINE_INDENT.firstLine;
  if (names.length === 1) {
    const text = `${label}${names[0]}`;
    // Wrapped lines of the name line up under it, not under “附件”.
    const hang = label.length * charWidth();
    out.push(gridParagraph(ctx, [textRun(text, style)], text, { indent: { left: indent + hang, firstLine: -hang } }));
    return out;
  }
  // Numbers line up under “1.” after “附件：”; a wrapped name lines up under its own first
  // character, after the number (GB §7.3.4: 回行时与上一行附件名称对齐).
  const labelWidth = label.length * charWidth();
  names.forEach((name, i) => {
    const number = `${i + 1}.`;
    const numberWidth = textWidth(number);
    const text = i === 0 ? `${label}${number}${name}` : `${number}${name}`;
    const left = indent + labelWidth + numberWidth;
    out.push(
      gridParagraph(ctx, [textRun(text, style)], text, {
        indent: { left, firstLine: -(i === 0 ? labelWidth + numberWidth : numberWidth) },
      }),
    );
  });
  return out;
}

/** Width of one 三号 character as printed: 320 twips condensed by 0.25 pt. */
function charWidth(): number {
  return CHAR_3 + CONDENSE;
}

/**
 * Width of a line of 三号 text in twips as Word lays it out: Chinese characters a full em,
 * Times New Roman digits and Latin about half (a full stop a quarter), each condensed by
 * 0.25 pt.
 */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (displayWidth(ch) === 2 ? CHAR_3 : ch === '.' ? CHAR_3 / 4 : CHAR_3 / 2) + CONDENSE;
  return w;
}

/**
 * 发文机关署名 and 成文日期 without a seal (GB §7.3.5.2): one blank line under the body; the
 * issuer right-indented two characters; the date on the next line with its first character
 * two characters right of the issuer's first character. When the date is the longer, the
 * date is right-indented two characters and the issuer moves left to keep that relation.
 * The line whose start is fixed by the other is left-aligned at a computed indent, the other
 * right-aligned: an issuer is all Chinese characters, whose width every renderer agrees on,
 * while LibreOffice puts a quarter space between digits and Chinese in a date whatever
 * `autoSpaceDN` says, so a date's own width is only trusted when it is the anchor.
 * 附注 follows, 左空二字, in （） (GB §7.3.6).
 */
export function signature(node: DocSignature, ctx: RenderContext): BodyParagraph[] {
  const style = bodyStyle(ctx);
  const out = [blankLine(ctx)];
  const two = 2 * CHAR_3;
  const issuer = node.issuer ?? '';
  const date = node.date ?? '';
  const layout = signatureLayout(textWidth(issuer), textWidth(date));
  if (issuer) {
    const indent = !date ? { right: two } : layout.issuer.align === 'right' ? { right: layout.issuer.indent } : { left: layout.issuer.indent };
    out.push(gridParagraph(ctx, [textRun(issuer, style)], issuer, { alignment: !date || layout.issuer.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT, indent }));
  }
  if (date) {
    const indent = !issuer ? { right: two } : layout.date.align === 'right' ? { right: layout.date.indent } : { left: layout.date.indent };
    out.push(gridParagraph(ctx, [textRun(date, style)], date, { alignment: !issuer || layout.date.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT, indent }));
  }
  if (node.note) {
    const text = /^[（(].*[）)]$/u.test(node.note) ? node.note : `（${node.note}）`;
    out.push(gridParagraph(ctx, [textRun(text, style)], text, { indent: { firstLine: FIRST_LINE_INDENT.firstLine, chars: true } }));
  }
  return out;
}

/** How one signature line is placed: right-aligned with a right indent, or left-aligned with a left indent (twips). */
export interface LinePlacement {
  readonly align: 'left' | 'right';
  readonly indent: number;
}

/**
 * Placement of issuer and date from their printed widths (GB §7.3.5.2): date start =
 * issuer start + 2 characters; whichever ends nearer the margin is right-indented 2 characters.
 */
export function signatureLayout(issuerWidth: number, dateWidth: number, typeWidth = TYPE_WIDTH): { issuer: LinePlacement; date: LinePlacement } {
  const two = 2 * CHAR_3;
  if (issuerWidth - two >= dateWidth) {
    const issuerStart = typeWidth - two - issuerWidth;
    return { issuer: { align: 'right', indent: two }, date: { align: 'left', indent: Math.round(issuerStart + two) } };
  }
  const dateStart = typeWidth - two - dateWidth;
  return { issuer: { align: 'left', indent: Math.max(0, Math.round(dateStart - two)) }, date: { align: 'right', indent: two } };
}

/**
 * An attachment page (GB §7.3.7): a new page; the label (附件 / 附件1) 3号黑体 flush left on
 * line 1; the attachment title centred 小标宋 二号 on line 3; then its content laid out like
 * the body, with heading numbers starting again.
 */
export function attachmentPage(
  node: DocAttachmentPage,
  ctx: RenderContext,
  out: BlockOut[],
  renderChildren: (children: RootContent[]) => void,
): void {
  ctx.pageBreakPending = true;
  const label: RunStyle = { font: ctx.fonts.hei, size: SIZE_3, condensed: true };
  out.push(gridParagraph(ctx, [textRun(node.label, label)], node.label, { alignment: AlignmentType.LEFT }));
  out.push(blankLine(ctx));
  out.push(...title({ type: 'docTitle', text: node.title }, ctx));
  ctx.headings = new HeadingCounter();
  renderChildren(node.children);
}

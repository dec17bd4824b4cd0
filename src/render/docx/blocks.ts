import type { Blockquote, Code, Heading, List, ListItem, Paragraph as MdParagraph, PhrasingContent, RootContent } from 'mdast';
import { AlignmentType, Paragraph } from 'docx';
import { splitTypedMarker } from '../../model/heading-number.js';
import { CHAR_3, SIZE_3 } from './metrics.js';
import { takePageBreak, type BlockOut, type RenderContext } from './context.js';
import { inlineRuns, markerRun, textRun, type RunStyle } from './inline.js';
import { blankLine, bodyParagraph, bodyStyle, FIRST_LINE_INDENT, gridParagraph, type BodyParagraph } from './paragraphs.js';
import { tableBlock } from './tables.js';
import { attachmentNote, attachmentPage, recipients, signature, title } from './doc-blocks.js';
import { redHeader } from './header.js';
import { colophon } from './colophon.js';

/** Where a block sits: its run style (楷体 inside quotations), extra left indent, list depth. */
export interface BlockEnv {
  readonly style: RunStyle;
  readonly left: number;
  /** How many ordered lists enclose this block. */
  readonly orderedDepth: number;
}

/** Where top-level blocks sit: body text, no extra indent, outside any list. */
export function rootEnv(ctx: RenderContext): BlockEnv {
  return { style: bodyStyle(ctx), left: 0, orderedDepth: 0 };
}

/** Render blocks in order; one handler per node type. */
export function renderBlocks(nodes: readonly RootContent[], ctx: RenderContext, env: BlockEnv, out: BlockOut[]): void {
  for (const node of nodes) renderBlock(node, ctx, env, out);
}

function renderBlock(node: RootContent, ctx: RenderContext, env: BlockEnv, out: BlockOut[]): void {
  switch (node.type) {
    case 'heading':
      out.push(heading(node, ctx, env));
      return;
    case 'paragraph':
      out.push(paragraph(node, ctx, env));
      return;
    case 'list':
      list(node, ctx, env, out);
      return;
    case 'blockquote':
      blockquote(node, ctx, env, out);
      return;
    case 'code':
      code(node, ctx, env, out);
      return;
    case 'table':
      out.push(tableBlock(node, ctx));
      return;
    case 'thematicBreak':
      // 公文 has no ornamental rules; a scene break reads as one blank line.
      out.push(blankLine(ctx));
      return;
    case 'docTitle':
      out.push(...title(node, ctx));
      return;
    case 'docRecipients':
      out.push(recipients(node, ctx));
      return;
    case 'docAttachmentNote':
      out.push(...attachmentNote(node, ctx));
      return;
    case 'docSignature':
      out.push(...signature(node, ctx));
      return;
    case 'docAttachmentPage':
      attachmentPage(node, ctx, out, (children) => renderBlocks(children, ctx, rootEnv(ctx), out));
      return;
    case 'docRedHeader':
      out.push(...redHeader(node, ctx));
      return;
    case 'docColophon':
      out.push(...colophon(node, ctx));
      return;
    case 'docPageBreak':
      ctx.pageBreakPending = true;
      return;
    default:
      // yaml, html comments, definitions and footnote definitions print nothing.
      return;
  }
}

/** mdast depth → 公文 heading level: `##` is 一、 (PLAN-FORMAT.md); `#` is treated the same. */
export function headingLevel(depth: number): 1 | 2 | 3 | 4 | null {
  if (depth <= 2) return 1;
  if (depth === 3) return 2;
  if (depth === 4) return 3;
  if (depth === 5) return 4;
  return null;
}

/** Heading faces (GB §7.3.3): 黑体, 楷体, 仿宋 (bold by convention), 仿宋. */
export function headingStyle(level: 1 | 2 | 3 | 4, ctx: RenderContext): RunStyle {
  const { fonts, layout } = ctx;
  switch (level) {
    case 1:
      return { font: fonts.hei, size: SIZE_3, condensed: true };
    case 2:
      return { font: fonts.kai, size: SIZE_3, condensed: true };
    case 3:
      return { font: fonts.fang, size: SIZE_3, condensed: true, ...(layout.boldHeading3 ? { bold: true } : {}) };
    case 4:
      return { font: fonts.fang, size: SIZE_3, condensed: true };
  }
}

function heading(node: Heading, ctx: RenderContext, env: BlockEnv): BodyParagraph {
  const level = headingLevel(node.depth);
  if (level === null) return paragraph({ type: 'paragraph', children: node.children }, ctx, env);
  const style = headingStyle(level, ctx);
  const marker = ctx.headings.next(level);
  if (node.data?.runIn !== undefined) return runInHeading(node, node.data.runIn, marker, style, ctx, env);
  const inline = inlineRuns(stripTypedMarker(node.children), style, ctx);
  return gridParagraph(ctx, [markerRun(marker, style), ...inline.runs], marker + inline.text, {
    style: `Heading${level}`,
    keepNext: true,
    outlineLevel: level - 1,
    indent: { firstLine: FIRST_LINE_INDENT.firstLine, chars: true },
  });
}

/**
 * A run-in heading (（一）加强组织领导。成立……): one body paragraph whose first sentence, with
 * the generated number, is set in the heading's face and the rest in the body face, as
 * 公文 print their lower-level headings when the text follows on the same line. A numbered
 * paragraph without a head is all body face but still takes its number from the counter.
 */
function runInHeading(node: Heading, headCount: number, marker: string, style: RunStyle, ctx: RenderContext, env: BlockEnv): BodyParagraph {
  const head = inlineRuns(stripTypedMarker(node.children.slice(0, headCount)), style, ctx);
  const rest = inlineRuns(headCount === 0 ? stripTypedMarker(node.children) : node.children.slice(headCount), env.style, ctx);
  // With no head (a long numbered paragraph) the number is body text too.
  const number = markerRun(marker, headCount === 0 ? env.style : style);
  return bodyParagraph(ctx, [number, ...head.runs, ...rest.runs], marker + head.text + rest.text, env.left);
}

/**
 * Drop a marker the author typed (一、 (二) 1、) from the heading's first text, so the
 * generated one is not printed twice.
 */
function stripTypedMarker(children: readonly PhrasingContent[]): PhrasingContent[] {
  const [first, ...rest] = children;
  if (!first) return [];
  if (first.type === 'text') {
    const { typed, rest: remaining } = splitTypedMarker(first.value);
    return typed ? [{ ...first, value: remaining }, ...rest] : [...children];
  }
  if ((first.type === 'strong' || first.type === 'emphasis') && first.children.length > 0) {
    return [{ ...first, children: stripTypedMarker(first.children) } as PhrasingContent, ...rest];
  }
  return [...children];
}

function paragraph(node: MdParagraph, ctx: RenderContext, env: BlockEnv, marker = ''): BodyParagraph {
  const inline = inlineRuns(node.children, env.style, ctx);
  if (inline.hasImage) {
    // An image line is as tall as the image: exact 579 spacing would crop it to one line.
    ctx.lines.push(marker + inline.text);
    return new Paragraph({
      ...(takePageBreak(ctx) ? { pageBreakBefore: true } : {}),
      alignment: AlignmentType.CENTER,
      widowControl: false,
      children: marker ? [markerRun(marker, env.style), ...inline.runs] : inline.runs,
    });
  }
  const runs = marker ? [markerRun(marker, env.style), ...inline.runs] : inline.runs;
  return bodyParagraph(ctx, runs, marker + inline.text, env.left);
}

/**
 * Lists become numbered paragraphs in 公文 style: the number is text (1. then （1） then ①),
 * every item a body paragraph with the usual two-character indent; bullet items are plain
 * paragraphs, since official documents print no bullet glyphs.
 */
function list(node: List, ctx: RenderContext, env: BlockEnv, out: BlockOut[]): void {
  const start = node.start ?? 1;
  node.children.forEach((item, i) => {
    const marker = node.ordered ? listMarker(env.orderedDepth, start + i) : '';
    listItem(item, marker, ctx, { ...env, orderedDepth: env.orderedDepth + (node.ordered ? 1 : 0) }, out);
  });
}

/** 1. → （1） → ① by depth of ordered lists. */
export function listMarker(depth: number, n: number): string {
  if (depth === 0) return `${n}.`;
  if (depth === 1) return `（${n}）`;
  return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `${n})`;
}

function listItem(item: ListItem, marker: string, ctx: RenderContext, env: BlockEnv, out: BlockOut[]): void {
  let pending = marker;
  for (const child of item.children) {
    if (child.type === 'paragraph') {
      out.push(paragraph(child, ctx, env, pending));
      pending = '';
    } else {
      if (pending) {
        // An item that starts with a nested block still shows its number on a line of its own.
        out.push(bodyParagraph(ctx, [markerRun(pending, env.style)], pending, env.left));
        pending = '';
      }
      renderBlock(child, ctx, env, out);
    }
  }
  if (pending) out.push(bodyParagraph(ctx, [markerRun(pending, env.style)], pending, env.left));
}

/** Quotations: 楷体, indented two more characters. */
function blockquote(node: Blockquote, ctx: RenderContext, env: BlockEnv, out: BlockOut[]): void {
  renderBlocks(node.children, ctx, { ...env, style: { ...env.style, font: ctx.fonts.kai }, left: env.left + 2 * CHAR_3 }, out);
}

/** Code has no place in a 公文: each line becomes a plain paragraph. */
function code(node: Code, ctx: RenderContext, env: BlockEnv, out: BlockOut[]): void {
  for (const line of node.value.split('\n')) {
    out.push(line.trim() === '' ? blankLine(ctx) : bodyParagraph(ctx, [textRun(line, env.style)], line, env.left));
  }
}

import {
  AlignmentType,
  LineRuleType,
  Paragraph,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import { CHAR_3, LINE_PITCH } from './metrics.js';
import { takePageBreak, type RenderContext } from './context.js';
import type { RunStyle } from './inline.js';

type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];

/**
 * Settings every line of body text shares (GB §5.2.3): exact 579-twip lines with nothing
 * before or after, so 22 lines fill the type area; widow control off, or LibreOffice
 * leaves some pages at 21 lines; overflowPunct on, which LibreOffice reads inverted and so
 * stops hanging ，。 into the margin, where justified lines lose them; no automatic space
 * between Chinese and Latin or digits (公文 print has none): `autoSpaceDE`/`autoSpaceDN` 0
 * are inserted after `overflowPunct` in package.ts, since docx writes only `autoSpaceDN`
 * and puts it out of schema order.
 */
export const GRID_LINE = {
  spacing: { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
  widowControl: false,
  overflowPunctuation: true,
} as const satisfies IParagraphOptions;

/** 左空二字: first line indented two characters (GB §7.3.3). LibreOffice ignores `firstLineChars`. */
export const FIRST_LINE_INDENT = { firstLine: 2 * CHAR_3, firstLineChars: 200 } as const;

/** The base run style of body text. */
export function bodyStyle(ctx: RenderContext): RunStyle {
  return { font: ctx.fonts.fang, size: 32, condensed: true };
}

export interface LineOptions {
  readonly alignment?: Alignment;
  /** Indent in twips; `firstLine` may be negative for a hanging indent. */
  readonly indent?: { readonly left?: number; readonly right?: number; readonly firstLine?: number; readonly chars?: boolean };
  readonly style?: string;
  readonly keepNext?: boolean;
  readonly outlineLevel?: number;
  readonly extra?: IParagraphOptions;
}

/**
 * A paragraph on the line grid. Records its visible text in the context, and takes a
 * pending page break.
 */
export function gridParagraph(ctx: RenderContext, children: ParagraphChild[], text: string, options: LineOptions = {}): Paragraph {
  ctx.lines.push(text);
  const indent = options.indent;
  const revised = ctx.revisions?.paragraph(children, 'body', options.style?.startsWith('Heading') ?? false);
  const paragraph = new Paragraph({
    ...(options.style ? { style: options.style } : {}),
    ...(options.keepNext ? { keepNext: true } : {}),
    ...(takePageBreak(ctx) ? { pageBreakBefore: true } : {}),
    ...GRID_LINE,
    ...(indent ? { indent: indentOptions(indent) } : {}),
    alignment: options.alignment ?? AlignmentType.BOTH,
    ...(options.outlineLevel !== undefined ? { outlineLevel: options.outlineLevel } : {}),
    ...options.extra,
    ...(revised?.inserted ? { run: { insertion: revised.inserted } } : {}),
    children: revised?.children ?? children,
  });
  if (revised) placedAt.set(paragraph, revised.index);
  return paragraph;
}

/** Which paragraph (in document order) a block starts with, when a hook numbered it. */
export const placedAt = new WeakMap<object, number>();

function indentOptions(indent: NonNullable<LineOptions['indent']>): NonNullable<IParagraphOptions['indent']> {
  const first = indent.firstLine ?? 0;
  return {
    ...(indent.left ? { left: indent.left } : {}),
    ...(indent.right ? { right: indent.right } : {}),
    ...(first > 0 ? { firstLine: first } : {}),
    ...(first < 0 ? { hanging: -first } : {}),
    ...(indent.chars && first > 0 ? { firstLineChars: Math.round((first / CHAR_3) * 100) } : {}),
  };
}

/** A body paragraph: justified, first line indented two characters. */
export function bodyParagraph(ctx: RenderContext, children: ParagraphChild[], text: string, left = 0): Paragraph {
  return gridParagraph(ctx, children, text, {
    indent: { left, firstLine: FIRST_LINE_INDENT.firstLine, chars: true },
  });
}

/** 空一行: an empty paragraph on the same exact spacing as the body (GB §7.3). */
export function blankLine(ctx: RenderContext): Paragraph {
  return gridParagraph(ctx, [], '');
}

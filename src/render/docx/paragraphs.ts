import {
  AlignmentType,
  LineRuleType,
  Paragraph,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import { CHAR_3, LINE_PITCH } from './metrics.js';
import { takePageBreak, type RenderContext } from './context.js';
import { runXml, type RunStyle } from './inline.js';
import { editDocxXml, stringifyPrepared, XmlBlock } from './xml-text.js';

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

/** A paragraph of the body: written as text in a plain build, else a docx Paragraph. */
export type BodyParagraph = Paragraph | XmlBlock;

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
export function gridParagraph(ctx: RenderContext, children: ParagraphChild[], text: string, options: LineOptions = {}): BodyParagraph {
  ctx.lines.push(text);
  const indent = options.indent;
  const revised = ctx.revisions?.paragraph(children, 'body', options.style?.startsWith('Heading') ?? false);
  const properties: IParagraphOptions = {
    ...(options.style ? { style: options.style } : {}),
    ...(options.keepNext ? { keepNext: true } : {}),
    ...(takePageBreak(ctx) ? { pageBreakBefore: true } : {}),
    ...GRID_LINE,
    ...(indent ? { indent: indentOptions(indent) } : {}),
    alignment: options.alignment ?? AlignmentType.BOTH,
    ...(options.outlineLevel !== undefined ? { outlineLevel: options.outlineLevel } : {}),
    ...options.extra,
    ...(revised?.inserted ? { run: { insertion: revised.inserted } } : {}),
  };
  // Without `extra` or a revision the properties follow from these few fields: a short key
  // for them saves writing the whole options as JSON for every paragraph.
  let key: string | undefined;
  if (!revised && !options.extra) {
    const fields = `${options.style ?? ''}|${options.keepNext ? 1 : 0}|${properties.pageBreakBefore ? 1 : 0}|${properties.alignment}|${options.outlineLevel ?? ''}|${indent ? `${indent.left ?? ''},${indent.right ?? ''},${indent.firstLine ?? ''},${indent.chars ? 1 : 0}` : ''}`;
    key = optionKeys.get(fields);
    if (key === undefined) {
      key = JSON.stringify(properties);
      optionKeys.set(fields, key);
    }
  }
  const paragraph = paragraphOf(properties, revised?.children ?? children, revised !== undefined, key);
  if (revised) placedAt.set(paragraph, revised.index);
  return paragraph;
}

/** A grid paragraph's few option fields → the JSON of its full options (see gridParagraph). */
const optionKeys = new Map<string, string>();

/**
 * A docx Paragraph with these properties and children. A revision's paragraphs (plangen
 * diff) carry tracked changes and are built the plain way; others share their prepared
 * properties with every paragraph of their kind.
 */
export function paragraphOf(properties: IParagraphOptions, children: readonly ParagraphChild[], revised: boolean, key?: string): BodyParagraph {
  const shared = revised ? undefined : sharedProperties(properties, key);
  if (!shared) return new Paragraph({ ...properties, children: [...children] });
  let xml = `<w:p>${sharedXml(shared)}`;
  for (const child of children) {
    const run = runXml(child);
    // A run only docx can write (an image): the paragraph goes to docx whole.
    if (run === undefined) return new PreparedParagraph(shared, properties, children);
    xml += run;
  }
  return new XmlBlock(`${xml}</w:p>`);
}

/** The `w:pPr` of a kind of paragraph as text, edited as the whole part was, once per kind. */
const propertiesXml = new WeakMap<PreparedProperties, string>();

function sharedXml(shared: PreparedProperties): string {
  let xml = propertiesXml.get(shared);
  if (xml === undefined) {
    xml = editDocxXml(stringifyPrepared(shared));
    propertiesXml.set(shared, xml);
  }
  return xml;
}

/**
 * Prepared `w:pPr` objects by paragraph options, per process: a document has a few dozen
 * kinds of paragraph and hundreds of paragraphs, and docx would build and prepare every
 * paragraph's properties anew. The XML writer only reads them, so one serves them all.
 */
const preparedProperties = new Map<string, PreparedProperties | null>();
type PreparedProperties = { readonly 'w:pPr': readonly unknown[] };

/** `known`: the options as JSON, when the caller has it already. */
function sharedProperties(options: IParagraphOptions, known?: string): PreparedProperties | undefined {
  // Numbered paragraphs get their list instance while being written: never shared.
  if (options.numbering !== undefined || options.bullet !== undefined) return undefined;
  const key = known ?? JSON.stringify(options);
  let shared = preparedProperties.get(key);
  if (shared === undefined) {
    const sample = new Paragraph(options).prepForXml({ stack: [] } as unknown as Parameters<Paragraph['prepForXml']>[0]) as { 'w:p'?: unknown } | undefined;
    const inner = sample?.['w:p'];
    const first = Array.isArray(inner) && inner.length === 1 ? (inner[0] as { 'w:pPr'?: unknown }) : undefined;
    // Anything but a lone, complete w:pPr means docx writes these options some other way.
    shared = first && Object.keys(first).length === 1 && Array.isArray(first['w:pPr']) ? (first as PreparedProperties) : null;
    preparedProperties.set(key, shared);
  }
  return shared ?? undefined;
}

/**
 * A paragraph whose properties were prepared once for its kind. It is still a docx
 * Paragraph (tables and the body look for one), built with only its children; what docx
 * would write for its own empty properties (section properties, if a section ever ends
 * on it) is added after the shared ones, where docx puts them.
 */
class PreparedParagraph extends Paragraph {
  constructor(
    private readonly shared: PreparedProperties,
    options: IParagraphOptions,
    children: readonly ParagraphChild[],
  ) {
    super({ children: [...children] });
    // Tables copy a paragraph's alignment into the cells they add; keep it the options'.
    Object.assign(this, { alignment: { alignment: options.alignment, bidirectional: options.bidirectional } });
  }

  override prepForXml(context: Parameters<Paragraph['prepForXml']>[0]): ReturnType<Paragraph['prepForXml']> {
    const xml = super.prepForXml(context) as { 'w:p'?: unknown } | undefined;
    const inner = xml?.['w:p'];
    const rest = Array.isArray(inner) ? [...inner] : [];
    const head = rest[0] as { 'w:pPr'?: unknown } | undefined;
    const added = head && Array.isArray(head['w:pPr']) ? (rest.shift(), head['w:pPr'] as unknown[]) : [];
    const properties = added.length > 0 ? { 'w:pPr': [...this.shared['w:pPr'], ...added] } : this.shared;
    return { 'w:p': [properties, ...rest] } as ReturnType<Paragraph['prepForXml']>;
  }
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
export function bodyParagraph(ctx: RenderContext, children: ParagraphChild[], text: string, left = 0): BodyParagraph {
  return gridParagraph(ctx, children, text, {
    indent: { left, firstLine: FIRST_LINE_INDENT.firstLine, chars: true },
  });
}

/** 空一行: an empty paragraph on the same exact spacing as the body (GB §7.3). */
export function blankLine(ctx: RenderContext): BodyParagraph {
  return gridParagraph(ctx, [], '');
}

import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';
import { parseDocument, type Document } from 'yaml';
import type { Root } from 'mdast';
import type { SourceText } from '../read/source.js';
import { pasteStructure, type PasteNote } from './paste/index.js';
import { literalizeBlankEmphasis } from './literal-emphasis.js';
import { budgets } from '../util/budgets.js';
import { findFrontMatterTooDeep, preScan, type Refusal } from './pre-scan.js';
import { parseSections, sectionCuts } from './sections.js';

export { findTooDeep } from './pre-scan.js';

/**
 * text → mdast + YAML document. The whole file is parsed once by remark (so every mdast
 * position is a position in the file); the leading `---` block is then parsed by `yaml`,
 * whose node ranges are offsets into the YAML text: add `yamlOffset` to get file offsets.
 */
export interface ParsedPlan {
  readonly source: SourceText;
  readonly body: Root;
  /** null when the file has no front matter block. */
  readonly yaml: { readonly doc: Document.Parsed; readonly offset: number; readonly end: number } | null;
  /**
   * Set when the body breaks a parser budget (nesting, table cells, list items): the body
   * is then left unparsed (empty), since the Markdown tools would recurse once per level
   * or take time that grows faster than the input.
   */
  readonly refused?: Refusal;
  /** What {@link pasteStructure} found in the body (code fences, pasted tables, …). */
  readonly paste?: readonly PasteNote[];
}

/** Block quotes and lists nested deeper than this are refused (no real plan comes near). */
export const MAX_NESTING = budgets.blockNesting;

const markdown = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkCjkFriendly).freeze();

/**
 * A 公文 has no code: an indented line is a paragraph whose indent Word or a web page put
 * there (micromark's documented switch for indented code).
 */
function noIndentedCode(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push({ disable: { null: ['codeIndented'] } });
}

const written = markdown().use(noIndentedCode).freeze();

/**
 * GFM's literal autolinks (`www.…`, `http(s)://…`, e-mail, `mailto:`, `xmpp:`) are found
 * by a pass over every text node once the tree is built (mdast-util-gfm-autolink-literal's
 * transform, the only one our extensions have): about an eighth of what a long plan's parse
 * allocates. Text with no `@`, `www.` or `http(s)://` cannot hold such a link, and is parsed
 * without that pass.
 */
function withoutTransforms(this: Processor): void {
  const data = this.data() as { fromMarkdownExtensions?: unknown[] };
  const strip = (e: unknown): unknown => {
    if (Array.isArray(e)) return e.map(strip);
    if (!e || typeof e !== 'object' || !('transforms' in e)) return e;
    const { transforms: _dropped, ...rest } = e as Record<string, unknown>;
    return rest;
  };
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map(strip);
}

/**
 * GFM's table construct is tried at every line that could start a block and fails on all of
 * them in most plans (8% of a long plan's parse allocation). A table's delimiter row needs a
 * `|`, or a `:` against a `-` (`:-`, `-:`; micromark reads `a b` over `:--` as a table);
 * text with none of these is parsed without the construct.
 */
function withoutTables(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  const strip = (e: unknown): unknown => {
    if (Array.isArray(e)) return e.map(strip);
    if (!e || typeof e !== 'object') return e;
    const flow = (e as { flow?: Record<string, unknown> }).flow;
    if (!flow) return e;
    const kept: Record<string, unknown> = {};
    for (const [code, list] of Object.entries(flow)) {
      const all = Array.isArray(list) ? list : [list];
      kept[code] = all.filter((c) => (c as { name?: string } | undefined)?.name !== 'table');
    }
    return { ...e, flow: kept };
  };
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map(strip);
}

const LINKISH = /@|www\.|https?:\/\//i;
const TABLEISH = /\||:-|-:/;
/** The written-text processor with and without the two optional passes, made when first needed. */
const variants = new Map<string, { parse(text: string): unknown }>();

/**
 * One piece of written text parsed. Whether GFM's literal-autolink pass runs (`links`) and
 * whether its table construct is tried (`tables`) is decided from the text; tests give
 * them, to compare the variants.
 */
export function parseWrittenPiece(text: string, links = LINKISH.test(text), tables = TABLEISH.test(text)): Root {
  if (links && tables) return written.parse(text) as Root;
  const key = `${links}${tables}`;
  let processor = variants.get(key);
  if (!processor) {
    const base = markdown().use(noIndentedCode);
    processor = (links ? base : base.use(withoutTransforms)).use(tables ? [] : [withoutTables]).freeze();
    variants.set(key, processor);
  }
  return processor.parse(text) as Root;
}

/**
 * Parse Markdown (CommonMark + GFM + CJK-friendly emphasis), with or without front matter.
 * For what templates produce; text a clerk wrote goes through {@link parseWritten}.
 */
export function parseMarkdown(text: string): Root {
  const root = markdown.parse(text) as Root;
  literalizeBlankEmphasis(root, text);
  return root;
}

/**
 * Parse Markdown a clerk wrote or pasted (a plan body, an attachment file): indented lines
 * are paragraphs, and {@link pasteStructure} gives pasted text its paragraphs, tables and
 * headings. Returns what that pass found, for the caller to report.
 */
export function parseWritten(source: SourceText): { root: Root; paste: PasteNote[] } {
  const { text } = source;
  const root = writtenTree(text, sectionCuts(text, bodyStart(text)));
  literalizeBlankEmphasis(root, text);
  return { root, paste: pasteStructure(root, source) };
}

/**
 * The tree of text a clerk wrote, parsed whole or, for a long body, a section at a time
 * (`cuts` from {@link sectionCuts}; ./sections.ts): the same tree either way.
 */
export function writtenTree(text: string, cuts: readonly number[]): Root {
  return parseSections(text, cuts, (piece) => parseWrittenPiece(piece));
}

/**
 * Where the Markdown after the front matter starts. The text's length, so that nothing is
 * cut, when a `---` opening is not closed or a byte order mark (which micromark skips) is
 * left before it.
 */
export function bodyStart(text: string): number {
  if (text.charCodeAt(0) === 0xfeff) return text.length;
  return text.startsWith('---') ? frontMatterEnd(text) || text.length : 0;
}

export function parsePlan(source: SourceText): ParsedPlan {
  // The front matter has its own limits (YAML lists are counted by validate).
  const end = frontMatterEnd(source.text);
  if (end > budgets.frontMatterChars) {
    // Neither YAML nor Markdown is parsed: both cost far more than a pass over the text.
    const refused = { offset: 0, ruleId: 'front-matter-too-large', args: { limit: budgets.frontMatterChars } } as const;
    return { source, body: { type: 'root', children: [] }, yaml: null, refused };
  }
  const yamlStart = end > 0 ? source.text.indexOf('\n') + 1 : 0;
  const tooDeep = end > 0 ? findFrontMatterTooDeep(source.text.slice(yamlStart, end)) : undefined;
  if (tooDeep) {
    // yaml would overflow the stack; the body waits for front matter that can be read.
    return { source, body: { type: 'root', children: [] }, yaml: null, refused: { ...tooDeep, offset: yamlStart + tooDeep.offset } };
  }
  const refusal = preScan(source.text.slice(end));
  if (refusal) {
    // Parse only the front matter, so its checks still run.
    const parsed = parsePlan({ ...source, text: source.text.slice(0, end) });
    return { ...parsed, source, body: { type: 'root', children: [] }, refused: { ...refusal, offset: end + refusal.offset }, paste: [] };
  }
  const { root: body, paste } = parseWritten(source);
  const first = body.children[0];
  if (!first || first.type !== 'yaml') return { source, body, yaml: null, paste };
  body.children.shift();
  const offset = source.text.indexOf('\n') + 1;
  const doc = parseDocument(first.value, { prettyErrors: false, strict: true, uniqueKeys: true });
  return { source, body, yaml: { doc, offset, end: first.position?.end.offset ?? offset }, paste };
}

/** Offset just past the closing `---` of a leading front matter block (0 when none). */
function frontMatterEnd(text: string): number {
  if (!text.startsWith('---\n')) return 0;
  const close = /\n---[ \t]*(\n|$)/.exec(text.slice(3));
  return close ? 3 + close.index + close[0].length : 0;
}

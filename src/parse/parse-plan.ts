import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';
import { parseDocument, type Document } from 'yaml';
import type { Root, Yaml } from 'mdast';
import type { Node } from 'unist';
import { positionAt, type SourceText } from '../read/source.js';
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

/**
 * GFM's literal autolinks (`www.x.cn`, `https://…`, `a@b.cn`) took about a quarter of a
 * plan's Markdown parse, and plans rarely have one (docs/performance.md, "batch: third pass"):
 * - micromark tries the email construct at every run of ASCII letters or digits (each date
 *   and number of a plan) and backs out at the first character that is not `@`. A text
 *   without `@`, `www.` or `http(s)://` is parsed with the three constructs left out
 *   ({@link withoutConstructs}): there they can only fail, and a failed try leaves
 *   nothing behind.
 * - a transform then walks the tree four times, once per pattern, for those micromark
 *   leaves (character references and escapes can make them). Each needs `@`, `://` or
 *   `www.` within one text node, so it runs only on trees that have one.
 * Either way every tree is the one remark-gfm alone makes (test/parse/autolink-literals.test.ts).
 * The parts are found by name; a remark-gfm without them fails every parse, and the tests.
 */
function autolinkLiteralsWhenPossible(this: Processor): void {
  const data = this.data() as { fromMarkdownExtensions?: unknown[] };
  type Extension = { enter?: Record<string, unknown>; transforms?: ((tree: Root) => Root | undefined)[] };
  const extensions = (data.fromMarkdownExtensions ?? []).flat(Infinity) as (Extension | null)[];
  const autolinks = extensions.filter((e) => e?.enter && 'literalAutolink' in e.enter && e.transforms);
  if (autolinks.length === 0) throw new Error('remark-gfm: the literal autolink extension was not found');
  for (const e of autolinks) e!.transforms = e!.transforms!.map((transform) => (tree: Root) => (mayHoldAutolinkLiteral(tree) ? transform(tree) : undefined));
}

const AUTOLINK_LITERAL_NEEDS = /@|:\/\/|www\./i;

function mayHoldAutolinkLiteral(node: Node & { children?: Node[]; value?: unknown }): boolean {
  if (node.type === 'text') return typeof node.value === 'string' && AUTOLINK_LITERAL_NEEDS.test(node.value);
  if (node.children) for (const c of node.children) if (mayHoldAutolinkLiteral(c)) return true;
  return false;
}

/** What micromark's literal autolink constructs need in the text itself to succeed. */
const LITERAL_AUTOLINK_SOURCE = /@|www\.|https?:\/\//i;

/**
 * The processor's micromark extensions without the constructs of these names. They are
 * found by name; a remark-gfm without them fails every parse, and the tests, rather than
 * leave them in unnoticed.
 */
function withoutConstructs(this: Processor, names: readonly string[]): void {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  const drop = new Set(names);
  let removed = 0;
  const strip = (e: unknown): unknown => {
    if (Array.isArray(e)) return e.map(strip);
    if (!e || typeof e !== 'object') return e;
    const out: Record<string, unknown> = { ...e };
    for (const field of ['document', 'contentInitial', 'flowInitial', 'flow', 'string', 'text']) {
      const byCode = (e as Record<string, unknown>)[field] as Record<string, unknown> | undefined;
      if (!byCode) continue;
      const kept: Record<string, unknown[]> = {};
      for (const [code, constructs] of Object.entries(byCode)) {
        const list = Array.isArray(constructs) ? constructs : [constructs];
        const left = list.filter((c) => !drop.has((c as { name?: string } | undefined)?.name ?? ''));
        removed += list.length - left.length;
        if (left.length > 0) kept[code] = left;
      }
      out[field] = kept;
    }
    return out;
  };
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map(strip);
  if (removed === 0) throw new Error(`remark-gfm: the constructs ${names.join(', ')} were not found`);
}

const LITERAL_AUTOLINK_CONSTRUCTS = ['wwwAutolink', 'protocolAutolink', 'emailAutolink'];

/**
 * A 公文 has no code: an indented line is a paragraph whose indent Word or a web page put
 * there (micromark's documented switch for indented code).
 */
function noIndentedCode(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push({ disable: { null: ['codeIndented'] } });
}

/**
 * GFM's table construct is tried at every line that could start a block and fails on all of
 * them in most plans (8% of a long plan's parse allocation). A table's delimiter row needs a
 * `|`, or a `:` against a `-` (`:-`, `-:`; micromark reads `a b` over `:--` as a table);
 * text with none of these is parsed without the construct.
 */
const TABLE_SOURCE = /\||:-|-:/;

/**
 * A parser for one kind of text: `(text)` picks, from the text, whether GFM's literal
 * autolink constructs and its table construct are tried (each is left out where it can only
 * fail); tests pass `links`/`tables` to compare the variants. Each variant's processor is
 * made from scratch when first needed: a copy of a frozen processor (`processor()`) keeps its
 * data and runs its plugins again, so it would hold every micromark and mdast extension
 * twice (constructs that fail tried twice, each transform run twice on every tree).
 */
type Parser = (text: string, links?: boolean, tables?: boolean) => Root;

function parser(options: { frontMatter: boolean; indentedCode: boolean }): Parser {
  const variants = new Map<string, Processor<Root>>();
  const make = (links: boolean, tables: boolean) => {
    const p = unified().use(remarkParse);
    if (options.frontMatter) p.use(remarkFrontmatter, ['yaml']);
    p.use(remarkGfm).use(remarkCjkFriendly).use(autolinkLiteralsWhenPossible);
    if (!options.indentedCode) p.use(noIndentedCode);
    if (!links) p.use(withoutConstructs, LITERAL_AUTOLINK_CONSTRUCTS);
    if (!tables) p.use(withoutConstructs, ['table']);
    return p.freeze() as unknown as Processor<Root>;
  };
  return (text, links = LITERAL_AUTOLINK_SOURCE.test(text), tables = TABLE_SOURCE.test(text)) => {
    const key = `${links}${tables}`;
    let p = variants.get(key);
    if (!p) variants.set(key, (p = make(links, tables)));
    return p.parse(text) as Root;
  };
}

const markdown = parser({ frontMatter: true, indentedCode: true });
const written = parser({ frontMatter: true, indentedCode: false });

/*
 * The body after a front matter block, parsed alone. The block is about 60% of a typical
 * plan's characters, and micromark would otherwise tokenize it character by character only
 * for yaml to parse it again (docs/performance.md, "batch: third pass"). No frontmatter
 * extension here: in text parsed alone, a body's own leading `---` block is not front matter.
 */
const writtenBody = parser({ frontMatter: false, indentedCode: false });

/** One piece of written text parsed (see {@link parser}); `links`/`tables` for tests. */
export function parseWrittenPiece(text: string, links?: boolean, tables?: boolean): Root {
  return written(text, links, tables);
}

/**
 * The tree of text a clerk wrote, parsed whole or, for a long body, a section at a time
 * (`cuts` from {@link sectionCuts}; ./sections.ts): the same tree either way.
 */
export function writtenTree(text: string, cuts: readonly number[]): Root {
  return parseSections(text, 0, cuts, (piece) => written(piece));
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

/**
 * Parse Markdown (CommonMark + GFM + CJK-friendly emphasis), with or without front matter.
 * For what templates produce; text a clerk wrote goes through {@link parseWritten}.
 */
export function parseMarkdown(text: string): Root {
  const root = markdown(text);
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
  const yaml = end > 0 ? splitFrontMatter(source, end) : undefined;
  let body: Root;
  let paste: PasteNote[];
  if (yaml) {
    body = parseSections(source.text, end, sectionCuts(source.text, end), (piece) => writtenBody(piece));
    // Both as the whole file's parse has them: the root from the file's start, and the
    // block as its first child, which pasteStructure reads (a paragraph right under the
    // closing fence touches it, so its lines are split as pasted).
    if (body.position) body.position.start = { line: 1, column: 1, offset: 0 };
    body.children.unshift(yaml);
    literalizeBlankEmphasis(body, source.text);
    paste = pasteStructure(body, source);
  } else {
    ({ root: body, paste } = parseWritten(source));
  }
  const first = body.children[0];
  if (!first || first.type !== 'yaml') return { source, body, yaml: null, paste };
  body.children.shift();
  const offset = source.text.indexOf('\n') + 1;
  const doc = parseDocument(first.value, { prettyErrors: false, strict: true, uniqueKeys: true });
  return { source, body, yaml: { doc, offset, end: first.position?.end.offset ?? offset }, paste };
}

/**
 * The front matter as the `yaml` node the whole file's parse makes, when the body can be
 * parsed on its own to the very tree the whole file gives (the test in
 * test/parse/body-after-front-matter.test.ts compares them): the closing line ends in a
 * line feed, the file has no carriage return (micromark ends lines there, the fence search
 * does not) and the body does not start with U+FEFF (micromark drops it at a text's start).
 * `end`: the offset just past the closing line.
 */
function splitFrontMatter(source: SourceText, end: number): Yaml | undefined {
  const { text } = source;
  if (text.charCodeAt(end - 1) !== 10 || text.charCodeAt(end) === 0xfeff || text.includes('\r')) return undefined;
  const close = text.lastIndexOf('\n---', end - 2);
  // The node ends at the closing line's end (after any blanks following its `---`).
  const fenceEnd = end - 1;
  const at = positionAt(source, fenceEnd);
  const position = { start: { line: 1, column: 1, offset: 0 }, end: { line: at.line, column: at.column, offset: fenceEnd } };
  return { type: 'yaml', value: close > 3 ? text.slice(4, close) : '', position };
}

/** Offset just past the closing `---` of a leading front matter block (0 when none). */
function frontMatterEnd(text: string): number {
  if (!text.startsWith('---\n')) return 0;
  const close = /\n---[ \t]*(\n|$)/.exec(text.slice(3));
  return close ? 3 + close.index + close[0].length : 0;
}

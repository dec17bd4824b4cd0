import type { Root, RootContent } from 'mdast';
import type { Node, Point, Position } from 'unist';

/**
 * A long body parsed a piece at a time, each piece starting at a top-level heading.
 *
 * micromark holds every event (a token and its two points) of the text it is given until
 * mdast-util-from-markdown has built the tree: for a 500 KB plan, tens of MB alive at once,
 * which set the worker's peak memory and lived long enough to be copied into the old
 * generation and marked there. Cut at
 * headings, each piece's events die young, and the tree is the same: the pieces' trees,
 * their positions moved to the piece's place in the text, joined.
 *
 * A cut is made only where every Markdown construct before it is certainly closed, so the
 * pieces parse as the whole does (test/parse/sections.test.ts compares the trees):
 * - before a line that opens an ATX heading at its first column after a blank line: a
 *   blank line ends every paragraph, table and lazy continuation, and a line that is not
 *   indented ends every list item and block quote;
 * - never inside the front matter, and never inside an HTML block that a blank line does
 *   not end (`<!--`, `<?`, `<!X`, `<![CDATA[`, `<script>`/`<pre>`/`<style>`/`<textarea>`,
 *   at a line's start or after list and quote markers); a second such opener while one is
 *   open stops the cutting, rather than guess;
 * - not at all in text with a carriage return, which ends a line for micromark (plans read
 *   from files have none: src/read/decode.ts turns CRLF and CR into LF);
 * - not at all past the first code fence (``` or ~~~ anywhere on a line), whose content
 *   may hold heading-like lines;
 * - not at all when the text may define a link, image or footnote label (`]:` anywhere),
 *   since a definition applies to the whole document.
 */

/**
 * Bodies shorter than `body` characters are parsed whole: a small plan's events are few,
 * and a batch of small plans keeps the one parse it has always had. A piece is at least
 * `piece` characters: each parse sets micromark's constructs up again (about 1 ms while the
 * code is cold), and below about 8,000 characters the peak no longer falls (500 KB plan,
 * peak RSS with the one-plan heap limits of src/cli/worker-start.ts: pieces of 16,000
 * characters 131 MiB, 8,000 126, 4,000 127). Tests cut at every safe place.
 */
export const SECTION_SIZES = { body: 32 * 1024, piece: 8 * 1024 };

const HEADING = /^#{1,6}(?:[ \t]|$)/;
const BLANK = /^[ \t]*$/;
/*
 * An HTML block opens at a line's start or after the markers of the list items and block
 * quotes it sits in (`- <!--`, `1. <pre>`, `> <?php`); markers that make no container
 * (`-<!--`) are matched too, which only cuts less.
 */
const HTML_START = /^(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)]))*[ \t]*<(?:(script|pre|style|textarea)(?:[ \t>]|$)|(!--)|(\?)|(!\[CDATA\[)|(![A-Za-z]))/i;
const HTML_END = ['', '-->', '?>', ']]>', '>'];

/**
 * Offsets in `text` where it may be cut into pieces that parse as the whole does, each the
 * start of a line, in order; empty when the text is short or has nowhere safe to cut.
 * `from`: where the body starts (past the front matter).
 */
export function sectionCuts(text: string, from: number, sizes: { readonly body: number; readonly piece: number } = SECTION_SIZES): number[] {
  const cuts: number[] = [];
  // A carriage return ends a line for micromark and not for this scan.
  if (text.length - from < sizes.body || text.includes(']:') || text.includes('\r')) return cuts;
  // The first piece, too, is counted from the body's start.
  let last = from;
  let blankBefore = false;
  // The end marker of the open HTML block (types 1–5), or '' when none is open.
  let htmlEnd = '';
  for (let start = from; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end);
    if (line.includes('```') || line.includes('~~~')) break;
    const opened = HTML_START.exec(line);
    if (htmlEnd !== '') {
      if (opened) break;
      if (line.includes(htmlEnd)) htmlEnd = '';
    } else if (opened) {
      const marker = opened[1] ? `</${opened[1].toLowerCase()}>` : HTML_END[opened.slice(2).findIndex((g) => g !== undefined) + 1]!;
      // The end may close the block on its own line, but only after the opener.
      const rest = line.slice(opened.index + opened[0].length);
      if (!(opened[1] ? rest.toLowerCase() : rest).includes(marker)) htmlEnd = marker;
    } else if (blankBefore && start - last >= sizes.piece && HEADING.test(line)) {
      cuts.push(start);
      last = start;
    }
    blankBefore = BLANK.test(line);
    start = end + 1;
  }
  // The last piece is no shorter than the others.
  if (cuts.length > 0 && text.length - cuts[cuts.length - 1]! < sizes.piece) cuts.pop();
  return cuts;
}

/**
 * Parse `text.slice(from)` a piece at a time (see {@link sectionCuts}) with `parse`, and
 * join the pieces' trees into the tree `parse` gives that text, with every position a
 * position in `text`: each piece moved by the lines and characters before it. `from` is
 * the start of a line.
 */
export function parseSections(text: string, from: number, cuts: readonly number[], parse: (text: string) => Root): Root {
  if (cuts.length === 0 && from === 0) return parse(text);
  const children: RootContent[] = [];
  let start: Point | undefined;
  let end: Point | undefined;
  let line = countLines(text, 0, from);
  let at = from;
  for (let i = 0; i <= cuts.length; i++) {
    const next = i < cuts.length ? cuts[i]! : text.length;
    const piece = parse(text.slice(at, next));
    const still = line === 0 && at === 0;
    for (const child of piece.children) children.push(still ? child : (moved(child, line, at) as RootContent));
    if (piece.position) {
      start ??= shift(piece.position.start, line, at);
      end = shift(piece.position.end, line, at);
    }
    line += countLines(text, at, next);
    at = next;
  }
  const root: Root = { type: 'root', children };
  if (start && end) root.position = { start, end };
  return root;
}

/** The node with every position in it moved down `lines` lines and on `offset` characters. */
function moved(node: Node, lines: number, offset: number): Node {
  // Points are replaced, not changed, so a point two nodes shared is moved once.
  if (node.position) node.position = shiftPosition(node.position, lines, offset);
  const children = (node as { children?: Node[] }).children;
  if (children) for (const child of children) moved(child, lines, offset);
  return node;
}

function shiftPosition(p: Position, lines: number, offset: number): Position {
  return { start: shift(p.start, lines, offset), end: shift(p.end, lines, offset) };
}

function shift(p: Point, lines: number, offset: number): Point {
  return p.offset === undefined ? { line: p.line + lines, column: p.column } : { line: p.line + lines, column: p.column, offset: p.offset + offset };
}

/** Line breaks in text[from, to). */
function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

import type { Heading, List, ListItem, Nodes, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Position } from 'unist';
import type { SourceText } from '../../read/source.js';
import { lineText, paragraphOf, plainText, point, splitLines, type Line } from './lines.js';
import { HEADING_MAX, INDENT, isHeadingLike, runInHeadLength, SENTENCE_END, startsWithNumbering, typedMarker } from './markers.js';
import { gfmTable, tableOf, tableRuns } from './tables.js';

declare module 'mdast' {
  interface HeadingData {
    /**
     * A run-in heading (（一）加强组织领导。成立……): the first `runIn` children are the
     * heading, printed in the heading face; the rest is body text of the same paragraph.
     * 0 for a numbered body paragraph: numbered as a heading, printed as body text.
     */
    runIn?: number;
  }
}

/** What the paste pass found, at file offsets, for validate to report. */
export interface PasteNote {
  readonly ruleId: 'line-joined' | 'code-fence' | 'pasted-table' | 'heading-unmarked';
  readonly start: number;
  readonly end: number;
  readonly args: Readonly<Record<string, string | number>>;
  /** Extra text shown with --verbose (the converted table). */
  readonly detail?: string;
}

/**
 * Give text pasted from Word or a web page the structure its layout meant (docs/format.md,
 * “粘贴的文字”): a line break after sentence-ending punctuation, before a numbered or
 * indented line, or after a numbered heading line starts a new paragraph; tab-separated
 * lines become a table; short numbered paragraphs (一、指导思想) become headings of the
 * level their marker implies; 一、/（一）/1./（1） followed by a first sentence in 。 become
 * run-in headings. Fenced code is noted (a 公文 has no code). Edits `root` in place.
 */
export function pasteStructure(root: Root, source: SourceText): PasteNote[] {
  const notes: PasteNote[] = [];
  noteCode(root, notes);
  const ctx: SplitContext = { source, notes, done: new WeakSet<object>(), pastedBody: !root.children.some((n) => n.type === 'heading') };
  root.children = unlistHeadings(root.children, ctx);
  splitParagraphs(root, ctx);
  root.children = root.children.map((n) => (n.type === 'paragraph' ? numberedParagraph(n, source, notes) : n));
  return notes;
}

function noteCode(node: Nodes, notes: PasteNote[]): void {
  if (node.type === 'code') {
    const start = node.position?.start.offset ?? 0;
    notes.push({ ruleId: 'code-fence', start, end: start + 3, args: {} });
    return;
  }
  if ('children' in node) for (const c of node.children as Nodes[]) noteCode(c, notes);
}

interface SplitContext {
  readonly source: SourceText;
  readonly notes: PasteNote[];
  /** Paragraphs split while reading lists, not to be split (or noted) twice. */
  readonly done: WeakSet<object>;
  /**
   * The body has no `#` headings: it was pasted whole, so every line is a paragraph that
   * ends in punctuation. A body written in Markdown may put one sentence on each line of a
   * paragraph; there only a paragraph that shows pasting (a numbered, indented or table
   * line, or no blank line between it and the block before or after) is cut at sentence
   * ends.
   */
  readonly pastedBody: boolean;
}

/** Every paragraph of every container (not table cells, which hold no line breaks). */
function splitParagraphs(parent: Parent, ctx: SplitContext): void {
  const out: RootContent[] = [];
  const children = parent.children as RootContent[];
  children.forEach((child, i) => {
    if (child.type === 'paragraph' && !ctx.done.has(child)) out.push(...splitParagraph(child, ctx, parent.type !== 'root', ctx.notes, touches(children[i - 1], child) || touches(child, children[i + 1])));
    else {
      if ((child.type === 'blockquote' || child.type === 'list' || child.type === 'listItem') && 'children' in child) splitParagraphs(child, ctx);
      out.push(child);
    }
  });
  parent.children = out as never[];
}

/** Two blocks with no blank line between them (`## 标题` straight above its text): pasted. */
function touches(a: RootContent | undefined, b: RootContent | undefined): boolean {
  const end = (a as { position?: Position } | undefined)?.position?.end.line;
  const start = (b as { position?: Position } | undefined)?.position?.start.line;
  return end !== undefined && start !== undefined && start === end + 1;
}

/**
 * One paragraph → the paragraphs and tables its lines make. A break starts a new paragraph
 * before a numbered or indented line, after a line that is a numbered heading on its own,
 * and after sentence-ending punctuation when the text was pasted (see
 * {@link SplitContext.pastedBody}); other breaks join (without a space between Chinese
 * characters: the renderer's rule).
 */
function splitParagraph(p: Paragraph, ctx: SplitContext, nested: boolean, notes: PasteNote[], touching = false): RootContent[] {
  const { source } = ctx;
  const lines = splitLines(p, source, nested);
  const texts = lines.map(lineText);
  const tables = new Map(tableRuns(lines, source).map((t) => [t.from, t]));
  const pasted = ctx.pastedBody || touching || tables.size > 0 || lines.some((l, i) => i > 0 && (l.indented || startsWithNumbering(texts[i] ?? '')));
  // Only a joined line needs it (noteJoined): most paragraphs are one line.
  const longest = lines.length > 1 ? texts.reduce((m, t) => Math.max(m, [...t].length), 0) : 0;
  const out: RootContent[] = [];
  let group: Line[] = [];
  const flush = () => {
    if (group.length > 0) out.push(paragraphOf(group));
    group = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const table = tables.get(i);
    if (table) {
      flush();
      const rows = lines.slice(table.from, table.to);
      out.push(tableOf(table.cells, source));
      const first = rows[0] as Line;
      const width = table.cells[0]?.length ?? 0;
      notes.push({ ruleId: 'pasted-table', start: first.start, end: first.start + (texts[i]?.length ?? 0), args: { rows: rows.length, cells: width }, detail: gfmTable(rows) });
      i = table.to - 1;
      continue;
    }
    const line = lines[i] as Line;
    if (group.length > 0 && startsParagraph(texts[i - 1] ?? '', line, pasted)) flush();
    else if (group.length > 0) noteJoined(lines[i - 1] as Line, texts[i - 1] ?? '', texts[i] ?? '', longest, notes);
    group.push(line);
  }
  flush();
  // Untouched paragraphs keep their node (and its exact position).
  const only = out.length === 1 ? out[0] : undefined;
  return only?.type === 'paragraph' && plainText(only.children) === plainText(p.children) ? [p] : out;
}

function startsParagraph(previous: string, line: Line, pasted: boolean): boolean {
  const prev = previous.trimEnd();
  if (pasted && SENTENCE_END.test(prev.replace(/[”’）)」』]+$/, ''))) return true;
  if (line.indented || startsWithNumbering(lineText(line))) return true;
  const marker = typedMarker(prev);
  return marker !== undefined && isHeadingLike(prev.replace(INDENT, '').slice(marker.text.length));
}

const HAN = /\p{Script=Han}/u;

/**
 * A joined line that looks like a paragraph of its own: it ends in a Chinese character
 * with no punctuation, the next line starts with one, and it is short (at most
 * {@link HEADING_MAX} characters and under half the paragraph's longest line), as a title
 * or a closing line is. Editors that wrap text give lines of even length, which stay quiet.
 */
function noteJoined(line: Line, text: string, next: string, longest: number, notes: PasteNote[]): void {
  const chars = [...text.trim()];
  if (chars.length === 0 || chars.length > HEADING_MAX || chars.length * 2 > longest) return;
  if (!HAN.test(chars[chars.length - 1] ?? '') || !HAN.test([...next.trim()][0] ?? '')) return;
  notes.push({ ruleId: 'line-joined', start: line.start, end: line.start + text.length, args: { text: text.trim() } });
}

/**
 * A top-level paragraph that starts with a heading marker takes its number from the
 * heading counter, like `##` headings, so typed and generated numbers never clash: a short
 * one (no sentence punctuation, or one short sentence in 。) is a heading pasted without
 * `#` (noted); one whose first sentence is short and ends in 。 is a run-in heading; a
 * longer one is a numbered body paragraph (a run-in heading with no head).
 */
function numberedParagraph(p: Paragraph, source: SourceText, notes: PasteNote[]): RootContent {
  const first = p.children[0];
  if (first?.type !== 'text') return p;
  const marker = typedMarker(first.value);
  if (!marker) return p;
  const text = plainText(p.children);
  const rest = text.slice(text.indexOf(marker.text) + marker.text.length);
  // A marker with nothing after it is no numbered text (and would lose its only content).
  if (rest.trim() === '') return p;
  const depth = (marker.level + 1) as Heading['depth'];
  if (!text.includes('\n') && isHeadingText(rest)) {
    const start = first.position?.start.offset ?? p.position?.start.offset ?? 0;
    notes.push(unmarkedNote(start, marker.text, marker.level));
    return headingOf(p.children, depth, p);
  }
  const head = runInHeadLength(rest);
  const split = head > 0 && !rest.slice(0, head).includes('\n') ? splitAt(p.children, text.length - rest.length + head, source) : undefined;
  if (split && split.rest.length > 0) return runInHeading(split.head, split.rest, depth, p);
  return { ...headingOf(p.children, depth, p), data: { runIn: 0 } };
}

/**
 * Heading text on its own: heading-like, or one short phrase ending in 。 with no comma
 * (（三）储备防汛物资。); `（1）经费由街道安排，专款专用。` is a sentence, a numbered paragraph.
 */
function isHeadingText(rest: string): boolean {
  const t = rest.trim();
  return isHeadingLike(t) || (t.length > 0 && runInHeadLength(t) === t.length && !/[，,、]/.test(t));
}

function unmarkedNote(start: number, marker: string, level: 1 | 2 | 3 | 4): PasteNote {
  return { ruleId: 'heading-unmarked', start, end: start + marker.length, args: { marker, level, hashes: '#'.repeat(level + 1) } };
}

function headingOf(children: PhrasingContent[], depth: Heading['depth'], at: { position?: Paragraph['position'] }): Heading {
  return { type: 'heading', depth, children, ...(at.position ? { position: at.position } : {}) };
}

function runInHeading(head: PhrasingContent[], rest: PhrasingContent[], depth: Heading['depth'], p: Paragraph): Heading {
  return { ...headingOf([...head, ...rest], depth, p), data: { runIn: head.length } };
}

/**
 * Cut phrasing content after `index` characters of its plain text. A cut inside a text node
 * splits it; a cut that falls inside emphasis or a link must be at its end, else none.
 */
function splitAt(children: readonly PhrasingContent[], index: number, source: SourceText): { head: PhrasingContent[]; rest: PhrasingContent[] } | undefined {
  let at = 0;
  for (let k = 0; k < children.length; k++) {
    const node = children[k] as PhrasingContent;
    const length = plainText([node]).length;
    if (at + length < index) {
      at += length;
      continue;
    }
    const cut = index - at;
    if (cut === length) return { head: children.slice(0, k + 1), rest: trimStart(children.slice(k + 1), source) };
    if (node.type !== 'text') return undefined;
    const [a, b] = cutText(node, cut, source);
    return { head: [...children.slice(0, k), a], rest: trimStart([b, ...children.slice(k + 1)], source) };
  }
  return undefined;
}

function offsetsOf(node: Text): { start: number; end: number } | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  return { start, end };
}

function cutText(node: Text, cut: number, source: SourceText): [Text, Text] {
  const a: Text = { type: 'text', value: node.value.slice(0, cut) };
  const b: Text = { type: 'text', value: node.value.slice(cut) };
  const o = offsetsOf(node);
  // The head is the first sentence of a line, so its characters are the file's own
  // (a line break or an escape before the cut would make the offset a guess).
  if (o && !a.value.includes('\n') && source.text.slice(o.start, o.start + cut) === a.value) {
    const mid = point(source, o.start + cut);
    a.position = { start: point(source, o.start), end: mid };
    b.position = { start: mid, end: point(source, o.end) };
  }
  return [a, b];
}

/** Drop the break and indent a run-in heading's body text starts with. */
function trimStart(nodes: PhrasingContent[], source: SourceText): PhrasingContent[] {
  const first = nodes[0];
  if (first?.type !== 'text') return nodes;
  const value = first.value.replace(/^[\s\u3000\u00a0]+/, '');
  if (value === first.value) return nodes;
  const moved: Text = { type: 'text', value };
  const o = offsetsOf(first);
  if (o) {
    // Whitespace, the line break and any line prefix are all the file has before the text.
    const skip = source.text.slice(o.start, o.end).search(/[^\s\u3000\u00a0]/);
    if (skip >= 0) moved.position = { start: point(source, o.start + skip), end: point(source, o.end) };
  }
  return value === '' ? nodes.slice(1) : [moved, ...nodes.slice(1)];
}

/**
 * Top-level ordered lists whose items are headings typed as `1. 工作目标`: an item whose
 * first line is heading text becomes a level-3 heading when body text follows it (more
 * lines in the item, or, for a list of that one item, the next paragraph); an item whose
 * first sentence is a short phrase in 。 becomes a run-in heading. Other items (short
 * enumerations, long items) stay list items. Lines pasted under an item without indent
 * (lazy continuation) that start paragraphs of their own leave the list.
 */
function unlistHeadings(nodes: readonly RootContent[], ctx: SplitContext): RootContent[] {
  const out: RootContent[] = [];
  nodes.forEach((node, index) => {
    if (node.type !== 'list' || !node.ordered) {
      out.push(node);
      return;
    }
    const followedByText = nodes[index + 1]?.type === 'paragraph';
    let kept: ListItem[] = [];
    let keptStart = node.start ?? 1;
    const flush = (next: number) => {
      if (kept.length > 0) out.push(listOf(node, kept, keptStart));
      kept = [];
      keptStart = next;
    };
    node.children.forEach((item, i) => {
      const number = (node.start ?? 1) + i;
      const { stays, after } = itemAsHeading(item, node.children.length === 1 && followedByText, number, ctx);
      if (stays) kept.push(item);
      if (after.length === 0) return;
      flush(number + 1);
      out.push(...after);
    });
    flush(0);
  });
  return out;
}

function listOf(list: List, items: ListItem[], start: number): List {
  const first = items[0]?.position;
  const last = items[items.length - 1]?.position;
  return { ...list, start, children: items, ...(first && last ? { position: { start: first.start, end: last.end } } : {}) };
}

/** An item as a heading (and what follows it), or as a list item (and the lines that leave it). */
function itemAsHeading(item: ListItem, aloneBeforeText: boolean, number: number, ctx: SplitContext): { stays: boolean; after: RootContent[] } {
  const { source, notes, done } = ctx;
  const [p, ...others] = item.children;
  if (p?.type !== 'paragraph') return { stays: true, after: [] };
  const found: PasteNote[] = [];
  const blocks = splitParagraph(p, ctx, true, found);
  for (const b of blocks) done.add(b);
  const [first, ...lazy] = blocks;
  if (first?.type !== 'paragraph') return { stays: true, after: [] };
  const depth = 4;
  const itemStart = item.position?.start.offset ?? 0;
  const [firstLine, ...restLines] = splitLines(first, source, true);
  if (firstLine && isHeadingText(lineText(firstLine)) && (restLines.length > 0 || others.length > 0 || aloneBeforeText)) {
    // The first line is a heading now, not a line run into the next.
    // Quote the number as typed: items after the first are numbered by Markdown, not by it.
    const typed = /^\d{1,9}[.)]/.exec(source.text.slice(itemStart, itemStart + 10))?.[0] ?? `${number}.`;
    notes.push(...found.filter((n) => !(n.ruleId === 'line-joined' && n.start === firstLine.start)), unmarkedNote(itemStart, typed, 3));
    const heading = headingOf(firstLine.nodes, depth, {});
    const hEnd = firstLine.nodes[firstLine.nodes.length - 1]?.position?.end;
    heading.position = { start: point(source, itemStart), end: hEnd ?? point(source, itemStart) };
    const body = restLines.length > 0 ? [paragraphOf(restLines)] : [];
    for (const b of body) done.add(b);
    return { stays: false, after: [heading, ...body, ...lazy, ...(others as RootContent[])] };
  }
  notes.push(...found);
  const text = plainText(first.children);
  const head = runInHeadLength(text);
  const split = head > 0 && !text.slice(0, head).includes('\n') ? splitAt(first.children, head, source) : undefined;
  if (split && split.rest.length > 0) {
    const heading = runInHeading(split.head, split.rest, depth, first);
    if (heading.position) heading.position = { ...heading.position, start: point(source, itemStart) };
    return { stays: false, after: [heading, ...lazy, ...(others as RootContent[])] };
  }
  item.children = [first, ...others];
  return { stays: true, after: lazy };
}

import type { Break, Paragraph, PhrasingContent, Text } from 'mdast';
import type { Point } from 'unist';
import type { SourceText } from '../../read/source.js';
import { positionAt } from '../../read/source.js';
import { INDENT } from './markers.js';

/**
 * One source line of a paragraph: its phrasing nodes (text nodes cut at the line break,
 * positions kept exact), whether the line was indented in the file, and its plain text.
 * Line breaks inside emphasis or links are not cut: such a line runs on.
 */
export interface Line {
  readonly nodes: PhrasingContent[];
  /** Indented by a tab, four spaces or an ideographic space (U+3000) in the file. */
  readonly indented: boolean;
  /** File offset where the line's text starts (after any indent). */
  readonly start: number;
  /** The hard break (two trailing spaces) that ended the line before, kept if they join. */
  readonly breakBefore?: Break;
}

/** Plain text of phrasing nodes. */
export function plainText(nodes: readonly PhrasingContent[]): string {
  let out = '';
  for (const n of nodes) {
    if ('value' in n && typeof n.value === 'string' && n.type !== 'html') out += n.value;
    else if ('children' in n) out += plainText(n.children as PhrasingContent[]);
  }
  return out;
}

export function lineText(line: Line): string {
  return plainText(line.nodes);
}

export function point(source: SourceText, offset: number): Point {
  const p = positionAt(source, offset);
  return { line: p.line, column: p.column, offset };
}

/** A text node covering file offsets [start, end) with the given value. */
function textNode(value: string, start: number, end: number, source: SourceText): Text {
  return { type: 'text', value, position: { start: point(source, start), end: point(source, end) } };
}

/**
 * Cut a paragraph's top-level text nodes at their line breaks. In a list item or quote
 * (`nested`) tabs and spaces before a line align it with its container, so only an
 * ideographic space marks it as indented.
 */
export function splitLines(paragraph: Paragraph, source: SourceText, nested = false): Line[] {
  const lines: Line[] = [];
  let current: PhrasingContent[] = [];
  let indented = false;
  let start = paragraph.position?.start.offset ?? -1;
  let breakBefore: Break | undefined;
  // A line after a hard break learns its start and indent from its first node.
  let pendingStart = false;
  const isIndent = (prefix: string) => (nested ? /[\u3000\u00a0]/.test(prefix) : /\t|[\u3000\u00a0]| {4}/.test(prefix));
  const finish = () => {
    lines.push(stripIndent({ nodes: current, indented, start, ...(breakBefore ? { breakBefore } : {}) }, source));
  };
  for (const node of paragraph.children) {
    const at = node.position?.start.offset;
    if (pendingStart && at !== undefined) {
      pendingStart = false;
      start = at;
      indented = isIndent(source.text.slice(source.text.lastIndexOf('\n', at - 1) + 1, at));
    }
    // Trailing spaces before a line end are a hard break in Markdown but only stray
    // whitespace in pasted text; a backslash break is meant and stays inside its line.
    if (node.type === 'break' && at !== undefined && source.text[at] !== '\\') {
      finish();
      current = [];
      breakBefore = node;
      pendingStart = true;
      continue;
    }
    if (node.type !== 'text' || !node.value.includes('\n') || at === undefined || node.position?.end.offset === undefined) {
      current.push(node);
      continue;
    }
    const pieces = node.value.split('\n');
    const rawStart = at;
    const raw = source.text.slice(rawStart, node.position.end.offset);
    let pieceStart = 0;
    let searchFrom = 0;
    pieces.forEach((value, i) => {
      const last = i === pieces.length - 1;
      const nl = last ? -1 : raw.indexOf('\n', searchFrom);
      // The break's place in the file; value and source differ only by escapes and the
      // whitespace and container prefixes around the break, which stay outside the piece.
      let end = last || nl < 0 ? raw.length : nl;
      while (!last && end > pieceStart && (raw[end - 1] === ' ' || raw[end - 1] === '\t')) end--;
      if (value !== '') current.push(textNode(value, rawStart + pieceStart, rawStart + end, source));
      if (last || nl < 0) return;
      finish();
      breakBefore = undefined;
      const first = pieces[i + 1]?.charAt(0) ?? '';
      const found = first ? raw.indexOf(first, nl + 1) : -1;
      pieceStart = found >= 0 ? found : nl + 1;
      indented = isIndent(raw.slice(nl + 1, pieceStart));
      start = rawStart + pieceStart;
      current = [];
      searchFrom = nl + 1;
    });
  }
  finish();
  return lines;
}

/**
 * Drop a line's leading ideographic spaces and tabs (what Word's first-line indent pastes
 * as): the paragraph style gives the 2-character indent. Such a line counts as indented.
 */
function stripIndent(line: Line, source: SourceText): Line {
  const first = line.nodes[0];
  if (!first || first.type !== 'text') return line;
  const m = INDENT.exec(first.value);
  if (!m) return line;
  const rest = first.value.slice(m[0].length);
  const s = (first.position?.start.offset ?? 0) + m[0].length;
  const stripped = first.position ? textNode(rest, s, first.position.end.offset ?? s, source) : { ...first, value: rest };
  const nodes = rest === '' ? line.nodes.slice(1) : [stripped, ...line.nodes.slice(1)];
  return { ...line, nodes, indented: true, start: first.position ? s : line.start };
}

/** Lines back into phrasing content, with a soft break between them (adjacent text merged). */
export function joinLines(lines: readonly Line[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  lines.forEach((line, i) => {
    const nodes = [...line.nodes];
    if (i > 0 && line.breakBefore) out.push(line.breakBefore);
    else if (i > 0) {
      const prev = out[out.length - 1];
      const next = nodes[0];
      if (prev?.type === 'text' && next?.type === 'text') {
        out[out.length - 1] = mergeText(prev, next);
        nodes.shift();
      } else out.push({ type: 'text', value: '\n' });
    }
    out.push(...nodes);
  });
  return out;
}

function mergeText(a: Text, b: Text): Text {
  const value = `${a.value}\n${b.value}`;
  return a.position && b.position ? { type: 'text', value, position: { start: a.position.start, end: b.position.end } } : { type: 'text', value };
}

/** A paragraph of the given lines, positioned from its first to its last node. */
export function paragraphOf(lines: readonly Line[]): Paragraph {
  const children = joinLines(lines);
  const first = children[0]?.position?.start;
  const last = children[children.length - 1]?.position?.end;
  return { type: 'paragraph', children, ...(first && last ? { position: { start: first, end: last } } : {}) };
}

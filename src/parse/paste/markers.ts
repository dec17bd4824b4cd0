/**
 * The numbering a clerk types at the start of a line (一、 （一） 1. （1）, and the half-width
 * and Word variants (一) 1、 1．), read as the heading level it implies. Pasted text keeps
 * these markers where a Markdown author would write `##`, so they are what tells a new
 * paragraph, a heading and a run-in heading apart.
 */

const CN = '[一二三四五六七八九十百零〇]+';
// A bare number only up to two digits and never before a digit (2025年, 3.5万元 are no markers).
const LEVELS: readonly { readonly level: 1 | 2 | 3 | 4; readonly pattern: RegExp }[] = [
  { level: 1, pattern: new RegExp(`^${CN}[、.．]`) },
  { level: 2, pattern: new RegExp(`^[（(]${CN}[）)]`) },
  { level: 3, pattern: /^\d{1,2}[.．、](?!\d)/ },
  { level: 4, pattern: /^[（(]\d{1,2}[）)]/ },
];

// Markers that start a new paragraph but imply no heading level: 第一阶段, 第二步, ①, ⑴, ⒈,
// and the bullets Word pastes for its own lists.
const OTHER = new RegExp(`^(?:第${CN}(?:阶段|步|部分|条|章|节|项|批|轮|次|是|[、，,：:])|[①-⒛]|[•●○◆◇■□▪·])`);

/**
 * Leading indent of a pasted line: spaces, tabs, ideographic spaces (U+3000, Word's
 * first-line indent) and no-break spaces (U+00A0, a web page's).
 */
export const INDENT = /^[ \t\u3000\u00a0]+/;

export interface TypedMarker {
  /** The marker as typed, e.g. `（一）` or `1、`. */
  readonly text: string;
  /** 公文 heading level it implies: 一、 1, （一） 2, 1. 3, （1） 4. */
  readonly level: 1 | 2 | 3 | 4;
}

/** The heading marker a line starts with (after its indent), if any. */
export function typedMarker(line: string): TypedMarker | undefined {
  const s = line.replace(INDENT, '');
  for (const { level, pattern } of LEVELS) {
    const m = pattern.exec(s);
    if (m) return { text: m[0], level };
  }
  return undefined;
}

/** True when a line starts with any numbering: a heading marker, 第一阶段, ①. */
export function startsWithNumbering(line: string): boolean {
  const s = line.replace(INDENT, '');
  return typedMarker(s) !== undefined || OTHER.test(s);
}

/** Sentence-ending punctuation: a line ending in one of these ends its paragraph. */
export const SENTENCE_END = /[。！？；：!?;:]$/;

/** The longest text after a marker that still reads as a heading rather than a sentence. */
export const HEADING_MAX = 30;

/**
 * True when the text after a marker reads as a heading on its own line: at most
 * {@link HEADING_MAX} characters, no sentence punctuation (。！？；) anywhere, and not
 * ending in a comma, colon or 、 (which lead into more text).
 */
export function isHeadingLike(rest: string): boolean {
  const t = rest.trim();
  const length = [...t].length;
  return length > 0 && length <= HEADING_MAX && !/[。！？；!?;]/.test(t) && !/[，、：,:]$/.test(t);
}

/**
 * The run-in heading of a paragraph that starts with a marker: the first sentence, when
 * it ends in 。 within {@link HEADING_MAX} characters and has no ； or ： before it, e.g.
 * `加强组织领导。` in `（一）加强组织领导。成立……`. Returns its length (with the 。), or 0.
 */
export function runInHeadLength(rest: string): number {
  const end = rest.indexOf('。');
  if (end <= 0) return 0;
  const head = rest.slice(0, end);
  if ([...head.trim()].length > HEADING_MAX || /[；：;:！？!?]/.test(head)) return 0;
  return end + 1;
}

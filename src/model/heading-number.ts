import { chineseNumeral } from './wording.js';

/**
 * Heading numbers of an official document (GB/T 9704 §7.3.3): 一、 （一） 1. （1）.
 * They are literal text decided from the heading's level and place, never Word numbering.
 * A marker the author typed is recognised, so it is replaced rather than doubled.
 */
export function headingMarker(level: 1 | 2 | 3 | 4, index: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(index)}、`;
    case 2:
      return `（${chineseNumeral(index)}）`;
    case 3:
      return `${index}.`;
    case 4:
      return `（${index}）`;
  }
}

const CN = '[一二三四五六七八九十百零〇]+';
// 第N counts as a marker only before punctuation or a space (第一阶段 is a word), and a bare
// number only up to two digits (2025 年工作要点 is a year).
const TYPED = new RegExp(
  `^[ \\t\\u3000]*(${CN}[、.．,，]|[（(]${CN}[）)][、.．]?|\\d+[、.．,，](?!\\d)|\\d{1,2}\\s(?=\\S)|[（(]\\d+[）)][、.．]?|第${CN}(?:[、，,：:]|(?=[ \\t\\u3000]+\\S))|[①-⑳])[ \\t\\u3000]*`,
);

/** Split a typed marker off a heading's text: `1、准备` → { typed: '1、', rest: '准备' }. */
export function splitTypedMarker(text: string): { readonly typed: string; readonly rest: string } {
  const m = TYPED.exec(text);
  if (!m || m[0].length >= text.length) return { typed: '', rest: text };
  return { typed: (m[1] ?? '').trim(), rest: text.slice(m[0].length) };
}

/**
 * Numbers headings in document order: counters per level, deeper counters reset when a
 * shallower heading appears.
 */
export class HeadingCounter {
  private readonly counts = [0, 0, 0, 0];
  next(level: 1 | 2 | 3 | 4): string {
    this.counts[level - 1] = (this.counts[level - 1] ?? 0) + 1;
    for (let i = level; i < 4; i++) this.counts[i] = 0;
    return headingMarker(level, this.counts[level - 1] ?? 1);
  }
}

/**
 * mdast depth → 公文 heading level: `##` 一、 … `#####` （1）. `#` is not meant for bodies
 * (the title comes from `title:`) but counts as level 1, as the renderer prints it;
 * `######` is no heading level (null: set as body text).
 */
export function headingLevelOf(depth: number): 1 | 2 | 3 | 4 | null {
  if (depth <= 2) return 1;
  if (depth <= 5) return (depth - 1) as 2 | 3 | 4;
  return null;
}

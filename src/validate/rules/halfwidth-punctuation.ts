import { splitTypedMarker } from '../../model/heading-number.js';
import type { Rule } from '../rule.js';
import { isCjk } from '../text-spans.js';

const HALFWIDTH = /[,.;:?!()]/g;
const FULLWIDTH: Readonly<Record<string, string>> = { ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };

/**
 * Half-width , . ; : ? ! ( ) right after a Chinese character in body prose. Code, URLs and
 * Handlebars are masked; a `.` followed by a Latin letter or digit is a file name or a
 * number (方案.docx), not a full stop; a heading's typed marker is heading-marker's.
 */
export function findHalfwidth(text: string, from = 0): Array<{ index: number; char: string; fixed: string }> {
  const out: Array<{ index: number; char: string; fixed: string }> = [];
  for (const m of text.matchAll(HALFWIDTH)) {
    const i = m.index;
    const ch = m[0];
    const fixed = FULLWIDTH[ch];
    if (i < Math.max(1, from) || !fixed || !isCjk(text[i - 1])) continue;
    if (ch === '.' && /[A-Za-z0-9]/.test(text[i + 1] ?? '')) continue;
    // 某政发(2023)5号: the year's brackets should be 〔〕, not （）; doc-number-text-brackets says so.
    if (ch === '(' && /^\(\s*(?:19|20)\d{2}\s*\)\s*第?\d{1,4}号/.test(text.slice(i))) continue;
    out.push({ index: i, char: ch, fixed });
  }
  return out;
}

export const halfwidthPunctuation: Rule = {
  ids: ['halfwidth-punctuation'],
  check(input, report) {
    for (const span of input.bodySpans) {
      let from = 0;
      if (span.block?.kind === 'heading') {
        const { typed } = splitTypedMarker(span.text);
        if (typed) from = span.text.indexOf(typed) + typed.length;
      }
      for (const h of findHalfwidth(span.text, from)) {
        const at = span.offsetOf(h.index, h.char);
        report.at(at, at + 1, 'halfwidth-punctuation', { char: h.char, fixed: h.fixed });
      }
    }
  },
};

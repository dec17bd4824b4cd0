import { isCjk } from '../text-spans.js';
import type { Rule } from '../rule.js';

/**
 * A 发文字号 quoted in the text with the year in the wrong brackets: 鄂政发[2023]38号,
 * 某政办发（2023）5号. GB/T 9704 §7.2.5 takes 〔〕 wherever the number is written. Only a
 * year in brackets right after Chinese text and followed by a number and 号 counts, so
 * （2023）年度 or a year in parentheses elsewhere is left alone.
 */
const YEAR_IN_BRACKETS = /([[【(（﹝〖［])\s*((?:19|20)\d{2})\s*([\]】)）﹞〗］])(\s*第?\d{1,4}号)/g;

export function findTextDocNumbers(text: string): Array<{ index: number; text: string; fixed: string }> {
  const out: Array<{ index: number; text: string; fixed: string }> = [];
  if (!text.includes('号')) return out;
  for (const m of text.matchAll(YEAR_IN_BRACKETS)) {
    if (!isCjk(text[m.index - 1])) continue;
    out.push({ index: m.index, text: m[0], fixed: `〔${m[2] ?? ''}〕${(m[4] ?? '').trim()}` });
  }
  return out;
}

export const docNumberTextBrackets: Rule = {
  ids: ['doc-number-text-brackets'],
  check(input, report) {
    for (const span of [...input.frontSpans, ...input.bodySpans]) {
      // The number field itself has its own error, doc-number-brackets.
      if (span.scalar && span.scalar.path.length === 1 && span.scalar.path[0] === 'number') continue;
      for (const d of findTextDocNumbers(span.text)) {
        const at = span.offsetOf(d.index, d.text);
        report.at(at, at + d.text.length, 'doc-number-text-brackets', { text: d.text, fixed: d.fixed });
      }
    }
  },
};

import type { Rule } from '../rule.js';

/** 2025年06月03日, 06月05日, 6月05日: Chinese dates take no leading zeros (GB/T 15835). */
const CHINESE_DATE = /(?<!\d)(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?/g;

/** Zero-padded Chinese dates in a text: index, as written, and as it should read. */
export function findPaddedDates(text: string): Array<{ index: number; text: string; fixed: string }> {
  const out: Array<{ index: number; text: string; fixed: string }> = [];
  if (!text.includes('月')) return out;
  for (const m of text.matchAll(CHINESE_DATE)) {
    const [, year, month = '', day] = m;
    const padded = (s: string | undefined) => s !== undefined && s.length === 2 && s.startsWith('0') && s !== '00';
    if (!padded(month) && !padded(day)) continue;
    const fixed = `${year ? `${year}年` : ''}${Number(month)}月${day !== undefined ? `${Number(day)}日` : ''}`;
    out.push({ index: m.index, text: m[0], fixed });
  }
  return out;
}

export const dateZeroPadding: Rule = {
  ids: ['date-zero-padding'],
  check(input, report) {
    for (const span of [...input.frontSpans, ...input.bodySpans]) {
      for (const d of findPaddedDates(span.text)) {
        const at = span.offsetOf(d.index, d.text);
        report.at(at, at + d.text.length, 'date-zero-padding', { text: d.text, fixed: d.fixed });
      }
    }
  },
};

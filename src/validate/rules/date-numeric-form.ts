import { isDatePath } from '../front-matter.js';
import type { Rule } from '../rule.js';

/**
 * 2024.3.1, 2024/3/1, 2024-3-1 in prose: official documents write 2024年3月1日 (GB/T 9704
 * §7.3.5.4 for the date line; the same form throughout the text). The date fields of the
 * front matter are ISO by contract and are not prose.
 */
const NUMERIC_DATE = /(?<![A-Za-z\d])((?:19|20)\d{2})([./-])(\d{1,2})\2(\d{1,2})(?!\d)/g;

export function findNumericDates(text: string): Array<{ index: number; text: string; fixed: string }> {
  const out: Array<{ index: number; text: string; fixed: string }> = [];
  if (!/\d[./-]\d/.test(text)) return out;
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const [whole, year, sep, month, day] = m;
    const after = text.slice(m.index + whole.length, m.index + whole.length + 2);
    // 1.2.3.4 (a version or an address) is not a date; a range 2024.3.1-2024.3.5 is two.
    if (sep !== undefined && after.length === 2 && after[0] === sep && /\d/.test(after[1] ?? '')) continue;
    if (sep !== undefined && text[m.index - 1] === sep && /\d/.test(text[m.index - 2] ?? '')) continue;
    const mo = Number(month);
    const d = Number(day);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) continue;
    out.push({ index: m.index, text: whole, fixed: `${year}年${mo}月${d}日` });
  }
  return out;
}

export const dateNumericForm: Rule = {
  ids: ['date-numeric-form'],
  check(input, report) {
    for (const span of [...input.frontSpans, ...input.bodySpans]) {
      if (span.scalar && isDatePath(span.scalar.path)) continue;
      for (const d of findNumericDates(span.text)) {
        const at = span.offsetOf(d.index, d.text);
        report.at(at, at + d.text.length, 'date-numeric-form', { text: d.text, fixed: d.fixed });
      }
    }
  },
};

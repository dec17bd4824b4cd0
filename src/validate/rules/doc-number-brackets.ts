import { offsetInScalar } from '../front-matter.js';
import type { Rule } from '../rule.js';

/** The year of a 发文字号 in the wrong brackets: [] 【】 () （） ﹝﹞ 〖〗 ［］ instead of 〔〕 (GB/T 9704 §7.2.5). */
export const WRONG_YEAR_BRACKETS = /([[【(（﹝〖［<〈])\s*(\d{4})\s*([\]】)）﹞〗］>〉])/;

export const docNumberBrackets: Rule = {
  ids: ['doc-number-brackets'],
  check(input, report) {
    const s = input.scalarAt(['number']);
    if (!s || typeof s.value !== 'string') return;
    const m = WRONG_YEAR_BRACKETS.exec(s.value);
    if (!m) return;
    const open = m[1] ?? '';
    const at = offsetInScalar(s, m.index, m[0]);
    report.at(at, at + m[0].length, 'doc-number-brackets', { found: `${open}${m[3] ?? ''}` });
  },
};

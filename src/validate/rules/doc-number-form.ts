import type { Rule } from '../rule.js';
import { WRONG_YEAR_BRACKETS } from './doc-number-brackets.js';

/** 机关代字〔年份〕序号号: no 第, no zero padding (GB/T 9704 §7.2.5). */
const FORM = /^[^〔〕]+〔\d{4}〕[1-9]\d*号$/;

export const docNumberForm: Rule = {
  ids: ['doc-number-form'],
  check(input, report) {
    const s = input.scalarAt(['number']);
    if (!s || typeof s.value !== 'string' || s.value.trim() === '') return;
    // Wrong brackets get their own, more precise message.
    if (WRONG_YEAR_BRACKETS.test(s.value)) return;
    if (!FORM.test(s.value.trim())) report.at(s.start, s.end, 'doc-number-form', { value: s.value });
  },
};

import type { Rule } from '../rule.js';

/**
 * Placeholders left from a sample (范文): 20xx, xx/xxx/XX, x月x日, ××/×××, ○○, □□ and
 * bracketed prompts such as 【单位名称】. 某某 is not one: samples and real plans both use it
 * for anonymised names. x runs count only when not part of a Latin word or number
 * (box, xxl, 0x1f); URLs, code and Handlebars are masked before this runs.
 */
const PATTERNS = [
  String.raw`(?<![A-Za-z0-9])(?:19|20)[xX×ｘＸ]{2}(?![A-Za-z0-9])`,
  String.raw`(?<![A-Za-z0-9_])[xXｘＸ]{2,}(?![A-Za-z0-9_])`,
  String.raw`(?<![A-Za-z0-9_])[xXｘＸ](?=[年月日号时])`,
  String.raw`×{2,}`,
  String.raw`×(?=[年月日号])`,
  String.raw`○{2,}`,
  String.raw`□{2,}`,
  String.raw`【[^【】\n]{0,30}(?:填写|输入|名称|姓名|日期|时间|地点|单位|此处|待定|内容|[xX×]{2})[^【】\n]{0,30}】`,
];
const PLACEHOLDER = new RegExp(PATTERNS.join('|'), 'g');

/** Find placeholders in one piece of text: [index, text] pairs. */
const CANDIDATE = /[xX×ｘＸ○□【]/;

export function findPlaceholders(text: string): Array<readonly [number, string]> {
  // The full pattern is a long alternation with look-behinds; most text has none of its letters.
  if (!CANDIDATE.test(text)) return [];
  return [...text.matchAll(PLACEHOLDER)].map((m) => [m.index, m[0]] as const);
}

export const placeholder: Rule = {
  ids: ['placeholder'],
  check(input, report) {
    for (const span of [...input.frontSpans, ...input.bodySpans]) {
      for (const [i, text] of findPlaceholders(span.text)) {
        const at = span.offsetOf(i, text);
        report.at(at, at + text.length, 'placeholder', { text });
      }
    }
  },
};

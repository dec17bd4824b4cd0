import type { Rule } from '../rule.js';

/**
 * Placeholders left from a sample (范文) or blanks drawn to fill in by hand: 20xx, xx/xxx/XX,
 * x月x日, ××/×××, ○○, □□, bracketed prompts such as 【单位名称】, underline runs (`____年`,
 * `联系电话：______`, full-width ＿＿), asterisks standing for digits (`20**年`) and 某年/某月/某日.
 * 某某 alone is not one: samples and real plans both use it for anonymised names (王某某).
 * x and _ runs count only when not part of a Latin word or number (box, xxl, 0x1f,
 * snake_case); URLs, code and Handlebars are masked before this runs.
 */
const PATTERNS = [
  String.raw`(?<![A-Za-z0-9])(?:19|20)(?:[xX×ｘＸ]{2}|[_＿]{2,}|\*{2,})(?![A-Za-z0-9])`,
  String.raw`(?<![A-Za-z0-9_])[xXｘＸ]{2,}(?![A-Za-z0-9_])`,
  String.raw`(?<![A-Za-z0-9_])[xXｘＸ][年月日号时]`,
  String.raw`×{2,}`,
  String.raw`×[年月日号]`,
  String.raw`○{2,}`,
  String.raw`□{2,}`,
  String.raw`(?<![A-Za-z])[_＿]{2,}(?![A-Za-z])`,
  String.raw`＿+`,
  String.raw`(?<=\d)\*{2,}|(?<!\*)\*{2,}(?=[年月日号时])`,
  String.raw`某{1,2}[年月日号]`,
  String.raw`【[^【】\n]{0,30}(?:填写|输入|名称|姓名|日期|时间|地点|单位|此处|待定|内容|[xX×]{2})[^【】\n]{0,30}】`,
];
const PLACEHOLDER = new RegExp(PATTERNS.join('|'), 'g');

/** Find placeholders in one piece of text: [index, text] pairs. */
const CANDIDATE = /[xX×ｘＸ○□【_＿*某]/;

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

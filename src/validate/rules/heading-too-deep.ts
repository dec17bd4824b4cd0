import type { Rule } from '../rule.js';

/** `######`: official documents have four heading levels (GB/T 9704 §7.3.3), ## to #####. */
export const headingTooDeep: Rule = {
  ids: ['heading-too-deep'],
  check(input, report) {
    for (const h of input.headings) if (h.depth === 6) report.at(h.position?.start.offset ?? 0, h.position?.end.offset, 'heading-too-deep');
  },
};

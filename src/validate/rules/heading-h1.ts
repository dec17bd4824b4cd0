import type { Rule } from '../rule.js';

/**
 * `#` in the body. The document title is printed from `title:`, so a `#` line is almost
 * always the title typed again. It is printed and numbered as a `##` heading.
 */
export const headingH1: Rule = {
  ids: ['heading-h1'],
  check(input, report) {
    for (const h of input.headings) if (h.depth === 1) report.at(h.position?.start.offset ?? 0, h.position?.end.offset, 'heading-h1');
  },
};

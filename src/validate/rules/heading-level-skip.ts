import { headingLevelOf } from '../../model/heading-number.js';
import type { Rule } from '../rule.js';

/**
 * A heading more than one level below the one before it (## then ####): its number
 * would read 1. under 一、 with no （一） between. Levels as the renderer numbers them
 * (## is level 1, `#` counts as `##`); `######` is body text and left out.
 */
export const headingLevelSkip: Rule = {
  ids: ['heading-level-skip'],
  check(input, report) {
    let previous: number | undefined;
    for (const h of input.headings) {
      const level = headingLevelOf(h.depth);
      if (level === null) continue;
      if (previous !== undefined && level > previous + 1) {
        report.at(h.position?.start.offset ?? 0, h.position?.end.offset, 'heading-level-skip', { from: previous, to: level });
      }
      previous = level;
    }
  },
};

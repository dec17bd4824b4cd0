import { parseIsoDate } from '../../model/wording.js';
import { isDatePath } from '../front-matter.js';
import type { Rule } from '../rule.js';

/** A date of the right shape that no calendar has (2025-02-30, 2025-13-01). */
export const impossibleDate: Rule = {
  ids: ['impossible-date'],
  check(input, report) {
    for (const s of input.scalars) {
      if (!isDatePath(s.path) || typeof s.value !== 'string') continue;
      // Malformed dates are the schema's invalid-date; only well-formed ones are checked here.
      if (/^\d{4}-\d{2}-\d{2}$/.test(s.value) && !parseIsoDate(s.value)) report.at(s.start, s.end, 'impossible-date', { value: s.value });
    }
  },
};

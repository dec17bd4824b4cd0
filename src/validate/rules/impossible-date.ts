import { parsePlanDate } from '../../model/wording.js';
import { isDatePath } from '../front-matter.js';
import type { Rule } from '../rule.js';

/** A date of the right shape that no calendar has (2025-02-30, 2025-13-01). */
export const impossibleDate: Rule = {
  ids: ['impossible-date'],
  check(input, report) {
    for (const s of input.scalars) {
      if (!isDatePath(s.path) || typeof s.value !== 'string') continue;
      // Malformed dates are the schema's invalid-date; only well-formed ones are checked here.
      // A month alone (2025-13) is checked too where the schema allows one.
      const monthAllowed = s.path.length > 1;
      if ((monthAllowed ? /^\d{4}-\d{2}(-\d{2})?$/ : /^\d{4}-\d{2}-\d{2}$/).test(s.value) && !parsePlanDate(s.value)) report.at(s.start, s.end, 'impossible-date', { value: s.value });
    }
  },
};

import type { Rule } from '../rule.js';
import { phaseDates, type PhaseDates } from './phase-dates.js';
import { phaseKey } from './phase-order.js';

/**
 * A phase that starts on or before the day the previous phase ends. A warning, since
 * sharing a boundary day is sometimes meant; phases out of order are phase-order's.
 */
export const phaseOverlap: Rule = {
  ids: ['phase-overlap'],
  check(input, report) {
    let previous: PhaseDates | undefined;
    for (const p of phaseDates(input)) {
      const key = phaseKey(p);
      if (!key) continue;
      const prevKey = previous && phaseKey(previous);
      if (previous && prevKey && key.iso < prevKey.iso) continue;
      if (previous?.end && p.start && p.start.iso <= previous.end.iso) {
        report.at(p.start.at.start, p.start.at.end, 'phase-overlap', { phase: p.name, previous: previous.name });
      }
      previous = p;
    }
  },
};

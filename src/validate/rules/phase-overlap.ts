import type { Rule } from '../rule.js';
import { phaseSequence } from './phase-dates.js';

/**
 * A phase that starts on or before the day the previous phase ends. A warning, since
 * sharing a boundary day is sometimes meant; phases out of order are phase-order's.
 */
export const phaseOverlap: Rule = {
  ids: ['phase-overlap'],
  check(input, report) {
    for (const { phase, previous, outOfOrder } of phaseSequence(input)) {
      if (outOfOrder || !previous?.end || !phase.start) continue;
      if (phase.start.iso <= previous.end.iso) {
        report.at(phase.start.at.start, phase.start.at.end, 'phase-overlap', { phase: phase.name, previous: previous.name });
      }
    }
  },
};

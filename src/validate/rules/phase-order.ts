import type { Rule } from '../rule.js';
import { phaseSequence } from './phase-dates.js';

/** Phases are printed in the order written, so they must be written in date order. */
export const phaseOrder: Rule = {
  ids: ['phase-order'],
  check(input, report) {
    for (const { phase, key, previous, outOfOrder } of phaseSequence(input)) {
      if (outOfOrder && previous) report.at(key.at.start, key.at.end, 'phase-order', { phase: phase.name, previous: previous.name });
    }
  },
};

import type { Rule } from '../rule.js';
import { phaseDates } from './phase-dates.js';

/** A phase whose end date comes before its start date. */
export const phaseEndBeforeStart: Rule = {
  ids: ['phase-end-before-start'],
  check(input, report) {
    for (const p of phaseDates(input)) {
      if (p.start && p.end && p.end.iso < p.start.iso) {
        report.at(p.end.at.start, p.end.at.end, 'phase-end-before-start', { phase: p.name, start: p.start.written, end: p.end.written });
      }
    }
  },
};

import type { Rule } from '../rule.js';
import { phaseDates, type PhaseDates } from './phase-dates.js';

/** The date that places a phase in time: its start, or its deadline when it has no start. */
export function phaseKey(p: PhaseDates): PhaseDates['start'] {
  return p.start ?? p.end;
}

/** Phases are printed in the order written, so they must be written in date order. */
export const phaseOrder: Rule = {
  ids: ['phase-order'],
  check(input, report) {
    let previous: PhaseDates | undefined;
    for (const p of phaseDates(input)) {
      const key = phaseKey(p);
      if (!key) continue;
      const prevKey = previous && phaseKey(previous);
      if (previous && prevKey && key.iso < prevKey.iso) {
        report.at(key.at.start, key.at.end, 'phase-order', { phase: p.name, previous: previous.name });
        continue;
      }
      previous = p;
    }
  },
};

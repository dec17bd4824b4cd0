import { positionAt } from '../../read/source.js';
import type { Rule } from '../rule.js';

/** Two duty entries for the same unit: the table would list it twice. */
export const duplicateDutyUnit: Rule = {
  ids: ['duplicate-duty-unit'],
  check(input, report) {
    const duties = input.data?.['duties'];
    if (!Array.isArray(duties)) return;
    const first = new Map<string, number>();
    duties.forEach((_d, i) => {
      const at = input.scalarAt(['duties', i, 'unit']);
      if (!at || typeof at.value !== 'string') return;
      const unit = at.value.trim();
      const seen = first.get(unit);
      if (seen === undefined) first.set(unit, at.start);
      else report.at(at.start, at.end, 'duplicate-duty-unit', { unit, firstLine: positionAt(input.parsed.source, seen).line });
    });
  },
};

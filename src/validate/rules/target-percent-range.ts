import type { Rule } from '../rule.js';

/** A percentage target must lie within 0–100 (达到120% is a typo, not an ambition). */
export const targetPercentRange: Rule = {
  ids: ['target-percent-range'],
  check(input, report) {
    const targets = input.data?.['targets'];
    if (!Array.isArray(targets)) return;
    targets.forEach((t: unknown, i) => {
      const o = (t ?? {}) as { name?: unknown; value?: unknown; unit?: unknown };
      const unit = typeof o.unit === 'string' ? o.unit.trim() : '';
      if ((unit !== '%' && unit !== '％') || typeof o.value !== 'number') return;
      if (o.value >= 0 && o.value <= 100) return;
      const at = input.scalarAt(['targets', i, 'value']);
      if (at) report.at(at.start, at.end, 'target-percent-range', { target: typeof o.name === 'string' ? o.name : `targets[${i}]`, value: o.value });
    });
  },
};

import type { Rule } from '../rule.js';

/** A percentage target (of targets or of a duty) must lie within 0–100 (达到120% is a typo, not an ambition). */
export const targetPercentRange: Rule = {
  ids: ['target-percent-range'],
  check(input, report) {
    const lists: Array<[unknown, (string | number)[]]> = [[input.data?.['targets'], ['targets']]];
    const duties = input.data?.['duties'];
    if (Array.isArray(duties)) duties.forEach((d: unknown, i) => lists.push([(d as { targets?: unknown } | null)?.targets, ['duties', i, 'targets']]));
    for (const [targets, base] of lists) {
      if (!Array.isArray(targets)) continue;
      targets.forEach((t: unknown, i) => {
        const o = (t ?? {}) as { name?: unknown; value?: unknown; unit?: unknown };
        const unit = typeof o.unit === 'string' ? o.unit.trim() : '';
        if ((unit !== '%' && unit !== '％') || typeof o.value !== 'number') return;
        if (o.value >= 0 && o.value <= 100) return;
        const at = input.scalarAt([...base, i, 'value']);
        if (at) report.at(at.start, at.end, 'target-percent-range', { target: typeof o.name === 'string' ? o.name : `${base.join('.')}[${i}]`, value: o.value });
      });
    }
  },
};

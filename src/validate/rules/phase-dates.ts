import { parseIsoDate } from '../../model/wording.js';
import type { FrontScalar } from '../front-matter.js';
import type { RuleInput } from '../rule.js';

/** A phase as the phase rules see it: name and its valid dates, with their scalars. */
export interface PhaseDates {
  readonly index: number;
  readonly name: string;
  readonly start?: { readonly iso: string; readonly at: FrontScalar };
  readonly end?: { readonly iso: string; readonly at: FrontScalar };
}

/** The phases with their well-formed, possible dates (other dates are other rules' business). */
export function phaseDates(input: RuleInput): PhaseDates[] {
  const phases = input.data?.['phases'];
  if (!Array.isArray(phases)) return [];
  return phases.map((p, index) => {
    const name = typeof (p as { name?: unknown } | null)?.name === 'string' ? (p as { name: string }).name : `phases[${index}]`;
    const date = (key: 'start' | 'end') => {
      const at = input.scalarAt(['phases', index, key]);
      return at && typeof at.value === 'string' && parseIsoDate(at.value) ? { [key]: { iso: at.value, at } } : {};
    };
    return { index, name, ...date('start'), ...date('end') };
  });
}

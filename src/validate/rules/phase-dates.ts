import { firstDay, lastDay, parsePlanDate } from '../../model/wording.js';
import type { FrontScalar } from '../front-matter.js';
import type { RuleInput } from '../rule.js';

/** A phase as the phase rules see it: name and its valid dates, with their scalars. */
export interface PhaseDates {
  readonly index: number;
  readonly name: string;
  /** `iso` is the day compared: a month written as a start counts from its first day. */
  readonly start?: PhaseDate;
  /** A month written as an end counts to its last day (10月底). */
  readonly end?: PhaseDate;
}

export interface PhaseDate {
  readonly iso: string;
  /** As written (2025-10), for messages. */
  readonly written: string;
  readonly at: FrontScalar;
}

/** The phases with their well-formed, possible dates (other dates are other rules' business). */
export function phaseDates(input: RuleInput): PhaseDates[] {
  const phases = input.data?.['phases'];
  if (!Array.isArray(phases)) return [];
  return phases.map((p, index) => {
    const name = typeof (p as { name?: unknown } | null)?.name === 'string' ? (p as { name: string }).name : `phases[${index}]`;
    const date = (key: 'start' | 'end') => {
      const at = input.scalarAt(['phases', index, key]);
      const d = at && typeof at.value === 'string' ? parsePlanDate(at.value) : null;
      if (!at || !d || d.precision === 'year') return {};
      return { [key]: { iso: key === 'start' ? firstDay(d) : lastDay(d), written: String(at.value), at } };
    };
    return { index, name, ...date('start'), ...date('end') };
  });
}

/** The date that places a phase in time: its start, or its deadline when it has no start. */
export function phaseKey(p: PhaseDates): PhaseDates['start'] {
  return p.start ?? p.end;
}

/**
 * The dated phases in written order, each with the last earlier phase that was in date
 * order, and whether this one breaks that order.
 */
export function* phaseSequence(input: RuleInput): Generator<{ phase: PhaseDates; key: NonNullable<PhaseDates['start']>; previous?: PhaseDates; outOfOrder: boolean }> {
  let previous: PhaseDates | undefined;
  for (const phase of phaseDates(input)) {
    const key = phaseKey(phase);
    if (!key) continue;
    const prevKey = previous && phaseKey(previous);
    const outOfOrder = prevKey !== undefined && key.iso < prevKey.iso;
    yield { phase, key, ...(previous ? { previous } : {}), outOfOrder };
    if (!outOfOrder) previous = phase;
  }
}

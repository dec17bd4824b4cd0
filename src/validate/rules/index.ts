import type { Rule } from '../rule.js';
import { attachmentMissing } from './attachment-missing.js';
import { attachmentPath } from './attachment-path.js';
import { characters } from './characters.js';
import { dateNumericForm } from './date-numeric-form.js';
import { dateZeroPadding } from './date-zero-padding.js';
import { docNumberBrackets } from './doc-number-brackets.js';
import { docNumberForm } from './doc-number-form.js';
import { docNumberTextBrackets } from './doc-number-text-brackets.js';
import { duplicateDutyUnit } from './duplicate-duty-unit.js';
import { halfwidthPunctuation } from './halfwidth-punctuation.js';
import { headingH1 } from './heading-h1.js';
import { headingLevelSkip } from './heading-level-skip.js';
import { headingMarker } from './heading-marker.js';
import { headingTooDeep } from './heading-too-deep.js';
import { impossibleDate } from './impossible-date.js';
import { phaseEndBeforeStart } from './phase-end-before-start.js';
import { phaseOrder } from './phase-order.js';
import { phaseOverlap } from './phase-overlap.js';
import { placeholder } from './placeholder.js';
import { targetPercentRange } from './target-percent-range.js';
import { unbalancedPairs } from './unbalanced-pairs.js';

/** Every semantic rule, each in its own module. Order does not matter: output is sorted. */
export const rules: readonly Rule[] = [
  impossibleDate,
  phaseEndBeforeStart,
  phaseOrder,
  phaseOverlap,
  targetPercentRange,
  duplicateDutyUnit,
  docNumberBrackets,
  docNumberForm,
  attachmentMissing,
  attachmentPath,
  placeholder,
  unbalancedPairs,
  dateZeroPadding,
  halfwidthPunctuation,
  headingH1,
  headingLevelSkip,
  headingMarker,
  headingTooDeep,
  characters,
  dateNumericForm,
  docNumberTextBrackets,
];

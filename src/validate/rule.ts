import type { Heading } from 'mdast';
import type { Reporter } from '../diagnostics/report.js';
import type { ParsedPlan } from '../parse/parse-plan.js';
import type { TextBlock } from './body-text.js';
import type { FrontScalar } from './front-matter.js';
import type { TextSpan } from './text-spans.js';

/** What rules may ask of the outside world (injected, so rules stay pure). */
export interface RuleContext {
  /** Folder of the plan file, absolute. */
  readonly planDir: string;
  readonly fileExists: (absPath: string) => boolean;
}

/** Everything a semantic rule looks at, prepared once per plan. */
export interface RuleInput {
  readonly parsed: ParsedPlan;
  readonly ctx: RuleContext;
  /**
   * The front matter as plain data, or undefined when it is missing, broken or not a
   * mapping (front-matter rules then stay quiet; body rules still run).
   */
  readonly data: Readonly<Record<string, unknown>> | undefined;
  /** Every scalar of the front matter with its file position (empty without data). */
  readonly scalars: readonly FrontScalar[];
  /** The prose of the body, block by block. */
  readonly blocks: readonly TextBlock[];
  readonly headings: readonly Heading[];
  /** Front-matter strings and body blocks as spans for the proofreading rules. */
  readonly frontSpans: readonly TextSpan[];
  readonly bodySpans: readonly TextSpan[];
  /** The scalar at a path, when it was written. */
  scalarAt(path: readonly (string | number)[]): FrontScalar | undefined;
}

/** A semantic rule: looks at the prepared input and reports through `report`. */
export interface Rule {
  /** The catalogue ids this rule may report. */
  readonly ids: readonly string[];
  check(input: RuleInput, report: Reporter): void;
}

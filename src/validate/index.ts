import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ParsedPlan } from '../parse/parse-plan.js';

/** What rules may ask of the outside world (injected, so rules stay pure). */
export interface RuleContext {
  /** Folder of the plan file, absolute. */
  readonly planDir: string;
  readonly fileExists: (absPath: string) => boolean;
}

/**
 * Validate a parsed plan: YAML syntax, the JSON Schema, then every semantic rule.
 * Returns every problem found, not only the first.
 */
export function validatePlan(parsed: ParsedPlan, ctx: RuleContext): Diagnostic[] {
  void parsed;
  void ctx;
  return [];
}

/**
 * A problem found in a plan or template. User mistakes are data: every stage returns
 * these instead of throwing, each with a 1-based position in the file it concerns.
 */
/**
 * Errors stop a plan's build; warnings inform and never block (unless --strict or
 * --max-warnings says so); info notes (where a data section went) show only with --verbose.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Diagnostic {
  /** Path of the file the problem is in, as given to plangen (plan, template or partial). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** Stable rule id from the catalogue, e.g. `phase-order`. */
  readonly ruleId: string;
  readonly severity: Severity;
  /** Values for the catalogue's placeholders. */
  readonly args: Readonly<Record<string, string | number>>;
}

/** Sort by file, then line, then column, then rule id (ESLint's order). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** How many warnings (not errors, not info notes) a list holds. */
export function countWarnings(list: readonly Diagnostic[]): number {
  return list.filter((d) => d.severity === 'warning').length;
}

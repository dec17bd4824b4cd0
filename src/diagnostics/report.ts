import type { Diagnostic } from './diagnostic.js';
import { defaultSeverity, type RuleId } from './catalogue.js';
import type { SourceText } from '../read/source.js';
import { positionAt } from '../read/source.js';

/**
 * Collects diagnostics for one file. Stages call `at(offset, id, args)` with an offset in
 * the source; the collector turns it into line and column.
 */
export class Reporter {
  readonly list: Diagnostic[] = [];
  constructor(readonly source: SourceText) {}

  /** `detail` is extra text for --verbose (kept out of reporters and of equality). */
  at(start: number, end: number | undefined, ruleId: RuleId, args: Readonly<Record<string, string | number>> = {}, detail?: string): void {
    const p = positionAt(this.source, start);
    const e = end === undefined ? undefined : positionAt(this.source, end);
    const d: Diagnostic = {
      file: this.source.path,
      line: p.line,
      column: p.column,
      ...(e ? { endLine: e.line, endColumn: e.column } : {}),
      ruleId,
      severity: defaultSeverity(ruleId),
      args,
    };
    if (detail !== undefined) withDetail(d, detail);
    this.list.push(d);
  }
}

/** Attach text that only --verbose prints (non-enumerable, like an internal error's stack). */
export function withDetail(d: Diagnostic, detail: string): Diagnostic {
  Object.defineProperty(d, 'detail', { value: detail, enumerable: false });
  return d;
}

/** A diagnostic at a known line/column in any file (templates, attachments, whole-file problems). */
export function diagnostic(
  file: string,
  line: number,
  column: number,
  ruleId: RuleId,
  args: Record<string, string | number> = {},
): Diagnostic {
  return { file, line, column, ruleId, severity: defaultSeverity(ruleId), args };
}

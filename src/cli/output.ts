import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Lang } from '../diagnostics/catalogue.js';
import { formatReport, type FileReport, type ReporterName } from '../diagnostics/reporters/index.js';
import type { Io } from '../io/io.js';

export interface ReportOptions {
  readonly format: ReporterName;
  readonly lang: Lang;
  readonly quiet: boolean;
  readonly verbose: boolean;
}

/** Print diagnostics with the chosen reporter; with --quiet only errors. */
export function printReport(io: Io, files: readonly FileReport[], opts: ReportOptions): void {
  const shown = opts.quiet ? files.map((f) => ({ file: f.file, diagnostics: f.diagnostics.filter((d) => d.severity === 'error') })) : files;
  const text = formatReport(opts.format, shown, opts.lang);
  if (text) io.stdout.write(text);
  if (opts.verbose) {
    for (const f of files) {
      for (const d of f.diagnostics) {
        const stack = (d as Diagnostic & { stack?: string }).stack;
        if (stack) io.stderr.write(stack + '\n');
      }
    }
  }
}

/**
 * Problems with the run rather than with the documents: exit 2. (A template named by the
 * plan that does not exist is the plan's mistake, reported at its line, but it stops the
 * run like a missing file does.)
 */
const runFailures = new Set([
  'internal-error',
  'template-missing',
  'output-locked',
  'output-failed',
  'soffice-missing',
  'pdf-failed',
  'pdf-timeout',
  'pdf-no-output',
  // The run ran out of memory on the plan: not something the clerk can fix in the text.
  'resource-limit',
]);

/** ESLint's exit codes: 1 when the documents have errors (or warnings under --strict). */
export function exitCodeFor(files: readonly FileReport[], strict: boolean): number {
  const all = files.flatMap((f) => f.diagnostics);
  if (all.some((d) => runFailures.has(d.ruleId))) return 2;
  if (all.some((d) => d.severity === 'error')) return 1;
  if (strict && all.length > 0) return 1;
  return 0;
}

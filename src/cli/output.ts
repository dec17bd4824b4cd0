import { countWarnings, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatMessage, type Lang, type RuleId } from '../diagnostics/catalogue.js';
import { terminalSafe } from '../util/characters.js';
import { formatReport, formatSummary, type FileReport, type ReporterName, type RunFacts } from '../diagnostics/reporters/index.js';
import { displayPath, resolveFrom, type Io } from '../io/io.js';
import { appendText, writeFileAtomic, type WriteResult } from '../io/write.js';
import { projectRootOf } from '../io/contain.js';

export interface ReportOptions {
  readonly format: ReporterName;
  readonly lang: Lang;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** `--allow-read` folders as typed (resolved against the working folder where used). */
  readonly allowRead?: readonly string[];
  /** Warnings beyond this many fail the run (exit 1): --max-warnings N, or 0 with --strict. */
  readonly maxWarnings?: number;
  /** --output-file: the report goes to this file (written atomically) instead of stdout. */
  readonly outputFile?: string;
  /** --jobs: plans worked on at once; default one per core. */
  readonly jobs?: number;
}

/** Diagnostics found before any plan was built (usage, clashes, refused links), each filed under its own file; the reporter groups and sorts them. */
export function fileReports(diagnostics: readonly Diagnostic[]): FileReport[] {
  return diagnostics.map((d) => ({ file: d.file, diagnostics: [d] }));
}

/**
 * Print diagnostics with the chosen reporter; with --quiet only errors, info notes only with
 * --verbose. With --output-file the report goes to that file instead of stdout; with
 * `--format github` and `GITHUB_STEP_SUMMARY` set, a Markdown summary of the run is appended
 * to that file. Returns false when either could not be written (said on stderr): the run
 * failed, exit 2.
 */
export async function printReport(io: Io, files: readonly FileReport[], opts: ReportOptions, facts?: RunFacts): Promise<boolean> {
  const keep = (d: Diagnostic) => (opts.quiet ? d.severity === 'error' : d.severity !== 'info' || opts.verbose);
  const shown = files.map((f) => ({ file: f.file, diagnostics: f.diagnostics.filter(keep) }));
  // SARIF and GitHub name files from the project root; the other formats need only the working folder.
  const fromRoot = opts.format === 'sarif' || opts.format === 'github';
  const text = formatReport(opts.format, shown, opts.lang, { cwd: io.cwd, ...(fromRoot ? { root: projectRootOf(io.cwd) } : {}) });
  let ok = true;
  if (opts.outputFile !== undefined) {
    const target = resolveFrom(io, opts.outputFile);
    // A report written over a plan (a slip of the keyboard) would destroy the clerk's work.
    if (files.some((f) => resolveFrom(io, f.file) === target || f.diagnostics.some((d) => resolveFrom(io, d.file) === target))) {
      io.stderr.write(terminalSafe(`plangen: ${formatMessage('usage-output-file-input', { path: opts.outputFile }, opts.lang)}`) + '\n');
      ok = false;
    } else ok = reportWritten(io, target, await writeFileAtomic(target, new TextEncoder().encode(text)), opts.lang);
  } else if (text) io.stdout.write(text);
  const summaryFile = io.env['GITHUB_STEP_SUMMARY'];
  if (opts.format === 'github' && summaryFile) {
    const target = resolveFrom(io, summaryFile);
    const summary = formatSummary(shown, facts ?? { command: 'check', plans: files.length }, opts.lang);
    ok = reportWritten(io, target, await appendText(target, summary), opts.lang) && ok;
  }
  if (opts.verbose) {
    for (const f of files) {
      for (const d of f.diagnostics) {
        const { stack, detail } = d as Diagnostic & { stack?: string; detail?: string };
        if (stack) io.stderr.write(stack + '\n');
        if (detail) io.stderr.write(`${d.file}:${d.line}:${d.column}  ${d.ruleId}\n${detail}\n\n`);
      }
    }
  }
  return ok;
}

function reportWritten(io: Io, target: string, r: WriteResult, lang: Lang): boolean {
  if (r.ok) return true;
  const shownPath = displayPath(io, target);
  const line = r.locked ? formatMessage('output-locked', { path: shownPath }, lang) : formatMessage('output-failed', { path: shownPath, reason: r.reason }, lang);
  io.stderr.write(terminalSafe(`plangen: ${line}`) + '\n');
  return false;
}

/** A mistake in how plangen was called: said in words from the catalogue, exit 2. */
export function printUsageError(io: Io, lang: Lang, id: RuleId, args: Record<string, string>): 2 {
  io.stderr.write(terminalSafe(`plangen: ${formatMessage(id, args, lang)}`) + '\n');
  return 2;
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
  'output-outside-project',
  'soffice-missing',
  'pdf-failed',
  'pdf-timeout',
  'pdf-no-output',
  'usage-pdf-and-docx',
  'usage-output-kind',
  'usage-manifest-stdout',
  'usage-source-date-epoch',
  // inputs and outputs in CI (issue 12)
  'output-clash',
  'manifest-clash',
  'stdin-needs-output',
  'stdout-docx-only',
  // The run ran out of memory on the plan: not something the clerk can fix in the text.
  'resource-limit',
]);

/**
 * ESLint's exit codes: 1 when the documents have errors, or more warnings than
 * `maxWarnings` (--max-warnings N; --strict is 0); info notes never count.
 */
export function exitCodeFor(files: readonly FileReport[], maxWarnings: number | undefined): number {
  const all = files.flatMap((f) => f.diagnostics);
  if (all.some((d) => runFailures.has(d.ruleId))) return 2;
  if (all.some((d) => d.severity === 'error')) return 1;
  if (tooManyWarnings(files, maxWarnings)) return 1;
  return 0;
}

/** Whether the warnings exceed the limit set by --max-warnings or --strict. */
export function tooManyWarnings(files: readonly FileReport[], maxWarnings: number | undefined): boolean {
  return maxWarnings !== undefined && countWarnings(files.flatMap((f) => f.diagnostics)) > maxWarnings;
}

/**
 * ESLint's closing line when the warnings fail the run: said on stderr so a JSON report on
 * stdout stays parseable.
 */
export function reportWarningLimit(io: Io, files: readonly FileReport[], maxWarnings: number | undefined, lang: Lang): void {
  if (!tooManyWarnings(files, maxWarnings) || files.some((f) => f.diagnostics.some((d) => d.severity === 'error'))) return;
  const count = countWarnings(files.flatMap((f) => f.diagnostics));
  io.stderr.write(formatMessage('too-many-warnings', { count, max: maxWarnings ?? 0 }, lang) + '\n');
}


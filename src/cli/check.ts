import { defaultJobs, planRunner } from './isolate.js';
import { readStdin, type Io } from '../io/io.js';
import { MAX_SOURCE_BYTES } from '../read/decode.js';
import { diagnostic } from '../diagnostics/report.js';
import { formatReportText } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { mapLimited } from '../util/map-limited.js';
import { exitCodeFor, fileReports, printReport, reportWarningLimit, type ReportOptions } from './output.js';
import type { FileReport } from '../diagnostics/reporters/index.js';
import { startRun, type ConfigFlags } from '../config/run.js';

export interface CheckOptions extends ReportOptions, ConfigFlags {
  /** `--exclude` patterns, as typed. */
  readonly exclude?: readonly string[];
}

/** `plangen check <files or folders…>`: report every problem, exit 0/1/2. */
export async function runCheck(args: readonly string[], given: CheckOptions, io: Io): Promise<number> {
  const { diagnostics, refused, run } = await startRun(args, given, io);
  if (!run.ok) return run.code;
  const opts = { ...given, lang: run.lang };
  const files = run.plans.map((p) => p.file);
  const reports: FileReport[] = [...run.notes, ...fileReports([...diagnostics, ...refused])];
  const jobs = Math.max(1, Math.min(opts.jobs ?? defaultJobs(), files.length));
  const runner = await planRunner(io.planWorker, io.env, jobs, files.length);
  try {
    // A few more files in flight than workers, so reading one overlaps checking another
    // (each worker takes one at a time, so a failure names its plan).
    const checked = await mapLimited(run.plans, jobs + 3, async (p) => {
      const c = await runner.run({ kind: 'check', abs: p.file.abs, shown: p.file.shown, check: p.check, ...(p.file.stdin ? { bytes: await readStdin(io, MAX_SOURCE_BYTES) } : {}) });
      return { ...c, diagnostics: [...p.notes, ...c.diagnostics] };
    });
    // With --verbose, the notes on where each data section went are reported too.
    checked.forEach((c, i) => reports.push({ file: files[i]!.shown, diagnostics: opts.verbose ? [...c.diagnostics, ...(c.notes ?? [])] : c.diagnostics }));
  } finally {
    await runner.close();
  }
  const printed = await printReport(io, reports, opts, { command: 'check', plans: files.length });
  if (diagnostics.length > 0 || !printed) return 2;
  if (files.length === 0 && refused.length === 0) {
    io.stderr.write(formatReportText('no-plans-found', {}, opts.lang) + '\n');
    return 2;
  }
  reportWarningLimit(io, reports, opts.maxWarnings, opts.lang);
  return exitCodeFor(reports, opts.maxWarnings);
}

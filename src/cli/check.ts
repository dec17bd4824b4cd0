import { statSync } from 'node:fs';
import { defaultJobs, planRunner } from './isolate.js';
import { readStdin, resolveFrom, type Io } from '../io/io.js';
import { MAX_SOURCE_BYTES } from '../read/decode.js';
import { diagnostic } from '../diagnostics/report.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { collectPlanFiles } from './files.js';
import { mapLimited } from '../util/map-limited.js';
import { exitCodeFor, printReport, reportWarningLimit, type ReportOptions } from './output.js';
import type { FileReport } from '../diagnostics/reporters/index.js';
import { configureRun, type ConfigFlags } from '../config/run.js';

export interface CheckOptions extends ReportOptions, ConfigFlags {
  /** `--exclude` patterns, as typed. */
  readonly exclude?: readonly string[];
}

/** `plangen check <files or folders…>`: report every problem, exit 0/1/2. */
export async function runCheck(args: readonly string[], given: CheckOptions, io: Io): Promise<number> {
  const allowed = allowedFolders(given.allowRead, io);
  const collected = await collectPlanFiles(args, io, allowed.folders, given.exclude);
  const { diagnostics, refused } = collected;
  diagnostics.push(...allowed.diagnostics);
  const run = await configureRun(args, collected.files, given, allowed.folders, io);
  if (!run.ok) return run.code;
  const opts = { ...given, lang: run.lang };
  const files = run.plans.map((p) => p.file);
  const reports: FileReport[] = [...run.notes, ...[...diagnostics, ...refused].map((d) => ({ file: d.file, diagnostics: [d] }))];
  const jobs = Math.max(1, Math.min(opts.jobs ?? defaultJobs(), files.length));
  const runner = await planRunner(io.planWorker, io.env, jobs);
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
    io.stderr.write(opts.lang === 'zh' ? '没有找到方案文件（*.md，以 --- 开头）\n' : 'No plan files found (*.md starting with ---)\n');
    return 2;
  }
  reportWarningLimit(io, reports, opts.maxWarnings, opts.lang);
  return exitCodeFor(reports, opts.maxWarnings);
}

/** `--allow-read` folders, absolute; one that is not a folder stops the run (exit 2). */
export function allowedFolders(dirs: readonly string[] | undefined, io: Io): { folders: string[]; diagnostics: Diagnostic[] } {
  const folders: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const d of dirs ?? []) {
    const abs = resolveFrom(io, d);
    let ok = false;
    try {
      ok = statSync(abs).isDirectory();
    } catch {
      ok = false;
    }
    if (ok) folders.push(abs);
    else diagnostics.push(diagnostic(d, 1, 1, 'file-not-found', { path: d }));
  }
  return { folders, diagnostics };
}

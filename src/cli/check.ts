import { statSync } from 'node:fs';
import { checkFile } from '../pipeline.js';
import { resolveFrom, type Io } from '../io/io.js';
import { diagnostic } from '../diagnostics/report.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { collectPlanFiles } from './files.js';
import { mapLimited } from '../util/map-limited.js';
import { exitCodeFor, printReport, reportWarningLimit, type ReportOptions } from './output.js';
import type { FileReport } from '../diagnostics/reporters/index.js';
import { configureRun, type ConfigFlags } from '../config/run.js';

export type CheckOptions = ReportOptions & ConfigFlags;

/** `plangen check <files or folders…>`: report every problem, exit 0/1/2. */
export async function runCheck(args: readonly string[], given: CheckOptions, io: Io): Promise<number> {
  const allowed = allowedFolders(given.allowRead, io);
  const collected = await collectPlanFiles(args, io, allowed.folders);
  const { diagnostics, refused } = collected;
  diagnostics.push(...allowed.diagnostics);
  const run = await configureRun(args, collected.files, given, allowed.folders, io);
  if (!run.ok) return run.code;
  const opts = { ...given, lang: run.lang };
  const files = run.plans.map((p) => p.file);
  const reports: FileReport[] = [...run.notes, ...[...diagnostics, ...refused].map((d) => ({ file: d.file, diagnostics: [d] }))];
  // A few files in flight at once, so reading one overlaps checking another.
  const checked = await mapLimited(run.plans, 4, async (p) => {
    const c = await checkFile(p.file.abs, p.file.shown, p.check);
    return { ...c, diagnostics: [...p.notes, ...c.diagnostics] };
  });
  // With --verbose, the notes on where each data section went are reported too.
  checked.forEach((c) => reports.push({ file: c.file, diagnostics: opts.verbose ? [...c.diagnostics, ...(c.expansion?.notes ?? [])] : c.diagnostics }));
  printReport(io, reports, opts);
  if (diagnostics.length > 0) return 2;
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

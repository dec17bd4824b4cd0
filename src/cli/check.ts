import { checkFile } from '../pipeline.js';
import type { Io } from '../io/io.js';
import { collectPlanFiles } from './files.js';
import { mapLimited } from '../util/map-limited.js';
import { exitCodeFor, printReport, reportWarningLimit, type ReportOptions } from './output.js';
import type { FileReport } from '../diagnostics/reporters/index.js';

export type CheckOptions = ReportOptions;

/** `plangen check <files or folders…>`: report every problem, exit 0/1/2. */
export async function runCheck(args: readonly string[], opts: CheckOptions, io: Io): Promise<number> {
  const { files, diagnostics } = await collectPlanFiles(args, io);
  const reports: FileReport[] = diagnostics.map((d) => ({ file: d.file, diagnostics: [d] }));
  // A few files in flight at once, so reading one overlaps checking another.
  const checked = await mapLimited(files, 4, (f) => checkFile(f.abs, f.shown));
  // With --verbose, the notes on where each data section went are reported too.
  checked.forEach((c) => reports.push({ file: c.file, diagnostics: opts.verbose ? [...c.diagnostics, ...(c.expansion?.notes ?? [])] : c.diagnostics }));
  printReport(io, reports, opts);
  if (diagnostics.length > 0) return 2;
  if (files.length === 0) {
    io.stderr.write(opts.lang === 'zh' ? '没有找到方案文件（*.md，以 --- 开头）\n' : 'No plan files found (*.md starting with ---)\n');
    return 2;
  }
  reportWarningLimit(io, reports, opts.maxWarnings, opts.lang);
  return exitCodeFor(reports, opts.maxWarnings);
}

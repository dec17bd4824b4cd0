import type { Io } from '../io/io.js';
import { collectPlanFiles } from './files.js';
import { planRunner } from './isolate.js';
import { mapLimited } from '../util/map-limited.js';
import { exitCodeFor, printReport, type ReportOptions } from './output.js';
import type { FileReport } from '../diagnostics/reporters/index.js';

export interface CheckOptions extends ReportOptions {
  readonly strict: boolean;
}

/** `plangen check <files or folders…>`: report every problem, exit 0/1/2. */
export async function runCheck(args: readonly string[], opts: CheckOptions, io: Io): Promise<number> {
  const { files, diagnostics } = await collectPlanFiles(args, io);
  const reports: FileReport[] = diagnostics.map((d) => ({ file: d.file, diagnostics: [d] }));
  const runner = await planRunner(io.planWorker, io.env);
  try {
    // A few files in flight at once, so reading one overlaps checking another (in this
    // thread; a worker takes them one at a time, so a failure names its plan).
    const checked = await mapLimited(files, 4, (f) => runner.run({ kind: 'check', abs: f.abs, shown: f.shown }));
    checked.forEach((c, i) => reports.push({ file: files[i]!.shown, diagnostics: c.diagnostics }));
  } finally {
    await runner.close();
  }
  printReport(io, reports, opts);
  if (diagnostics.length > 0) return 2;
  if (files.length === 0) {
    io.stderr.write(opts.lang === 'zh' ? '没有找到方案文件（*.md，以 --- 开头）\n' : 'No plan files found (*.md starting with ---)\n');
    return 2;
  }
  return exitCodeFor(reports, opts.strict);
}

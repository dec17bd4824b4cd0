import * as path from 'node:path';
import { buildDocx, checkFile } from '../pipeline.js';
import { displayPath, resolveFrom, type Io } from '../io/io.js';
import { writeFileAtomic } from '../io/write.js';
import { diagnostic } from '../diagnostics/report.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileReport } from '../diagnostics/reporters/index.js';
import { collectPlanFiles } from './files.js';
import { allowedFolders } from './check.js';
import { outputEscapes } from '../io/contain.js';
import { exitCodeFor, printReport, printUsageError, reportWarningLimit, type ReportOptions } from './output.js';
import { statSync } from 'node:fs';
import type { RuleId } from '../diagnostics/catalogue.js';
import type { PdfJob } from '../render/pdf/index.js';
import { terminalSafe } from '../util/characters.js';

export interface BuildCommandOptions extends ReportOptions {
  readonly output?: string;
  readonly outDir?: string;
  readonly template?: string;
  readonly to: 'docx' | 'pdf' | 'both';
}

/**
 * `plangen build`: check each plan, stop a plan's build on its errors (warnings are printed
 * and never stop it), build the DOCX, write it atomically, then convert all PDFs in one
 * LibreOffice run. Too many warnings (--max-warnings, --strict) make the exit code 1 as in
 * ESLint, but the documents are still written: errors, not warnings, stop a build.
 */
export async function runBuild(args: readonly string[], given: BuildCommandOptions, io: Io): Promise<number> {
  const epoch = checkSourceDateEpoch(io.env['SOURCE_DATE_EPOCH']);
  if (epoch) return printUsageError(io, given.lang, 'usage-source-date-epoch', { value: epoch });
  const opts = outputIntoFolder(given, io);
  const allowed = allowedFolders(opts.allowRead, io);
  const { files, diagnostics, refused } = await collectPlanFiles(args, io, allowed.folders);
  diagnostics.push(...allowed.diagnostics);
  const zh = opts.lang === 'zh';
  if (diagnostics.length > 0 || files.length === 0) {
    const printed = await printReport(io, [...diagnostics, ...refused].map((d) => ({ file: d.file, diagnostics: [d] })), opts, { command: 'build', plans: files.length, built: 0 });
    if (files.length === 0 && diagnostics.length === 0 && refused.length === 0) io.stderr.write(zh ? '没有找到方案文件\n' : 'No plan files found\n');
    return printed && diagnostics.length === 0 && refused.length > 0 ? 1 : 2;
  }
  if (opts.output && files.length > 1) {
    io.stderr.write(zh ? '-o 只能用于一个方案；多个方案请用 --out-dir\n' : '-o takes one plan only; use --out-dir for several\n');
    return 2;
  }
  // Links a folder scan refused are problems in the documents: reported, nothing built from them.
  const reports: FileReport[] = refused.map((d) => ({ file: d.file, diagnostics: [d] }));
  const checkOptions = { ...(opts.template ? { template: opts.template } : {}), allowRead: allowed.folders };
  const pdfJobs: PdfJob[] = [];
  // Plans whose requested documents were all written, for the job summary.
  const finished = new Set<string>();
  const progress = files.length > 1;
  for (const [i, f] of files.entries()) {
    const checked = await checkFile(f.abs, f.shown, checkOptions);
    const built = await buildDocx(checked, { ...checkOptions, ...sourceDateEpoch(io) });
    const fileDiagnostics: Diagnostic[] = [...built.diagnostics, ...(opts.verbose ? (checked.expansion?.notes ?? []) : [])];
    const docxPath = outputPathFor(f.abs, '.docx', opts, io);
    const escaping = [docxPath, outputPathFor(f.abs, '.pdf', opts, io)].find((p) => outputEscapes(p, f.abs));
    if (built.docx && escaping) {
      fileDiagnostics.push(diagnostic(f.shown, 1, 1, 'output-outside-project', { path: displayPath(io, escaping) }));
      if (progress) io.stderr.write(terminalSafe(`[${i + 1}/${files.length}] ${f.shown} ✖`) + '\n');
    } else if (built.docx) {
      let docxWritten: string | undefined;
      if (opts.to !== 'pdf') {
        const written = await writeFileAtomic(docxPath, built.docx);
        if (!written.ok) fileDiagnostics.push(writeFailure(f.shown, displayPath(io, docxPath), written));
        else docxWritten = displayPath(io, docxPath);
        if (docxWritten && opts.to === 'docx') finished.add(f.shown);
      }
      if (opts.to !== 'docx') {
        const pdfPath = outputPathFor(f.abs, '.pdf', opts, io);
        pdfJobs.push({ plan: f.shown, docx: built.docx, pdfPath, shownPdf: displayPath(io, pdfPath), text: built.text ?? '', ...(docxWritten ? { docxWritten } : {}) });
      }
      if (progress) io.stderr.write(terminalSafe(`[${i + 1}/${files.length}] ${f.shown} → ${displayPath(io, opts.to === 'pdf' ? outputPathFor(f.abs, '.pdf', opts, io) : docxPath)}`) + '\n');
    } else if (progress) io.stderr.write(terminalSafe(`[${i + 1}/${files.length}] ${f.shown} ✖`) + '\n');
    reports.push({ file: f.shown, diagnostics: fileDiagnostics });
  }
  if (pdfJobs.length > 0) {
    if (progress) io.stderr.write(zh ? `正在用 LibreOffice 生成 ${pdfJobs.length} 个 PDF……\n` : `Converting ${pdfJobs.length} PDF(s) with LibreOffice…\n`);
    const { convertPdfs } = await import('../render/pdf/index.js');
    const results = await convertPdfs(pdfJobs, { env: io.env });
    for (const [k, r] of results.entries()) {
      const report = reports.find((x) => x.file === r.plan);
      const job = pdfJobs[k];
      // Say plainly which files exist now when only some of those asked for were written.
      const partial = job && !r.written ? [partialOutputs(job, opts.to)] : [];
      if (job && r.written && (opts.to === 'pdf' || job.docxWritten)) finished.add(r.plan);
      if (report) reports[reports.indexOf(report)] = { file: report.file, diagnostics: [...report.diagnostics, ...r.diagnostics, ...partial] };
    }
  }
  const printed = await printReport(io, reports, opts, { command: 'build', plans: files.length, built: finished.size });
  if (!printed) return 2;
  reportWarningLimit(io, reports, opts.maxWarnings, opts.lang);
  return exitCodeFor(reports, opts.maxWarnings);
}

/** Where a plan's output of one kind goes: -o, else --out-dir, else beside the plan. */
export function outputPathFor(planAbs: string, ext: string, opts: BuildCommandOptions, io: Io): string {
  // -o names the document; its PDF (or DOCX) twin takes the other extension.
  if (opts.output) return replaceExt(resolveFrom(io, opts.output), ext);
  const base = path.basename(planAbs, path.extname(planAbs)) + ext;
  return opts.outDir ? path.join(resolveFrom(io, opts.outDir), base) : path.join(path.dirname(planAbs), base);
}

function replaceExt(p: string, ext: string): string {
  const cur = path.extname(p);
  return (cur === '.docx' || cur === '.pdf' ? p.slice(0, -cur.length) : p) + ext;
}

/** Over 9999-12-31T23:59:59Z the date no longer has four digits; before 1980 zip cannot store it. */
const EPOCH_MIN = 315532800;
const EPOCH_MAX = 253402300799;

/**
 * SOURCE_DATE_EPOCH as reproducible-builds.org defines it: whole seconds since 1970. A value
 * that is set but unusable is refused (rather than silently replaced by the plan's date), so
 * a CI job learns its outputs would not be the ones it asked for. Returns the bad value.
 */
export function checkSourceDateEpoch(v: string | undefined): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v)) return v;
  const n = Number(v);
  return n < EPOCH_MIN || n > EPOCH_MAX ? v : undefined;
}

/** What `--pdf`, `--to` and the extension of `-o` ask for together, or the usage mistake. */
export function outputKind(flags: { readonly pdf?: boolean; readonly to?: 'docx' | 'pdf' | 'both'; readonly output?: string }):
  | { readonly to: 'docx' | 'pdf' | 'both' }
  | { readonly error: RuleId; readonly args: Record<string, string> } {
  if (flags.pdf && flags.to === 'docx') return { error: 'usage-pdf-and-docx', args: {} };
  const ext = flags.output && !/[\\/]$/.test(flags.output) ? path.extname(flags.output).toLowerCase() : '';
  if ((ext === '.pdf' && flags.to === 'docx') || (ext === '.docx' && flags.to === 'pdf')) {
    return { error: 'usage-output-kind', args: { path: flags.output ?? '', ext, to: flags.to } };
  }
  // -o x.pdf names a PDF: that is what is wanted, without having to say --pdf as well.
  if (ext === '.pdf') return { to: flags.to ?? (flags.pdf ? 'both' : 'pdf') };
  return { to: flags.to ?? (flags.pdf ? 'both' : 'docx') };
}

/** `-o out/` or `-o` naming an existing folder means "into this folder", as cp and mv read it. */
function outputIntoFolder(opts: BuildCommandOptions, io: Io): BuildCommandOptions {
  if (!opts.output) return opts;
  let isDir = /[\\/]$/.test(opts.output);
  if (!isDir) {
    try {
      isDir = statSync(resolveFrom(io, opts.output)).isDirectory();
    } catch {
      isDir = false;
    }
  }
  if (!isDir) return opts;
  const { output, ...rest } = opts;
  return { ...rest, outDir: output };
}

function partialOutputs(job: PdfJob, to: BuildCommandOptions['to']): Diagnostic {
  const written = job.docxWritten ? [job.docxWritten] : [];
  const missing = [job.shownPdf, ...(to === 'both' && !job.docxWritten ? [displayDocx(job.shownPdf)] : [])];
  return diagnostic(job.plan, 1, 1, 'outputs-partial', { written: written.length ? written.join(', ') : 'outputs-none', missing: missing.join(', ') });
}

function displayDocx(shownPdf: string): string {
  return shownPdf.replace(/\.pdf$/i, '.docx');
}

function sourceDateEpoch(io: Io): { sourceDateEpoch?: string } {
  const v = io.env['SOURCE_DATE_EPOCH'];
  return v ? { sourceDateEpoch: v } : {};
}

function writeFailure(plan: string, shown: string, r: { locked: boolean; reason: string }): Diagnostic {
  return r.locked ? diagnostic(plan, 1, 1, 'output-locked', { path: shown }) : diagnostic(plan, 1, 1, 'output-failed', { path: shown, reason: r.reason });
}

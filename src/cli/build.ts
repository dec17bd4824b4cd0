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
import { exitCodeFor, printReport, reportWarningLimit, type ReportOptions } from './output.js';
import type { PdfJob } from '../render/pdf/index.js';

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
export async function runBuild(args: readonly string[], opts: BuildCommandOptions, io: Io): Promise<number> {
  const allowed = allowedFolders(opts.allowRead, io);
  const { files, diagnostics, refused } = await collectPlanFiles(args, io, allowed.folders);
  diagnostics.push(...allowed.diagnostics);
  const zh = opts.lang === 'zh';
  if (diagnostics.length > 0 || files.length === 0) {
    printReport(io, [...diagnostics, ...refused].map((d) => ({ file: d.file, diagnostics: [d] })), opts);
    if (files.length === 0 && diagnostics.length === 0 && refused.length === 0) io.stderr.write(zh ? '没有找到方案文件\n' : 'No plan files found\n');
    return diagnostics.length === 0 && refused.length > 0 ? 1 : 2;
  }
  if (opts.output && files.length > 1) {
    io.stderr.write(zh ? '-o 只能用于一个方案；多个方案请用 --out-dir\n' : '-o takes one plan only; use --out-dir for several\n');
    return 2;
  }
  // Links a folder scan refused are problems in the documents: reported, nothing built from them.
  const reports: FileReport[] = refused.map((d) => ({ file: d.file, diagnostics: [d] }));
  const checkOptions = { ...(opts.template ? { template: opts.template } : {}), allowRead: allowed.folders };
  const pdfJobs: PdfJob[] = [];
  const progress = files.length > 1;
  for (const [i, f] of files.entries()) {
    const checked = await checkFile(f.abs, f.shown, checkOptions);
    const built = await buildDocx(checked, { ...checkOptions, ...sourceDateEpoch(io) });
    const fileDiagnostics: Diagnostic[] = [...built.diagnostics, ...(opts.verbose ? (checked.expansion?.notes ?? []) : [])];
    const docxPath = outputPathFor(f.abs, '.docx', opts, io);
    const escaping = [docxPath, outputPathFor(f.abs, '.pdf', opts, io)].find((p) => outputEscapes(p, f.abs));
    if (built.docx && escaping) {
      fileDiagnostics.push(diagnostic(f.shown, 1, 1, 'output-outside-project', { path: displayPath(io, escaping) }));
      if (progress) io.stderr.write(`[${i + 1}/${files.length}] ${f.shown} ✖\n`);
    } else if (built.docx) {
      if (opts.to !== 'pdf') {
        const written = await writeFileAtomic(docxPath, built.docx);
        if (!written.ok) fileDiagnostics.push(writeFailure(f.shown, displayPath(io, docxPath), written));
      }
      if (opts.to !== 'docx') {
        const pdfPath = outputPathFor(f.abs, '.pdf', opts, io);
        pdfJobs.push({ plan: f.shown, docx: built.docx, pdfPath, shownPdf: displayPath(io, pdfPath), text: built.text ?? '' });
      }
      if (progress) io.stderr.write(`[${i + 1}/${files.length}] ${f.shown} → ${displayPath(io, docxPath)}\n`);
    } else if (progress) io.stderr.write(`[${i + 1}/${files.length}] ${f.shown} ✖\n`);
    reports.push({ file: f.shown, diagnostics: fileDiagnostics });
  }
  if (pdfJobs.length > 0) {
    if (progress) io.stderr.write(zh ? `正在用 LibreOffice 生成 ${pdfJobs.length} 个 PDF……\n` : `Converting ${pdfJobs.length} PDF(s) with LibreOffice…\n`);
    const { convertPdfs } = await import('../render/pdf/index.js');
    const results = await convertPdfs(pdfJobs, { env: io.env });
    for (const r of results) {
      const report = reports.find((x) => x.file === r.plan);
      if (report) reports[reports.indexOf(report)] = { file: report.file, diagnostics: [...report.diagnostics, ...r.diagnostics] };
    }
  }
  printReport(io, reports, opts);
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

function sourceDateEpoch(io: Io): { sourceDateEpoch?: string } {
  const v = io.env['SOURCE_DATE_EPOCH'];
  return v ? { sourceDateEpoch: v } : {};
}

function writeFailure(plan: string, shown: string, r: { locked: boolean; reason: string }): Diagnostic {
  return r.locked ? diagnostic(plan, 1, 1, 'output-locked', { path: shown }) : diagnostic(plan, 1, 1, 'output-failed', { path: shown, reason: r.reason });
}

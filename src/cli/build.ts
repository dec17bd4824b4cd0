import * as path from 'node:path';
import { planRunner } from './isolate.js';
import { displayPath, resolveFrom, type Io } from '../io/io.js';
import { writeFileAtomic } from '../io/write.js';
import { diagnostic } from '../diagnostics/report.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileReport } from '../diagnostics/reporters/index.js';
import { collectPlanFiles } from './files.js';
import { exitCodeFor, printReport, type ReportOptions } from './output.js';
import type { PdfJob } from '../render/pdf/index.js';

export interface BuildCommandOptions extends ReportOptions {
  readonly output?: string;
  readonly outDir?: string;
  readonly template?: string;
  readonly force: boolean;
  readonly to: 'docx' | 'pdf' | 'both';
}

/**
 * `plangen build`: check each plan, stop on errors (and on warnings unless --force),
 * build the DOCX, write it atomically, then convert all PDFs in one LibreOffice run.
 */
export async function runBuild(args: readonly string[], opts: BuildCommandOptions, io: Io): Promise<number> {
  const { files, diagnostics } = await collectPlanFiles(args, io);
  const zh = opts.lang === 'zh';
  if (diagnostics.length > 0 || files.length === 0) {
    printReport(io, diagnostics.map((d) => ({ file: d.file, diagnostics: [d] })), opts);
    if (files.length === 0 && diagnostics.length === 0) io.stderr.write(zh ? '没有找到方案文件\n' : 'No plan files found\n');
    return 2;
  }
  if (opts.output && files.length > 1) {
    io.stderr.write(zh ? '-o 只能用于一个方案；多个方案请用 --out-dir\n' : '-o takes one plan only; use --out-dir for several\n');
    return 2;
  }
  const reports: FileReport[] = [];
  const pdfJobs: PdfJob[] = [];
  const progress = files.length > 1;
  let blockedByWarnings = false;
  const runner = await planRunner(io.planWorker, io.env);
  for (const [i, f] of files.entries()) {
    const built = await runner.run({ kind: 'build', abs: f.abs, shown: f.shown, force: opts.force, ...(opts.template ? { template: opts.template } : {}), ...sourceDateEpoch(io) });
    if (built.blockedByWarnings) {
      blockedByWarnings = true;
      reports.push({ file: f.shown, diagnostics: built.diagnostics });
      if (progress) io.stderr.write(`[${i + 1}/${files.length}] ${f.shown} ✖\n`);
      continue;
    }
    const fileDiagnostics: Diagnostic[] = [...built.diagnostics];
    if (built.docx) {
      const docxPath = outputPathFor(f.abs, '.docx', opts, io);
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
  await runner.close();
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
  if (blockedByWarnings) {
    io.stderr.write(zh ? '有警告的方案未生成；改正后重试，或加 --force 照样生成\n' : 'Plans with warnings were not built; fix them, or add --force to build anyway\n');
    return 1;
  }
  const code = exitCodeFor(reports, false);
  return code;
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

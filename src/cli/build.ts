import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { planRunner } from './isolate.js';
import { displayPath, readStdin, resolveFrom, type Io } from '../io/io.js';
import { writeFileAtomic } from '../io/write.js';
import { MAX_SOURCE_BYTES } from '../read/decode.js';
import { version } from '../version.js';
import { diagnostic } from '../diagnostics/report.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileReport } from '../diagnostics/reporters/index.js';
import { collectPlanFiles, type PlanFile } from './files.js';
import { allowedFolders } from './check.js';
import { outputEscapes } from '../io/contain.js';
import { exitCodeFor, printReport, printUsageError, reportWarningLimit, type ReportOptions } from './output.js';
import { statSync } from 'node:fs';
import type { RuleId } from '../diagnostics/catalogue.js';
import type { PdfJob, PdfResult } from '../render/pdf/index.js';
import { terminalSafe } from '../util/characters.js';
import { configureRun, type ConfigFlags } from '../config/run.js';
import type { PlanConfig } from '../config/index.js';

export interface BuildCommandOptions extends ReportOptions, ConfigFlags {
  readonly output?: string;
  readonly outDir?: string;
  /** Where manifest.json goes; default `<out-dir>/manifest.json` with --out-dir, else none. */
  readonly manifest?: string;
  /** `--exclude` patterns, as typed. */
  readonly exclude?: readonly string[];
  readonly template?: string;
  readonly to: 'docx' | 'pdf' | 'both';
  /** Whether the command line chose `to` (--pdf, --to, -o x.pdf); else a config's `pdf` may. */
  readonly toChosen?: boolean;
}

/**
 * `plangen build`: check each plan, stop a plan's build on its errors (warnings are printed
 * and never stop it), build the DOCX, write it atomically, then convert all PDFs in one
 * LibreOffice run. Too many warnings (--max-warnings, --strict) make the exit code 1 as in
 * ESLint, but the documents are still written: errors, not warnings, stop a build.
 */
export async function runBuild(args: readonly string[], given: BuildCommandOptions, io: Io): Promise<number> {
  // With the document itself on standard output, every message goes to standard error.
  const toStdout = given.output === '-';
  const reportIo: Io = toStdout ? { ...io, stdout: io.stderr } : io;
  const epoch = checkSourceDateEpoch(io.env['SOURCE_DATE_EPOCH']);
  if (epoch) return printUsageError(reportIo, given.lang, 'usage-source-date-epoch', { value: epoch });
  const allowed = allowedFolders(given.allowRead, io);
  const collected = await collectPlanFiles(args, io, allowed.folders, given.exclude);
  const { diagnostics, refused } = collected;
  diagnostics.push(...allowed.diagnostics);
  const run = await configureRun(args, collected.files, given, allowed.folders, io);
  if (!run.ok) return run.code;
  const opts = toStdout ? { ...given, lang: run.lang } : outputIntoFolder({ ...given, lang: run.lang }, io);
  const files = run.plans.map((p) => p.file);
  const zh = opts.lang === 'zh';
  if (diagnostics.length > 0 || files.length === 0) {
    const printed = await printReport(reportIo, [...diagnostics, ...refused].map((d) => ({ file: d.file, diagnostics: [d] })), opts, { command: 'build', plans: files.length, built: 0 });
    if (files.length === 0 && diagnostics.length === 0 && refused.length === 0) io.stderr.write(zh ? '没有找到方案文件\n' : 'No plan files found\n');
    return printed && diagnostics.length === 0 && refused.length > 0 ? 1 : 2;
  }
  if (opts.output && files.length > 1) {
    io.stderr.write(zh ? '-o 只能用于一个方案；多个方案请用 --out-dir\n' : '-o takes one plan only; use --out-dir for several\n');
    return 2;
  }
  // Nothing is written until every output has a place of its own.
  const unplaceable = [...usageProblems(files, opts), ...outputClashes(run.plans.map((p) => ({ file: p.file, opts: configuredOutput(opts, p.config) })), io)];
  if (unplaceable.length > 0) {
    await printReport(reportIo, unplaceable.map((d) => ({ file: d.file, diagnostics: [d] })), opts);
    return 2;
  }
  // Links a folder scan refused are problems in the documents: reported, nothing built from them.
  const reports: FileReport[] = [...run.notes, ...refused.map((d) => ({ file: d.file, diagnostics: [d] }))];
  const pdfJobs: PdfJob[] = [];
  const outputs: WrittenOutput[] = [];
  const templates = new Map<string, string>();
  // Plans whose requested documents were all written, for the job summary.
  const finished = new Set<string>();
  const kinds = new Map<string, BuildCommandOptions['to']>();
  const progress = files.length > 1;
  const runner = await planRunner(io.planWorker, io.env);
  // LibreOffice converts each DOCX as it is made, while the next plans render; for several plans it starts now and stays warm.
  const pdfPlans = run.plans.filter((p) => configuredOutput(opts, p.config).to !== 'docx');
  const pdf = pdfPlans.length === 0 ? undefined : (await import('../render/pdf/index.js')).createPdfConverter({ env: withFonts(io.env, [...new Set(pdfPlans.flatMap((p) => p.config.fonts ?? []))]), warm: pdfPlans.length > 1 });
  const pdfResults: Promise<PdfResult>[] = [];
  for (const [i, { file: f, config, check, notes }] of run.plans.entries()) {
    const stdinBytes = f.stdin ? { bytes: await readStdin(io, MAX_SOURCE_BYTES) } : {};
    const built = await runner.run({ kind: 'build', abs: f.abs, shown: f.shown, ...stdinBytes, check, ...(opts.template ? { template: opts.template } : {}), ...sourceDateEpoch(io) });
    const planOpts = configuredOutput(opts, config);
    const fileDiagnostics: Diagnostic[] = [...notes, ...built.diagnostics, ...(opts.verbose ? (built.notes ?? []) : [])];
    const docxPath = outputPathFor(f.abs, '.docx', planOpts, io, f.base);
    const escaping = toStdout ? undefined : [docxPath, outputPathFor(f.abs, '.pdf', planOpts, io, f.base)].find((p) => outputEscapes(p, f.abs));
    if (built.docx && escaping) {
      fileDiagnostics.push(diagnostic(f.shown, 1, 1, 'output-outside-project', { path: displayPath(io, escaping) }));
      if (progress) io.stderr.write(terminalSafe(`[${i + 1}/${files.length}] ${f.shown} ✖`) + '\n');
    } else if (built.docx) {
      let docxWritten: string | undefined;
      templates.set(f.shown, built.template ?? '');
      if (toStdout) {
        io.stdout.write(built.docx);
        if (planOpts.to === 'docx') finished.add(f.shown);
      }
      else if (planOpts.to !== 'pdf') {
        const written = await writeFileAtomic(docxPath, built.docx);
        if (!written.ok) fileDiagnostics.push(writeFailure(f.shown, displayPath(io, docxPath), written));
        else {
          docxWritten = displayPath(io, docxPath);
          outputs.push({ path: docxPath, plan: f, bytes: built.docx });
        }
        if (docxWritten && opts.to === 'docx') finished.add(f.shown);
      }
      if (planOpts.to !== 'docx') {
        const pdfPath = outputPathFor(f.abs, '.pdf', planOpts, io, f.base);
        const created = built.created !== undefined ? { created: new Date(built.created) } : {};
        kinds.set(f.shown, planOpts.to);
        pdfJobs.push({ plan: f.shown, docx: built.docx, pdfPath, shownPdf: displayPath(io, pdfPath), text: built.text ?? '', ...created, ...(docxWritten ? { docxWritten } : {}) });
        if (pdf) pdfResults.push(pdf.add(pdfJobs[pdfJobs.length - 1]!));
      }
      if (progress) io.stderr.write(terminalSafe(`[${i + 1}/${files.length}] ${f.shown} → ${displayPath(io, planOpts.to === 'pdf' ? outputPathFor(f.abs, '.pdf', planOpts, io, f.base) : docxPath)}`) + '\n');
    } else if (progress) io.stderr.write(terminalSafe(`[${i + 1}/${files.length}] ${f.shown} ✖`) + '\n');
    reports.push({ file: f.shown, diagnostics: fileDiagnostics });
  }
  await runner.close();
  if (pdfJobs.length > 0) {
    if (progress) io.stderr.write(zh ? `正在用 LibreOffice 生成 ${pdfJobs.length} 个 PDF……\n` : `Converting ${pdfJobs.length} PDF(s) with LibreOffice…\n`);
    const results = await Promise.all(pdfResults);
    for (const [k, r] of results.entries()) {
      const plan = files.find((f) => f.shown === r.plan);
      const pdfJob = pdfJobs[k];
      if (r.bytes && plan && pdfJob) outputs.push({ path: pdfJob.pdfPath, plan, bytes: r.bytes });
      const report = reports.find((x) => x.file === r.plan);
      const job = pdfJobs[k];
      // Say plainly which files exist now when only some of those asked for were written.
      const to = (job && kinds.get(job.plan)) ?? opts.to;
      const partial = job && !r.written ? [partialOutputs(job, to)] : [];
      if (job && r.written && (to === 'pdf' || job.docxWritten)) finished.add(r.plan);
      if (report) reports[reports.indexOf(report)] = { file: report.file, diagnostics: [...report.diagnostics, ...r.diagnostics, ...partial] };
    }
  }
  await pdf?.close();
  const manifest = opts.manifest ? resolveFrom(io, opts.manifest) : opts.outDir ? path.join(resolveFrom(io, opts.outDir), 'manifest.json') : undefined;
  if (manifest) {
    const written = await writeFileAtomic(manifest, manifestBytes(manifest, outputs, templates, io));
    if (!written.ok) reports.push({ file: displayPath(io, manifest), diagnostics: [writeFailure(displayPath(io, manifest), displayPath(io, manifest), written)] });
  }
  const printed = await printReport(reportIo, reports, opts, { command: 'build', plans: files.length, built: finished.size });
  if (!printed) return 2;
  reportWarningLimit(reportIo, reports, opts.maxWarnings, opts.lang);
  return exitCodeFor(reports, opts.maxWarnings);
}

/**
/**
 * A plan's output options with its config applied: `--out-dir`/`-o` and `--pdf`/`--to`
 * on the command line win over a config's `outDir` and `pdf`.
 */
function configuredOutput(opts: BuildCommandOptions, config: PlanConfig): BuildCommandOptions {
  const outDir = opts.output || opts.outDir || config.outDir === undefined ? {} : { outDir: config.outDir };
  const to = opts.toChosen || config.pdf === undefined ? opts.to : config.pdf ? 'both' : 'docx';
  return { ...opts, ...outDir, to };
}

/** Config `fonts` folders go to the fontconfig file the way PLANGEN_FONTS_DIR does, before it. */
export function withFonts(env: Io['env'], folders: readonly string[]): Io['env'] {
  if (folders.length === 0) return env;
  const given = env['PLANGEN_FONTS_DIR'];
  return { ...env, PLANGEN_FONTS_DIR: [...folders, ...(given ? [given] : [])].join(path.delimiter) };
}

/**
 * Where a plan's output of one kind goes: -o, else --out-dir, else beside the plan. Under
 * --out-dir the plan's folders below `base` (see {@link PlanFile.base}) are kept, so
 * `plans/2025/方案.md` and `plans/2026/方案.md` do not both become `out/方案.docx`; a plan
 * outside `base` goes to the top of the out dir.
 */
export function outputPathFor(planAbs: string, ext: string, opts: BuildCommandOptions, io: Io, base?: string): string {
  // -o names the document; its PDF (or DOCX) twin takes the other extension.
  if (opts.output) return replaceExt(resolveFrom(io, opts.output), ext);
  const name = path.basename(planAbs, path.extname(planAbs)) + ext;
  if (!opts.outDir) return path.join(path.dirname(planAbs), name);
  const rel = base ? path.relative(base, path.dirname(planAbs)) : '';
  const mirrored = rel.startsWith('..') || path.isAbsolute(rel) ? '' : rel;
  return path.join(resolveFrom(io, opts.outDir), mirrored, name);
}

/** Combinations the run cannot carry out, found before anything is read or written (exit 2). */
function usageProblems(files: readonly PlanFile[], opts: BuildCommandOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stdin = files.find((f) => f.stdin);
  if (stdin && !opts.output) out.push(diagnostic(stdin.shown, 1, 1, 'stdin-needs-output'));
  if (opts.output === '-' && opts.to !== 'docx') out.push(diagnostic(files[0]!.shown, 1, 1, 'stdout-docx-only'));
  return out;
}

/**
 * Two plans that would write the same file: one document would silently replace the
 * other. Paths are compared without case and in one Unicode form, as Windows and macOS
 * file systems (where offices open the results) treat them.
 */
function outputClashes(plans: readonly { readonly file: PlanFile; readonly opts: BuildCommandOptions }[], io: Io): Diagnostic[] {
  const owner = new Map<string, PlanFile>();
  const out: Diagnostic[] = [];
  for (const { file: f, opts } of plans) {
    if (opts.output) continue;
    const exts = opts.to === 'both' ? ['.docx', '.pdf'] : [`.${opts.to}`];
    for (const ext of exts) {
      const target = outputPathFor(f.abs, ext, opts, io, f.base);
      const key = target.normalize('NFC').toLowerCase();
      const first = owner.get(key);
      if (!first) owner.set(key, f);
      else out.push(diagnostic(f.shown, 1, 1, 'output-clash', { path: displayPath(io, target), other: first.shown }));
    }
  }
  return out;
}

interface WrittenOutput {
  readonly path: string;
  readonly plan: PlanFile;
  readonly bytes: Uint8Array;
}

/**
 * manifest.json: what this run wrote, for offices that keep the documents in git and
 * want to see which plan and template each came from. Paths are relative (the output to
 * the manifest's folder, the plan to the working folder) and in `/` form, entries sorted,
 * no clock readings: the same plans give the same bytes.
 */
function manifestBytes(manifest: string, outputs: readonly WrittenOutput[], templates: ReadonlyMap<string, string>, io: Io): Uint8Array {
  const posix = (p: string) => p.split(path.sep).join('/');
  const entries = outputs
    .map((o) => ({
      path: posix(path.relative(path.dirname(manifest), o.path)),
      source: o.plan.stdin ? o.plan.shown : posix(path.relative(io.cwd, o.plan.abs)),
      template: templates.get(o.plan.shown) ?? '',
      sha256: createHash('sha256').update(o.bytes).digest('hex'),
      size: o.bytes.length,
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return new TextEncoder().encode(JSON.stringify({ plangen: version, outputs: entries }, null, 2) + '\n');
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
  | { readonly to: 'docx' | 'pdf' | 'both'; readonly chosen: boolean }
  | { readonly error: RuleId; readonly args: Record<string, string> } {
  if (flags.pdf && flags.to === 'docx') return { error: 'usage-pdf-and-docx', args: {} };
  const ext = flags.output && !/[\\/]$/.test(flags.output) ? path.extname(flags.output).toLowerCase() : '';
  if ((ext === '.pdf' && flags.to === 'docx') || (ext === '.docx' && flags.to === 'pdf')) {
    return { error: 'usage-output-kind', args: { path: flags.output ?? '', ext, to: flags.to } };
  }
  // -o x.pdf names a PDF: that is what is wanted, without having to say --pdf as well.
  // Chosen on the command line, it beats a config file's `pdf`.
  const chosen = flags.to !== undefined || flags.pdf === true || ext === '.pdf' || ext === '.docx';
  if (ext === '.pdf') return { to: flags.to ?? (flags.pdf ? 'both' : 'pdf'), chosen };
  return { to: flags.to ?? (flags.pdf ? 'both' : 'docx'), chosen };
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

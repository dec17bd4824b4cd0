import * as path from 'node:path';
import { buildDocx, buildTimestamp, checkBytes, checkFile, type CheckedPlan } from '../pipeline.js';
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
import { formatMessage, type RuleId } from '../diagnostics/catalogue.js';
import type { PdfJob, PdfResult } from '../render/pdf/index.js';
import { terminalSafe } from '../util/characters.js';
import { countWarnings, hasErrors } from '../diagnostics/diagnostic.js';
import { projectRootOf } from '../io/contain.js';
import { recordReads, sha256, type ReadLog } from '../io/reads.js';
import { BuildCache, type CacheContext } from './cache.js';
import { Progress } from './progress.js';
import { parseShard, pickShard, type Shard } from './shard.js';

export interface BuildCommandOptions extends ReportOptions {
  readonly output?: string;
  readonly outDir?: string;
  /** Where manifest.json goes; default `<out-dir>/manifest.json` with --out-dir, else none. */
  readonly manifest?: string;
  /** `--exclude` patterns, as typed. */
  readonly exclude?: readonly string[];
  readonly template?: string;
  readonly to: 'docx' | 'pdf' | 'both';
  /** `--no-cache` makes this false: rebuild everything and record nothing. */
  readonly cache?: boolean;
  /** `--cache-dir`; default `.plangen-cache/` at the project root. */
  readonly cacheDir?: string;
  /** `--shard I/N` as typed. */
  readonly shard?: string;
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
  const opts = toStdout ? given : outputIntoFolder(given, io);
  const allowed = allowedFolders(opts.allowRead, io);
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (opts.shard !== undefined && !shard) return printUsageError(reportIo, opts.lang, 'usage-shard', { value: opts.shard });
  const started = performance.now();
  const collected = await collectPlanFiles(args, io, allowed.folders, opts.exclude);
  const { diagnostics, refused } = collected;
  const files = shard ? shardOf(collected.files, shard) : collected.files;
  diagnostics.push(...allowed.diagnostics);
  const zh = opts.lang === 'zh';
  if (shard && files.length === 0 && collected.files.length > 0 && diagnostics.length === 0) {
    if (!opts.quiet) io.stderr.write(formatMessage('shard-empty', { index: shard.index, count: shard.count, total: collected.files.length }, opts.lang) + '\n');
    return 0;
  }
  if (diagnostics.length > 0 || files.length === 0) {
    printReport(reportIo, [...diagnostics, ...refused].map((d) => ({ file: d.file, diagnostics: [d] })), opts);
    if (files.length === 0 && diagnostics.length === 0 && refused.length === 0) io.stderr.write(zh ? '没有找到方案文件\n' : 'No plan files found\n');
    return diagnostics.length === 0 && refused.length > 0 ? 1 : 2;
  }
  if (opts.output && files.length > 1) {
    io.stderr.write(zh ? '-o 只能用于一个方案；多个方案请用 --out-dir\n' : '-o takes one plan only; use --out-dir for several\n');
    return 2;
  }
  // Nothing is written until every output has a place of its own.
  const unplaceable = [...usageProblems(files, opts), ...outputClashes(files, opts, io)];
  if (unplaceable.length > 0) {
    printReport(reportIo, unplaceable.map((d) => ({ file: d.file, diagnostics: [d] })), opts);
    return 2;
  }
  // Links a folder scan refused are problems in the documents: reported, nothing built from them.
  const reports: FileReport[] = refused.map((d) => ({ file: d.file, diagnostics: [d] }));
  const checkOptions = { ...(opts.template ? { template: opts.template } : {}), allowRead: allowed.folders };
  const pdfJobs: PdfJob[] = [];
  const outputs: WrittenOutput[] = [];
  const templates = new Map<string, string>();
  const progress = new Progress(io, opts.lang, !opts.quiet, files.length > 1);
  const cache = opts.cache === false || toStdout ? undefined : new BuildCache(opts.cacheDir ? resolveFrom(io, opts.cacheDir) : path.join(projectRootOf(io.cwd), '.plangen-cache'));
  const pending: PendingEntry[] = [];
  let unchanged = 0;
  for (const [i, f] of files.entries()) {
    const docxPath = outputPathFor(f.abs, '.docx', opts, io, f.base);
    const escaping = toStdout ? undefined : [docxPath, outputPathFor(f.abs, '.pdf', opts, io, f.base)].find((p) => outputEscapes(p, f.abs));
    const cacheCtx = cache && !f.stdin && !escaping ? cacheContext(f, opts, io, allowed.folders) : undefined;
    const hit = cache && cacheCtx ? await cache.lookup(cacheCtx) : undefined;
    if (hit) {
      unchanged++;
      templates.set(f.shown, hit.template);
      for (const o of hit.outputs) outputs.push({ path: o.path, plan: f, sha256: o.sha256, size: o.size });
      reports.push({ file: f.shown, diagnostics: [...hit.diagnostics, ...(opts.verbose ? hit.notes : [])] });
      progress.finish(i + 1, files.length, 'DOCX', f.shown, 'unchanged');
      continue;
    }
    progress.start(i + 1, files.length, 'DOCX', f.shown);
    const { result: { checked, built }, reads } = await recordReads(async () => {
      const checked = f.stdin ? await checkBytes(await readStdin(io, MAX_SOURCE_BYTES), f.abs, f.shown, checkOptions) : await checkFile(f.abs, f.shown, checkOptions);
      return { checked, built: await buildDocx(checked, { ...checkOptions, ...sourceDateEpoch(io) }) };
    });
    const fileDiagnostics: Diagnostic[] = [...built.diagnostics, ...(opts.verbose ? (checked.expansion?.notes ?? []) : [])];
    if (built.docx && escaping) {
      fileDiagnostics.push(diagnostic(f.shown, 1, 1, 'output-outside-project', { path: displayPath(io, escaping) }));
      progress.finish(i + 1, files.length, 'DOCX', f.shown, 'failed');
    } else if (built.docx) {
      if (cacheCtx) pending.push({ ctx: cacheCtx, reads, plan: f, notes: checked.expansion?.notes ?? [] });
      let docxWritten: string | undefined;
      templates.set(f.shown, templateOf(checked, opts));
      if (toStdout) io.stdout.write(built.docx);
      else if (opts.to !== 'pdf') {
        const written = await writeFileAtomic(docxPath, built.docx);
        if (!written.ok) fileDiagnostics.push(writeFailure(f.shown, displayPath(io, docxPath), written));
        else {
          docxWritten = displayPath(io, docxPath);
          outputs.push({ path: docxPath, plan: f, sha256: sha256(built.docx), size: built.docx.length });
        }
      }
      if (opts.to !== 'docx') {
        const pdfPath = outputPathFor(f.abs, '.pdf', opts, io, f.base);
        const created = checked.plan ? { created: buildTimestamp(checked.plan, sourceDateEpoch(io).sourceDateEpoch) } : {};
        pdfJobs.push({ plan: f.shown, docx: built.docx, pdfPath, shownPdf: displayPath(io, pdfPath), text: built.text ?? '', ...created, ...(docxWritten ? { docxWritten } : {}) });
      }
      if (opts.to === 'pdf') progress.start(i + 1, files.length, 'DOCX', f.shown);
      else progress.finish(i + 1, files.length, 'DOCX', f.shown, { to: displayPath(io, docxPath) });
    } else progress.finish(i + 1, files.length, 'DOCX', f.shown, 'failed');
    reports.push({ file: f.shown, diagnostics: fileDiagnostics });
  }
  if (pdfJobs.length > 0) {
    if (files.length > 1) progress.say('progress-pdf', { count: pdfJobs.length });
    const { convertPdfs } = await import('../render/pdf/index.js');
    let done = 0;
    const onResult = (k: number, r: PdfResult) => {
      const job = pdfJobs[k];
      if (job) progress.finish(++done, pdfJobs.length, 'PDF', job.plan, r.written ? { to: job.shownPdf } : 'failed');
    };
    const results = await convertPdfs(pdfJobs, { env: io.env, ...(files.length > 1 ? { onResult } : {}) });
    for (const [k, r] of results.entries()) {
      const plan = files.find((f) => f.shown === r.plan);
      const pdfJob = pdfJobs[k];
      if (r.bytes && plan && pdfJob) outputs.push({ path: pdfJob.pdfPath, plan, sha256: sha256(r.bytes), size: r.bytes.length });
      const report = reports.find((x) => x.file === r.plan);
      const job = pdfJobs[k];
      // Say plainly which files exist now when only some of those asked for were written.
      const partial = job && !r.written ? [partialOutputs(job, opts.to)] : [];
      if (report) reports[reports.indexOf(report)] = { file: report.file, diagnostics: [...report.diagnostics, ...r.diagnostics, ...partial] };
    }
  }
  const manifest = opts.manifest ? resolveFrom(io, opts.manifest) : opts.outDir ? path.join(resolveFrom(io, opts.outDir), 'manifest.json') : undefined;
  if (manifest) {
    const written = await writeFileAtomic(manifest, manifestBytes(manifest, outputs, templates, io));
    if (!written.ok) reports.push({ file: displayPath(io, manifest), diagnostics: [writeFailure(displayPath(io, manifest), displayPath(io, manifest), written)] });
  }
  if (cache) await recordBuilds(cache, pending, reports, outputs, templates, opts.verbose);
  progress.end();
  printReport(reportIo, reports, opts);
  reportWarningLimit(reportIo, reports, opts.maxWarnings, opts.lang);
  if (cache && opts.verbose) for (const x of cache.ignored) io.stderr.write(terminalSafe(formatMessage('cache-entry-ignored', { path: displayPath(io, x.file) }, opts.lang)) + '\n');
  if (files.length > 1 || unchanged > 0) summarise(progress, files, refused, reports, unchanged, started);
  return exitCodeFor(reports, opts.maxWarnings);
}

/** A plan built in this run, to be recorded in the cache once its PDF (if any) is written too. */
interface PendingEntry {
  readonly ctx: CacheContext;
  readonly reads: ReadLog;
  readonly plan: PlanFile;
  readonly notes: readonly Diagnostic[];
}

/** What a plan's outputs depend on besides the files it reads. */
function cacheContext(f: PlanFile, opts: BuildCommandOptions, io: Io, allowRead: readonly string[]): CacheContext {
  const kinds = opts.to === 'both' ? ['.docx', '.pdf'] : [`.${opts.to}`];
  return {
    planAbs: f.abs,
    shown: f.shown,
    outputs: kinds.map((ext) => outputPathFor(f.abs, ext, opts, io, f.base)),
    options: { template: opts.template, to: opts.to, sourceDateEpoch: io.env['SOURCE_DATE_EPOCH'], allowRead: [...allowRead] },
  };
}

/**
 * Record the plans whose every asked-for output was written without an error: a plan that
 * failed, or whose PDF did not come out, is built again next time.
 */
async function recordBuilds(cache: BuildCache, pending: readonly PendingEntry[], reports: readonly FileReport[], outputs: readonly WrittenOutput[], templates: ReadonlyMap<string, string>, verbose: boolean): Promise<void> {
  for (const p of pending) {
    const report = reports.find((r) => r.file === p.plan.shown);
    if (!report || hasErrors(report.diagnostics)) continue;
    const written = p.ctx.outputs.map((o) => outputs.find((w) => w.path === o));
    if (written.some((w) => !w)) continue;
    const notes = new Set(p.notes);
    const diagnostics = verbose ? report.diagnostics.filter((d) => !notes.has(d)) : report.diagnostics;
    await cache.store(p.ctx, p.reads, {
      outputs: written.flatMap((w) => (w ? [{ path: w.path, sha256: w.sha256, size: w.size }] : [])),
      template: templates.get(p.plan.shown) ?? '',
      diagnostics,
      notes: p.notes,
    });
  }
}

/** The closing lines: counts, seconds, and the plans that failed, named together. */
function summarise(progress: Progress, files: readonly PlanFile[], refused: readonly Diagnostic[], reports: readonly FileReport[], unchanged: number, started: number): void {
  const failing = new Set(reports.filter((r) => hasErrors(r.diagnostics)).map((r) => r.file));
  const failed = [...new Set([...files.map((f) => f.shown), ...refused.map((d) => d.file)])].filter((f) => failing.has(f));
  const failedFiles = files.filter((f) => failing.has(f.shown)).length;
  const warnings = countWarnings(reports.flatMap((r) => r.diagnostics));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  progress.say('build-summary', { built: files.length - unchanged - failedFiles, unchanged, failed: failed.length, warnings, seconds }, failed.length > 0 ? 'red' : 'green');
  if (failed.length > 0) progress.say('build-failed-plans', { plans: failed.join(', ') }, 'red');
}

/** `--shard`: this shard's part of the plans, sorted by path so every shard sees one order. */
function shardOf(files: readonly PlanFile[], shard: Shard): PlanFile[] {
  const sorted = [...files].sort((a, b) => (a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0));
  return pickShard(sorted, shard);
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
function outputClashes(files: readonly PlanFile[], opts: BuildCommandOptions, io: Io): Diagnostic[] {
  if (opts.output) return [];
  const exts = opts.to === 'both' ? ['.docx', '.pdf'] : [`.${opts.to}`];
  const owner = new Map<string, PlanFile>();
  const out: Diagnostic[] = [];
  for (const f of files) {
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
  readonly sha256: string;
  readonly size: number;
}

function templateOf(checked: CheckedPlan, opts: BuildCommandOptions): string {
  return checked.expansion?.templateRef ?? opts.template ?? checked.plan?.template ?? '';
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
      sha256: o.sha256,
      size: o.size,
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

import * as path from 'node:path';
import { userCacheFolder } from './user-cache.js';
import { defaultJobs, planRunner, type PlanRunner } from './isolate.js';
import { displayPath, readStdin, resolveFrom, type Io } from '../io/io.js';
import { writeFileAtomic } from '../io/write.js';
import { MAX_SOURCE_BYTES } from '../read/decode.js';
import { version } from '../version.js';
import { diagnostic } from '../diagnostics/report.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileReport } from '../diagnostics/reporters/index.js';
import type { PlanFile } from './files.js';
import { outputEscapes } from '../io/contain.js';
import { exitCodeFor, fileReports, printReport, printUsageError, reportWarningLimit, type ReportOptions } from './output.js';
import { statSync } from 'node:fs';
import { formatMessage, formatReportText, type RuleId } from '../diagnostics/catalogue.js';
import type { PdfJob, PdfResult } from '../render/pdf/index.js';
import { outputChoices, outputExtensions, outputsFor, writers, type BatchWriter, type DocumentWriter, type PlanWriter } from '../render/writers.js';
import type { RenderedOutput } from '../pipeline.js';
import { countWarnings, hasErrors } from '../diagnostics/diagnostic.js';
import { projectRootOf } from '../io/contain.js';
import { sha256, type ReadLog } from '../io/reads.js';
import type { CheckOptions } from '../pipeline.js';
import { BuildCache, type CacheContext, type CacheHit } from './cache.js';
import type { PlanRendered, PlanResult, PlanTask } from './plan-task.js';
import { manifestBytes, posix, type ManifestEntry } from './manifest-json.js';
import { Progress } from './progress.js';
import { parseShard, pickShard, type Shard } from './shard.js';
import { terminalSafe } from '../util/characters.js';
import { startRun, type ConfigFlags } from '../config/run.js';
import type { PlanConfig } from '../config/index.js';

export interface BuildCommandOptions extends ReportOptions, ConfigFlags {
  readonly output?: string;
  readonly outDir?: string;
  /** Where manifest.json goes; default `<out-dir>/manifest.json` with --out-dir, else none. */
  readonly manifest?: string;
  /** `--exclude` patterns, as typed. */
  readonly exclude?: readonly string[];
  readonly template?: string;
  /** A `--to` choice: a writer's id or a combination (src/render/writers.ts). */
  readonly to: string;
  /** Whether the command line chose `to` (--pdf, --to, -o x.pdf); else a config's `pdf` may. */
  readonly toChosen?: boolean;
  /** `--no-cache` makes this false: rebuild everything and record nothing. */
  readonly cache?: boolean;
  /** `--cache-dir`; default `.plangen-cache/` at the project root. */
  readonly cacheDir?: string;
  /** `--shard I/N` as typed. */
  readonly shard?: string;
}

/**
 * What `--watch` keeps between builds: the plan workers (pipeline and templates loaded) and
 * the started batch writers (a warm LibreOffice), so a rebuild pays neither start-up again.
 * Whoever makes it closes it (see {@link closeKept}).
 */
export interface KeptBetweenBuilds {
  runner?: PlanRunner;
  readonly sessions: Map<BatchWriter, BatchSession>;
}

export async function closeKept(kept: KeptBetweenBuilds): Promise<void> {
  await kept.runner?.close();
  await Promise.all([...kept.sessions.values()].map((x) => x.close()));
  kept.sessions.clear();
}

/**
 * `plangen build`: check each plan, stop a plan's build on its errors (warnings are printed
 * and never stop it), run the writers `--to` asks for (src/render/writers.ts): those that
 * render in the worker (DOCX) are written atomically as each plan comes back, and each
 * batch writer (PDF) is handed every plan's input as it comes, one LibreOffice serving the
 * run. Too many warnings (--max-warnings, --strict) make the exit code 1 as in ESLint, but
 * the documents are still written: errors, not warnings, stop a build.
 */
export async function runBuild(args: readonly string[], given: BuildCommandOptions, io: Io, kept?: KeptBetweenBuilds): Promise<number> {
  // With the document itself on standard output, every message goes to standard error.
  const toStdout = given.output === '-';
  const reportIo: Io = toStdout ? { ...io, stdout: io.stderr } : io;
  if (!outputsFor(given.to)) return printUsageError(reportIo, given.lang, 'usage-output-unknown', { value: given.to, choices: outputChoices().join(', ') });
  const epoch = checkSourceDateEpoch(io.env['SOURCE_DATE_EPOCH']);
  if (epoch) return printUsageError(reportIo, given.lang, 'usage-source-date-epoch', { value: epoch });
  const shard = given.shard === undefined ? undefined : parseShard(given.shard);
  if (given.shard !== undefined && !shard) return printUsageError(reportIo, given.lang, 'usage-shard', { value: given.shard });
  const started = performance.now();
  const { diagnostics, refused, run } = await startRun(args, given, io);
  if (!run.ok) return run.code;
  const opts = toStdout ? { ...given, lang: run.lang } : outputIntoFolder({ ...given, lang: run.lang }, io);
  const plans = shard ? shardOf(run.plans, shard) : run.plans;
  const files = plans.map((p) => p.file);
  const manifest = manifestPath(opts, shard, io);
  // A manifest named over a plan would destroy the clerk's work, whichever shard builds it.
  const overPlan = manifestClashes(manifest, run.plans.map((p) => p.file), [], io);
  if (overPlan.length > 0) {
    await printReport(reportIo, fileReports(overPlan), opts);
    return 2;
  }
  if (shard && files.length === 0 && run.plans.length > 0 && diagnostics.length === 0) {
    // An empty shard still leaves its (empty) manifest, so a job combining them finds every part.
    if (!opts.quiet) io.stderr.write(formatMessage('shard-empty', { index: shard.index, count: shard.count, total: run.plans.length }, opts.lang) + '\n');
    const written = manifest ? await writeFileAtomic(manifest, manifestBytes(version, [])) : undefined;
    if (!manifest || !written || written.ok) return 0;
    // A combining job would miss this part: said as a failed manifest is said after a build.
    const shown = displayPath(io, manifest);
    const reports = [{ file: shown, diagnostics: [writeFailure(shown, shown, written)] }];
    return (await printReport(reportIo, reports, opts)) ? exitCodeFor(reports, opts.maxWarnings) : 2;
  }
  if (diagnostics.length > 0 || files.length === 0) {
    const printed = await printReport(reportIo, fileReports([...diagnostics, ...refused]), opts, { command: 'build', plans: files.length, built: 0 });
    if (files.length === 0 && diagnostics.length === 0 && refused.length === 0) io.stderr.write(formatReportText('no-plans-found', {}, opts.lang) + '\n');
    return printed && diagnostics.length === 0 && refused.length > 0 ? 1 : 2;
  }
  if (opts.output && files.length > 1) {
    io.stderr.write(formatReportText('output-one-plan', {}, opts.lang) + '\n');
    return 2;
  }
  // Where each plan's outputs go and which writers make them, worked out once for the
  // clash check, the cache lookup, the batch writers and the writing.
  const placed = plans.map(({ file, config }) => placePlan(file, config, opts, io, toStdout));
  // Nothing is written until every output has a place of its own.
  const unplaceable = [...usageProblems(files, opts), ...outputClashes(placed, io), ...manifestClashes(manifest, [], placed, io)];
  if (unplaceable.length > 0) {
    await printReport(reportIo, fileReports(unplaceable), opts);
    return 2;
  }
  // Links a folder scan refused are problems in the documents: reported, nothing built from them.
  const reports: FileReport[] = [...run.notes, ...fileReports(refused)];
  const batchJobs: BatchEntry[] = [];
  const outputs: WrittenOutput[] = [];
  const templates = new Map<string, string>();
  // Plans whose requested documents were all written (or were already there), for the job summary.
  const finished = new Set<string>();
  const progress = new Progress(io, opts.lang, !opts.quiet, files.length > 1);
  const cache = opts.cache === false || toStdout ? undefined : new BuildCache(opts.cacheDir ? resolveFrom(io, opts.cacheDir) : path.join(projectRootOf(io.cwd), '.plangen-cache'));
  const runner = kept ? (kept.runner ??= await planRunner(io.planWorker, io.env, Math.max(1, opts.jobs ?? defaultJobs()), files.length)) : await planRunner(io.planWorker, io.env, Math.max(1, Math.min(opts.jobs ?? defaultJobs(), files.length)), files.length);
  const pending: PendingEntry[] = [];
  let unchanged = 0;
  // Every plan is looked up in the cache and, if it must be built, handed to the workers at
  // once; the results are then taken in order, so what is written and reported does not
  // depend on which worker finished first.
  const launched: Promise<Launched>[] = [];
  let sessions = new Map<BatchWriter, CountedSession>();
  const toBuild: PlacedPlan[] = [];
  try {
    for (const [i, { file: f, check }] of plans.entries()) {
      const plan = placed[i]!;
      const ctx = cache && !f.stdin && !plan.escaping ? cacheContext(plan, check, io) : undefined;
      const hit = cache && ctx ? await cache.lookup(ctx) : undefined;
      if (hit) {
        launched.push(Promise.resolve({ hit }));
        continue;
      }
      const stdinBytes = f.stdin ? { bytes: await readStdin(io, MAX_SOURCE_BYTES) } : {};
      const task: PlanTask = { kind: 'build', abs: f.abs, shown: f.shown, ...stdinBytes, check, ...(opts.template ? { template: opts.template } : {}), ...sourceDateEpoch(io), ...(ctx ? { recordReads: true } : {}), writers: plan.rendered.map((w) => w.id) };
      launched.push(
        runner.run(task).then(
          (built) => ({ built, ...(ctx ? { ctx } : {}) }),
          (error: unknown) => ({ error }),
        ),
      );
      toBuild.push(plan);
    }
    // Batch writers that take jobs one by one (PDF) start once the plans to build are known
    // (none for a run the cache answers): LibreOffice converts each DOCX as it comes while
    // the next plans render, and stays warm across the run when several plans want it. Its
    // profile is kept in the user's cache folder, never in the project, so a plan's
    // repository cannot bring a LibreOffice profile of its own.
    sessions = await startBatchWriters(toBuild, io, progress, files.length > 1, kept);
    for (const [i, { file: f, notes }] of plans.entries()) {
      const step = i + 1;
      const { targets, escaping, rendered } = placed[i]!;
      // The progress line names the worker's first writer (DOCX, also under a PDF).
      const label = (rendered[0]?.id ?? 'docx').toUpperCase();
      progress.start(step, files.length, label, f.shown);
      const outcome = await launched[i]!;
      if ('error' in outcome) throw outcome.error;
      if ('hit' in outcome) {
        const { hit } = outcome;
        unchanged++;
        templates.set(f.shown, hit.template);
        for (const o of hit.outputs) outputs.push({ path: o.path, plan: f, sha256: o.sha256, size: o.size });
        finished.add(f.shown);
        reports.push({ file: f.shown, diagnostics: [...notes, ...hit.diagnostics, ...(opts.verbose ? hit.notes : [])] });
        progress.finish(step, files.length, label, f.shown, 'unchanged');
        continue;
      }
      const { built, ctx } = outcome;
      const fileDiagnostics: Diagnostic[] = [...notes, ...built.diagnostics, ...(opts.verbose ? built.notes : [])];
      // A plan that fails here never reaches the batch writers it was counted for.
      const skipBatched = () => {
        for (const t of targets) if (t.writer.stage === 'batch') sessions.get(t.writer)?.skip();
      };
      if (built.rendered && escaping) {
        fileDiagnostics.push(diagnostic(f.shown, 1, 1, 'output-outside-project', { path: displayPath(io, escaping) }));
        skipBatched();
        progress.finish(step, files.length, label, f.shown, 'failed');
      } else if (built.rendered) {
        if (ctx) pending.push({ ctx, reads: new Map(built.reads ?? []), plan: f, notes: built.notes });
        templates.set(f.shown, built.template);
        // What each writer that renders in the worker made is written now; batch writers
        // (PDF) take their input from those outputs once every plan is done.
        const written = new Map<string, string>();
        for (const { writer, path: target } of targets) {
          if (writer.stage !== 'worker') continue;
          const out = outputOf(built, writer.id);
          const hash = built.sha256[built.outputs.indexOf(out)]!;
          if (toStdout) {
            io.stdout.write(out.bytes);
            written.set(writer.id, '-');
            continue;
          }
          const result = await writeFileAtomic(target, out.bytes);
          if (!result.ok) fileDiagnostics.push(writeFailure(f.shown, displayPath(io, target), result));
          else {
            written.set(writer.id, displayPath(io, target));
            outputs.push({ path: target, plan: f, sha256: hash, size: out.bytes.length });
          }
        }
        const batched = targets.filter((t) => t.writer.stage === 'batch');
        for (const { writer, path: target } of batched) {
          if (writer.stage !== 'batch') continue;
          const input = outputOf(built, writer.needs);
          const before = written.get(writer.needs);
          const job: PdfJob = { plan: f.shown, docx: input.bytes, pdfPath: target, shownPdf: displayPath(io, target), text: input.text, created: input.created, ...(before ? { docxWritten: before } : {}) };
          const session = sessions.get(writer);
          batchJobs.push({ writer, file: f, asked: targets.map((t) => ({ id: t.writer.id, shown: displayPath(io, t.path) })), written, job, ...(session ? { result: session.add(job) } : {}) });
        }
        if (batched.length === 0 && written.size === targets.length) finished.add(f.shown);
        const shownFirst = targets.find((t) => t.writer.stage === 'worker');
        if (toStdout || !shownFirst) progress.start(step, files.length, label, f.shown);
        else progress.finish(step, files.length, label, f.shown, { to: displayPath(io, shownFirst.path) });
      } else {
        skipBatched();
        progress.finish(step, files.length, label, f.shown, 'failed');
      }
      reports.push({ file: f.shown, diagnostics: fileDiagnostics });
    }
  } finally {
    // A throw above still waits for the plans in flight, so no worker (and no LibreOffice) outlives the run.
    await Promise.allSettled(launched);
    if (!kept) await runner.close();
    await Promise.allSettled(batchJobs.flatMap((b) => (b.result ? [b.result] : [])));
    if (!kept) await Promise.all([...sessions.values()].map((x) => x.close()));
  }
  for (const writer of new Set(batchJobs.map((b) => b.writer))) {
    const entries = batchJobs.filter((b) => b.writer === writer);
    const jobs = entries.map((b) => b.job);
    let results: PdfResult[];
    if (sessions.has(writer)) results = await Promise.all(entries.map((b) => b.result!));
    else {
      if (files.length > 1) progress.say('progress-pdf', { count: jobs.length });
      const { told } = batchProgress(progress, writer, jobs.length, files.length > 1);
      const onResult = (k: number, r: PdfResult) => told(jobs[k]!, r);
      results = await writer.write(jobs, { env: withFonts(io.env, batchFonts(writer, toBuild)), ...(files.length > 1 ? { onResult } : {}) });
    }
    for (const [k, r] of results.entries()) {
      const entry = entries[k];
      if (r.bytes && entry) outputs.push({ path: entry.job.pdfPath, plan: entry.file, sha256: sha256(r.bytes), size: r.bytes.length });
      const report = reports.find((x) => x.file === r.plan);
      // Say plainly which files exist now when only some of those asked for were written.
      const partial = entry && !r.written ? [partialOutputs(entry)] : [];
      if (entry && r.written && entry.asked.every((a) => a.id === writer.id || entry.written.has(a.id))) finished.add(r.plan);
      if (report) reports[reports.indexOf(report)] = { file: report.file, diagnostics: [...report.diagnostics, ...r.diagnostics, ...partial] };
    }
  }
  if (manifest) {
    const written = await writeFileAtomic(manifest, manifestBytes(version, manifestEntries(manifest, outputs, templates, io)));
    if (!written.ok) reports.push({ file: displayPath(io, manifest), diagnostics: [writeFailure(displayPath(io, manifest), displayPath(io, manifest), written)] });
  }
  if (cache) await recordBuilds(cache, pending, reports, outputs, templates);
  progress.end();
  const printed = await printReport(reportIo, reports, opts, { command: 'build', plans: files.length, built: finished.size });
  if (!printed) return 2;
  reportWarningLimit(reportIo, reports, opts.maxWarnings, opts.lang);
  if (cache && opts.verbose) for (const x of cache.ignored) io.stderr.write(terminalSafe(formatMessage('cache-entry-ignored', { path: displayPath(io, x.file) }, opts.lang)) + '\n');
  if (files.length > 1 || unchanged > 0) summarise(progress, files, refused, reports, unchanged, started);
  return exitCodeFor(reports, opts.maxWarnings);
}

type Launched = { readonly hit: CacheHit } | { readonly built: PlanResult; readonly ctx?: CacheContext } | { readonly error: unknown };

/** manifest.json (or manifest-I-of-N.json for a shard) in the out dir, or where --manifest says. */
function manifestPath(opts: BuildCommandOptions, shard: Shard | undefined, io: Io): string | undefined {
  if (opts.manifest) return resolveFrom(io, opts.manifest);
  if (!opts.outDir) return undefined;
  return path.join(resolveFrom(io, opts.outDir), shard ? `manifest-${shard.index}-of-${shard.count}.json` : 'manifest.json');
}

/** A plan built in this run, to be recorded in the cache once its PDF (if any) is written too. */
interface PendingEntry {
  readonly ctx: CacheContext;
  readonly reads: ReadLog;
  readonly plan: PlanFile;
  readonly notes: readonly Diagnostic[];
}

/**
 * What a plan's outputs depend on besides the files it reads: where they go, the command
 * line's options and the plan's resolved config (template, rule levels, -M values, fonts,
 * allowed folders). The config's effect is keyed, not its bytes, so a comment edited in
 * plangen.config.yaml rebuilds nothing while a changed setting rebuilds what it touches.
 */
function cacheContext({ file: f, opts, config, asked, targets }: PlacedPlan, check: CheckOptions, io: Io): CacheContext {
  const settings = JSON.stringify({
    defaultTemplate: check.defaultTemplate,
    allowRead: check.allowRead,
    rules: check.ruleLevels ? [...check.ruleLevels].sort() : [],
    meta: check.meta ? [...check.meta].sort((a, b) => (a[0] < b[0] ? -1 : 1)) : [],
    // Fonts change only what LibreOffice draws.
    fonts: asked.some((w) => w.stage === 'batch') ? config.fonts : undefined,
  });
  return {
    planAbs: f.abs,
    shown: f.shown,
    outputs: targets.map((t) => t.path),
    options: { template: opts.template, to: opts.to, sourceDateEpoch: io.env['SOURCE_DATE_EPOCH'], settings },
  };
}

/**
 * Record the plans whose every asked-for output was written without an error: a plan that
 * failed, or whose PDF did not come out, is built again next time.
 */
async function recordBuilds(cache: BuildCache, pending: readonly PendingEntry[], reports: readonly FileReport[], outputs: readonly WrittenOutput[], templates: ReadonlyMap<string, string>): Promise<void> {
  for (const p of pending) {
    const report = reports.find((r) => r.file === p.plan.shown);
    if (!report || hasErrors(report.diagnostics)) continue;
    const written = p.ctx.outputs.map((o) => outputs.find((w) => w.path === o));
    if (written.some((w) => !w)) continue;
    const notes = new Set(p.notes);
    // Config notes are made afresh each run; info notes are kept apart for --verbose.
    const diagnostics = report.diagnostics.filter((d) => !notes.has(d) && d.ruleId !== 'config-applied');
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
function shardOf<P extends { readonly file: PlanFile }>(plans: readonly P[], shard: Shard): P[] {
  const sorted = [...plans].sort((a, b) => (a.file.abs < b.file.abs ? -1 : a.file.abs > b.file.abs ? 1 : 0));
  return pickShard(sorted, shard);
}

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
  // Standard output takes one file, and only one made in the worker (a PDF needs LibreOffice's files).
  const asked = outputsFor(opts.to)?.asked ?? [];
  if (opts.output === '-' && (asked.length !== 1 || asked[0]?.stage !== 'worker')) out.push(diagnostic(files[0]!.shown, 1, 1, 'stdout-docx-only'));
  return out;
}

/**
 * Two plans that would write the same file: one document would silently replace the
 * other. Paths are compared without case and in one Unicode form, as Windows and macOS
 * file systems (where offices open the results) treat them.
 */
function outputClashes(plans: readonly PlacedPlan[], io: Io): Diagnostic[] {
  const owner = new Map<string, PlanFile>();
  const out: Diagnostic[] = [];
  for (const { file: f, opts, targets } of plans) {
    if (opts.output) continue;
    for (const { path: target } of targets) {
      const key = clashKey(target);
      const first = owner.get(key);
      if (!first) owner.set(key, f);
      else out.push(diagnostic(f.shown, 1, 1, 'output-clash', { path: displayPath(io, target), other: first.shown }));
    }
  }
  return out;
}

/** A path as Windows and macOS file systems compare them: without case, in one Unicode form. */
function clashKey(p: string): string {
  return p.normalize('NFC').toLowerCase();
}

/** The manifest would be written over one of these plans, or over an output of one of these placed plans. */
function manifestClashes(manifest: string | undefined, plans: readonly PlanFile[], placed: readonly PlacedPlan[], io: Io): Diagnostic[] {
  if (!manifest) return [];
  const key = clashKey(manifest);
  const over = (f: PlanFile, what: 'manifest-over-plan' | 'manifest-over-output') => [diagnostic(f.shown, 1, 1, 'manifest-clash', { path: displayPath(io, manifest), what })];
  const plan = plans.find((f) => !f.stdin && clashKey(f.abs) === key);
  if (plan) return over(plan, 'manifest-over-plan');
  const writer = placed.find((p) => p.opts.output !== '-' && p.targets.some((t) => clashKey(t.path) === key));
  return writer ? over(writer.file, 'manifest-over-output') : [];
}

interface WrittenOutput {
  readonly path: string;
  readonly plan: PlanFile;
  readonly sha256: string;
  readonly size: number;
}

/**
 * manifest.json: what this run wrote, for offices that keep the documents in git and
 * want to see which plan and template each came from. Paths are relative (the output to
 * the manifest's folder, the plan to the working folder).
 */
function manifestEntries(manifest: string, outputs: readonly WrittenOutput[], templates: ReadonlyMap<string, string>, io: Io): ManifestEntry[] {
  return outputs.map((o) => ({
    path: posix(path.relative(path.dirname(manifest), o.path)),
    source: o.plan.stdin ? o.plan.shown : posix(path.relative(io.cwd, o.plan.abs)),
    template: templates.get(o.plan.shown) ?? '',
    sha256: o.sha256,
    size: o.size,
  }));
}

function replaceExt(p: string, ext: string): string {
  const cur = path.extname(p);
  // -o names one of the outputs; the others take their own extension in its place.
  return (writers().some((w) => w.ext === cur) ? p.slice(0, -cur.length) : p) + ext;
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
export function outputKind(flags: { readonly pdf?: boolean; readonly to?: string; readonly output?: string; readonly manifest?: string }):
  | { readonly to: string; readonly chosen: boolean }
  | { readonly error: RuleId; readonly args: Record<string, string> } {
  // --pdf with a --to that writes no PDF (docx, or any other known kind) contradicts it; an
  // unknown --to is reported as such further on.
  // A document printed to standard output is written nowhere a manifest could list.
  if (flags.output === '-' && flags.manifest !== undefined) return { error: 'usage-manifest-stdout', args: { path: flags.manifest } };
  if (flags.pdf && flags.to !== undefined && outputsFor(flags.to) && !outputExtensions(flags.to).includes('.pdf')) return { error: 'usage-pdf-and-docx', args: { to: flags.to } };
  const ext = flags.output && !/[\\/]$/.test(flags.output) ? path.extname(flags.output).toLowerCase() : '';
  // -o x.pdf names a PDF: that is what is wanted, without having to say --pdf as well.
  const named = ext ? writers().find((w) => w.ext === ext && (w.stage === 'worker' || w.stage === 'batch')) : undefined;
  if (named && flags.to !== undefined && !outputExtensions(flags.to).includes(ext)) {
    return { error: 'usage-output-kind', args: { path: flags.output ?? '', ext, to: flags.to } };
  }
  // Chosen on the command line, it beats a config file's `pdf`.
  const chosen = flags.to !== undefined || flags.pdf === true || named !== undefined;
  return { to: flags.to ?? (flags.pdf ? 'both' : (named?.id ?? 'docx')), chosen };
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

/** A plan's output that a batch writer makes after the workers are done, with what it needs to report. */
interface BatchEntry {
  readonly writer: BatchWriter;
  readonly file: PlanFile;
  readonly job: PdfJob;
  /** With a started writer: the job's result, coming in while the other plans render. */
  readonly result?: Promise<PdfResult>;
  /** Every output asked of the plan (writer id, path as shown), in order. */
  readonly asked: readonly { readonly id: string; readonly shown: string }[];
  /** Those the workers' writers wrote, by writer id. */
  readonly written: ReadonlyMap<string, string>;
}

type BatchSession = { add(job: PdfJob): Promise<PdfResult>; close(): Promise<void> };

/** A run's session with a batch writer, with its progress count. */
type CountedSession = BatchSession & {
  /** A plan counted for this writer failed before it could hand over a job: count it no more. */
  skip(): void;
};

/**
 * Start the batch writers some plan of the run asks for that can take jobs one by one.
 * Their progress lines count the plans that want them; LibreOffice is kept warm only when
 * more than one does (for one document a single cold conversion is quicker, measured).
 */
async function startBatchWriters(
  plans: readonly PlacedPlan[],
  io: Io,
  progress: Progress,
  several: boolean,
  kept?: KeptBetweenBuilds,
): Promise<Map<BatchWriter, CountedSession>> {
  const sessions = new Map<BatchWriter, CountedSession>();
  const asked = plans.flatMap((p) => p.asked.filter((w): w is BatchWriter => w.stage === 'batch'));
  for (const writer of new Set(asked)) {
    if (!writer.start) continue;
    const count = asked.filter((w) => w === writer).length;
    if (several) progress.say('progress-pdf', { count });
    const { told, skip } = batchProgress(progress, writer, count, several);
    // Kept even with --no-cache: it is LibreOffice's own settings, not a record of builds.
    // Not made here: the profile's slot is taken with makeFolders, and a folder that cannot be
    // made means a fresh profile for the run (src/render/pdf/office.ts).
    const profileDir = userCacheFolder(io.env, 'libreoffice');
    // Under --watch one warm LibreOffice serves every rebuild (the fonts are the config's, read once).
    const session =
      kept?.sessions.get(writer) ??
      (await writer.start({
        env: withFonts(io.env, batchFonts(writer, plans)),
        warm: count > 1 || kept !== undefined,
        expected: count,
        ...(profileDir ? { profileDir } : {}),
        // Beside the plan worker in dist/: each PDF is stamped and checked there while the next converts.
        ...(io.planWorker ? { worker: new URL('pdf-worker.mjs', io.planWorker) } : {}),
      }));
    if (kept && !kept.sessions.has(writer)) kept.sessions.set(writer, session);
    sessions.set(writer, {
      add: (job) =>
        session.add(job).then((r) => {
          told(job, r);
          return r;
        }),
      skip,
      close: () => session.close(),
    });
  }
  return sessions;
}

/** The progress line for each of a batch writer's results, counted as they come in. */
function batchProgress(progress: Progress, writer: BatchWriter, total: number, several: boolean): { told: (job: PdfJob, r: PdfResult) => void; skip: () => void } {
  let done = 0;
  return {
    told: (job, r) => {
      if (several) progress.finish(++done, total, writer.id.toUpperCase(), job.plan, r.written ? { to: job.shownPdf } : 'failed');
    },
    skip: () => {
      total--;
    },
  };
}

/**
 * The config `fonts` folders of the plans that ask this batch writer for an output: fonts
 * change only what LibreOffice draws (the cache keys them the same way), so a plan that
 * wants no batch output, whatever its writers, lends none to the others' PDFs.
 */
function batchFonts(writer: BatchWriter, plans: readonly PlacedPlan[]): string[] {
  return [...new Set(plans.flatMap((p) => (p.config.fonts && p.asked.includes(writer) ? [p.config.fonts] : [])))];
}

/** One plan of a run with where its outputs go and which writers make them. */
interface PlacedPlan {
  readonly file: PlanFile;
  readonly config: PlanConfig;
  /** The run's options with the plan's config applied (see {@link configuredOutput}). */
  readonly opts: BuildCommandOptions;
  /** The writers whose files are written, in the order of the writers' table. */
  readonly asked: readonly PlanWriter[];
  /** The document writers the plan's worker runs: those asked for and those a batch writer needs. */
  readonly rendered: readonly DocumentWriter[];
  /** Where each asked writer's file goes, in the order of `asked`. */
  readonly targets: readonly { readonly writer: PlanWriter; readonly path: string }[];
  /** An output that a link inside the project would carry outside it (never for standard output). */
  readonly escaping?: string;
}

function placePlan(file: PlanFile, config: PlanConfig, runOpts: BuildCommandOptions, io: Io, toStdout: boolean): PlacedPlan {
  const opts = configuredOutput(runOpts, config);
  // The run's `--to` was checked, and a config can only choose `both` or `docx`.
  const { asked, rendered } = outputsFor(opts.to)!;
  const targets = asked.map((writer) => ({ writer, path: outputPathFor(file.abs, writer.ext, opts, io, file.base) }));
  const escaping = toStdout ? undefined : targets.map((t) => t.path).find((p) => outputEscapes(p, file.abs));
  return { file, config, opts, asked, rendered, targets, ...(escaping ? { escaping } : {}) };
}

/** A writer's output from a plan's worker; the task asked for every writer build takes from it. */
function outputOf(built: PlanRendered, writer: string): RenderedOutput {
  const out = built.outputs.find((o) => o.writer === writer);
  if (!out) throw new Error(`the worker made no ${writer} output`);
  return out;
}

function partialOutputs(entry: BatchEntry): Diagnostic {
  const written = [...entry.written.values()];
  // The batch writer's own output first: it is the one that failed.
  const missing = [entry.job.shownPdf, ...entry.asked.filter((a) => a.id !== entry.writer.id && !entry.written.has(a.id)).map((a) => a.shown)];
  return diagnostic(entry.job.plan, 1, 1, 'outputs-partial', { written: written.length ? written.join(', ') : 'outputs-none', missing: missing.join(', ') });
}

function sourceDateEpoch(io: Io): { sourceDateEpoch?: string } {
  const v = io.env['SOURCE_DATE_EPOCH'];
  return v ? { sourceDateEpoch: v } : {};
}

function writeFailure(plan: string, shown: string, r: { locked: boolean; reason: string }): Diagnostic {
  return r.locked ? diagnostic(plan, 1, 1, 'output-locked', { path: shown }) : diagnostic(plan, 1, 1, 'output-failed', { path: shown, reason: r.reason });
}

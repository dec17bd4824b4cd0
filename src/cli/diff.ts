import * as path from 'node:path';
import { checkFile, internal, modelPlan, type CheckedPlan, type ModelledPlan } from '../pipeline.js';
import { displayPath, resolveFrom, type Io } from '../io/io.js';
import { appendText, writeFileAtomic } from '../io/write.js';
import { outputEscapes } from '../io/contain.js';
import { diagnostic } from '../diagnostics/report.js';
import { formatTerm, type Lang } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileReport } from '../diagnostics/reporters/index.js';
import { allowedFolders } from './files.js';
import { configureRun } from '../config/run.js';
import { exitCodeFor, printReport, printUsageError } from './output.js';
import { commitStamp, showAtRevision, type GitResult } from '../io/git.js';
import { terminalSafe } from '../util/characters.js';
import type { RevisionStamp } from '../render/docx/revisions.js';
import type { DiffedDocument } from '../diff/index.js';

export type DiffFormat = 'docx' | 'text' | 'github';

export interface DiffCommandOptions {
  readonly lang: Lang;
  readonly verbose: boolean;
  readonly allowRead: readonly string[];
  readonly format: DiffFormat;
  readonly output?: string;
  readonly git?: string;
  readonly author?: string;
  readonly date?: string;
  readonly template?: string;
}

/** One version of the plan: a file, or a file as it was at a git revision. */
interface Version {
  readonly abs: string;
  readonly shown: string;
  readonly rev?: string;
}

/**
 * `plangen diff old.md new.md -o changes.docx`, `plangen diff --git REV plan.md` (REV against
 * the working copy) and `--git REV1..REV2`: both versions go through the whole pipeline; the
 * new one is written with the differences as Word revisions (--format docx), or the
 * differences are summarised for a terminal (text) or a GitHub job summary (github).
 * Exit 0 when both versions build (whether or not they differ), 1 when one has errors in it,
 * 2 when the run itself fails (a wrong revision, an unwritable output).
 */
export async function runDiff(args: readonly string[], opts: DiffCommandOptions, io: Io): Promise<number> {
  const versions = pickVersions(args, opts, io);
  if (!versions) return printUsageError(io, opts.lang, 'diff-usage', {});
  if (opts.date !== undefined && !isDate(opts.date)) return printUsageError(io, opts.lang, 'diff-date', { value: opts.date });
  const allowed = allowedFolders(opts.allowRead, io);
  // The new version's plangen.config.yaml applies to both versions, as `build` would apply
  // it: the same default template, rule levels and allowed folders on each side.
  const report = { format: 'stylish' as const, lang: opts.lang, quiet: false, verbose: opts.verbose };
  const configured = await configureRun([versions[1].abs], [{ abs: versions[1].abs, shown: versions[1].shown }], { ...report, langChosen: true }, allowed.folders, io);
  if (!configured.ok) return configured.code;
  const planCheck = configured.plans[0]?.check ?? { allowRead: allowed.folders };
  const checkOptions = { ...planCheck, ...(opts.template ? { template: opts.template } : {}) };
  const checked: CheckedPlan[] = [];
  for (const v of versions) {
    if (!v.rev) {
      checked.push(await checkFile(v.abs, v.shown, checkOptions));
      continue;
    }
    const shown = await showAtRevision(v.abs, v.rev);
    if (!shown.ok) return gitFailure(io, opts.lang, shown, v);
    checked.push(await checkFile(v.abs, `${v.shown}@${v.rev}`, checkOptions, shown.value));
  }
  const modelled: ModelledPlan[] = [];
  for (const c of checked) modelled.push(await modelPlan(c, { ...checkOptions, ...sourceDateEpoch(io) }));
  const reports: FileReport[] = checked.map((c, i) => ({ file: c.file, diagnostics: [...(i === 0 ? allowed.diagnostics : []), ...(modelled[i]?.diagnostics ?? [])] }));
  // The summary owns stdout in text and github formats: problems go to stderr there.
  const reportIo = opts.format === 'docx' ? io : { ...io, stdout: io.stderr };
  const [before, after] = [modelled[0], modelled[1]];
  if (!before?.ok || !after?.ok) {
    await printReport(reportIo, reports, report);
    return Math.max(1, exitCodeFor(reports, undefined));
  }
  const stamp = await revisionStamp(opts, versions, checked[1]!);
  const { markdownSummary, textSummary } = await import('../diff/index.js');
  const { compareWriter } = await import('../render/writers.js');
  const writer = compareWriter('diff');
  let diffed: DiffedDocument;
  try {
    diffed = await writer.write(before.document.model, after.document.model, stamp);
  } catch (e) {
    // A crash in the comparison is a message about the new plan (stack only with --verbose).
    const failed = [{ file: checked[1]!.file, diagnostics: [...reports[1]!.diagnostics, internal(checked[1]!.file, e)] }];
    await printReport(reportIo, failed, report);
    return 2;
  }
  const names = { old: checked[0]!.file, new: checked[1]!.file };
  const newReport = reports[1]!;
  if (opts.format === 'docx' || opts.output) {
    const target = opts.output ? resolveFrom(io, opts.output) : besideNewPlan(versions[1], writer.ext);
    const problem = await writeDocx(target, diffed.docx, versions[1], io);
    if (problem) reports[1] = { file: newReport.file, diagnostics: [...newReport.diagnostics, problem] };
    else if (opts.format === 'docx') io.stderr.write(terminalSafe(formatTerm('diff-written', { path: displayPath(io, target) }, opts.lang)) + '\n');
  }
  if (opts.format === 'text') io.stdout.write(terminalSafe(textSummary(diffed.changes, names, opts.lang)));
  if (opts.format === 'github') {
    const summary = markdownSummary(diffed.changes, names, opts.lang);
    const file = io.env['GITHUB_STEP_SUMMARY'];
    if (file) {
      const appended = await appendText(file, summary + '\n');
      if (!appended.ok) reports[1] = { file: newReport.file, diagnostics: [...(reports[1]?.diagnostics ?? []), diagnostic(newReport.file, 1, 1, 'output-failed', { path: file, reason: appended.reason })] };
    } else {
      io.stdout.write(summary);
    }
  }
  await printReport(reportIo, reports, report);
  return exitCodeFor(reports, undefined);
}

function pickVersions(args: readonly string[], opts: DiffCommandOptions, io: Io): [Version, Version] | undefined {
  const file = (p: string): Version => {
    const abs = resolveFrom(io, p);
    return { abs, shown: displayPath(io, abs) };
  };
  if (opts.git === undefined) {
    if (args.length !== 2) return undefined;
    return [file(args[0]!), file(args[1]!)];
  }
  if (args.length !== 1 || opts.git.trim() === '') return undefined;
  const plan = file(args[0]!);
  const range = opts.git.split('..');
  if (range.length === 2 && range[0] && range[1]) return [{ ...plan, rev: range[0] }, { ...plan, rev: range[1] }];
  if (range.length !== 1) return undefined;
  return [{ ...plan, rev: opts.git }, plan];
}

function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * Who and when, for every revision: --author and --date first; then, for a version taken
 * from git, that commit's author and date; then the new version's issuer and date.
 */
async function revisionStamp(opts: DiffCommandOptions, versions: readonly [Version, Version], after: CheckedPlan): Promise<RevisionStamp> {
  const rev = versions[1].rev;
  const commit = rev ? await commitStamp(versions[1].abs, rev) : undefined;
  const fromGit = commit?.ok ? commit.value : undefined;
  const plan = after.plan;
  const planDate = plan?.date ? `${plan.date.year}-${pad(plan.date.month)}-${pad(plan.date.day)}T00:00:00Z` : undefined;
  return {
    author: opts.author ?? (fromGit?.author || undefined) ?? plan?.issuer ?? 'plangen',
    date: opts.date ? `${opts.date}T00:00:00Z` : (fromGit?.date ?? planDate ?? '2000-01-01T00:00:00Z'),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

function besideNewPlan(v: Version, ext: string): string {
  return path.join(path.dirname(v.abs), `${path.basename(v.abs, path.extname(v.abs))}-changes${ext}`);
}

async function writeDocx(target: string, docx: Uint8Array, plan: Version, io: Io): Promise<Diagnostic | undefined> {
  const shown = displayPath(io, target);
  if (outputEscapes(target, plan.abs)) return diagnostic(plan.shown, 1, 1, 'output-outside-project', { path: shown });
  const written = await writeFileAtomic(target, docx);
  if (written.ok) return undefined;
  return written.locked ? diagnostic(plan.shown, 1, 1, 'output-locked', { path: shown }) : diagnostic(plan.shown, 1, 1, 'output-failed', { path: shown, reason: written.reason });
}

function gitFailure(io: Io, lang: Lang, r: Extract<GitResult<unknown>, { ok: false }>, v: Version): 2 {
  if (r.problem === 'no-git') return printUsageError(io, lang, 'diff-git-missing', {});
  if (r.problem === 'not-a-repo') return printUsageError(io, lang, 'diff-not-in-git', { path: v.shown });
  return printUsageError(io, lang, 'diff-git-failed', { path: v.shown, rev: v.rev ?? '', detail: r.detail });
}

function sourceDateEpoch(io: Io): { sourceDateEpoch?: string } {
  const v = io.env['SOURCE_DATE_EPOCH'];
  return v ? { sourceDateEpoch: v } : {};
}

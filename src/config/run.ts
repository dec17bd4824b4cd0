import type { Lang } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatMessage } from '../diagnostics/catalogue.js';
import { displayPath, type Io } from '../io/io.js';
import { diagnostic } from '../diagnostics/report.js';
import type { CheckOptions } from '../pipeline.js';
import { printReport, type ReportOptions } from '../cli/output.js';
import type { FileReport } from '../diagnostics/reporters/index.js';
import { terminalSafe } from '../util/characters.js';
import { ConfigSet, namedOnCommandLine, scanKeeps, type PlanConfig } from './index.js';
import { allowedFolders, collectPlanFiles, type PlanFile } from '../cli/files.js';

/** What the commands pass in: the report options plus the two things config may decide. */
export interface ConfigFlags {
  /** `-M field=value` flags as typed. */
  readonly metadata?: readonly string[];
  /** Whether `--lang` was given (else a config's `lang` decides, then zh). */
  readonly langChosen?: boolean;
}

export interface ConfiguredPlan<F> {
  readonly file: F;
  readonly config: PlanConfig;
  /** The pipeline's options for this plan, the command line's `--allow-read` folders included. */
  readonly check: CheckOptions;
  /** Info notes for the plan (shown with --verbose): which config files applied. */
  readonly notes: readonly Diagnostic[];
}

export type ConfiguredRun<F> =
  | {
      readonly ok: true;
      readonly lang: Lang;
      readonly plans: ConfiguredPlan<F>[];
      /** Warnings about the configs or `-M` (they inform, never stop): reported with the plans. */
      readonly notes: FileReport[];
    }
  | { readonly ok: false; readonly code: 2 };

/**
 * The start shared by `check` and `build`: the `--allow-read` folders, the plans the
 * arguments name (and the links a folder scan refused), and each plan's settings.
 * `diagnostics` are problems with the arguments themselves (exit 2).
 */
export async function startRun(
  args: readonly string[],
  opts: ReportOptions & ConfigFlags & { readonly exclude?: readonly string[] | undefined },
  io: Io,
): Promise<{ diagnostics: Diagnostic[]; refused: Diagnostic[]; run: ConfiguredRun<PlanFile> }> {
  const allowed = allowedFolders(opts.allowRead, io);
  const collected = await collectPlanFiles(args, io, allowed.folders, opts.exclude);
  const diagnostics = [...collected.diagnostics, ...allowed.diagnostics];
  const run = await configureRun(args, collected.files, opts, allowed.folders, io);
  return { diagnostics, refused: [...collected.refused], run };
}

/**
 * The settings of every plan of a run, from its config files and `-M`: plans a folder scan
 * found that `include`/`exclude` leave out are dropped. A broken config or `-M` value is
 * reported (at its file:line:column, or `<command line>`) and stops the run with exit 2.
 */
export async function configureRun<F extends { readonly abs: string; readonly shown: string }>(
  args: readonly string[],
  files: readonly F[],
  opts: ReportOptions & ConfigFlags,
  cliAllowRead: readonly string[],
  io: Io,
): Promise<ConfiguredRun<F>> {
  const configs = new ConfigSet(io);
  // -M values are checked as a front matter (the parser and validators), so that code loads only when there are some.
  const meta = opts.metadata?.length ? (await import('./meta.js')).parseMetaFlags(opts.metadata, io.cwd) : { values: new Map<string, unknown>(), diagnostics: [] };
  const lang = opts.langChosen ? opts.lang : ((await configs.lang()) ?? opts.lang);
  const named = namedOnCommandLine(args, io);
  const plans: ConfiguredPlan<F>[] = [];
  for (const file of files) {
    const config = await configs.forPlan(file.abs);
    if (!scanKeeps(config, file.abs, named(file.abs))) continue;
    const notes = config.files.length > 0 ? [diagnostic(file.shown, 1, 1, 'config-applied', { files: config.files.map((f) => displayPath(io, f)).join(', ') })] : [];
    plans.push({ file, config, check: checkOptions(config, meta.values, cliAllowRead), notes });
  }
  const problems: Diagnostic[] = [...meta.diagnostics, ...configs.diagnostics];
  if (!problems.some((d) => d.severity === 'error')) return { ok: true, lang, plans, notes: byFile(problems) };
  await printReport(io, byFile(problems), { ...opts, lang });
  io.stderr.write(terminalSafe(`plangen: ${formatMessage('config-stopped', {}, lang)}`) + '\n');
  return { ok: false, code: 2 };
}

function checkOptions(config: PlanConfig, meta: ReadonlyMap<string, unknown>, cliAllowRead: readonly string[]): CheckOptions {
  return {
    allowRead: [...cliAllowRead, ...config.allowRead],
    ...(config.template !== undefined ? { defaultTemplate: config.template } : {}),
    ...(config.rules.size > 0 ? { ruleLevels: config.rules } : {}),
    ...(meta.size > 0 ? { meta } : {}),
  };
}

function byFile(list: readonly Diagnostic[]): FileReport[] {
  const files = new Map<string, Diagnostic[]>();
  for (const d of list) files.set(d.file, [...(files.get(d.file) ?? []), d]);
  return [...files].map(([file, diagnostics]) => ({ file, diagnostics }));
}

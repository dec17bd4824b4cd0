import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { formatMessage, formatTerm, type Lang } from '../diagnostics/catalogue.js';
import { reporterNames, type ReporterName } from '../diagnostics/reporters/index.js';
import type { Io } from '../io/io.js';
import { version } from '../version.js';
import { hoistLang } from './argv.js';

interface CommonFlags {
  allowRead: string[];
  metadata: string[];
  format: ReporterName;
  /** Unset when not given, so a config file's `lang` can decide (then zh). */
  lang?: Lang;
  quiet?: boolean;
  verbose?: boolean;
  strict?: boolean;
  maxWarnings?: number;
  outputFile?: string;
  jobs?: number;
}

/**
 * The command line. Returns the exit code instead of exiting: 0 clean, 1 problems in the
 * documents, 2 the run itself failed (bad usage, missing template, internal error).
 * Commands are imported only when run, so `--help` and `check` never load docx.
 */
export async function main(given: readonly string[], io: Io): Promise<number> {
  const argv = hoistLang(given);
  let code = 0;
  // The table of writers is small (their modules load only when one writes); --to and its help come from it.
  const outputs = await import('../render/writers.js');
  const program = new Command('plangen')
    .description('把 Markdown + YAML 写成的工作方案生成符合 GB/T 9704-2012 的公文（DOCX/PDF）\nTurn plans in Markdown + YAML into GB/T 9704 official documents (DOCX/PDF)')
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
    })
    .showSuggestionAfterError(true);

  const common = (cmd: Command) =>
    cmd
      .addOption(new Option('-f, --format <name>', 'report format / 报告格式').choices(reporterNames as string[]).default('stylish'))
      .addOption(new Option('--lang <lang>', 'message language (default: zh) / 提示语言（默认 zh）').choices(['zh', 'en']))
      .option('--output-file <file>', 'write the report to this file instead of the screen / 把报告写入此文件（不在屏幕上显示）')
      .option('-q, --quiet', 'report errors only / 只报告错误')
      .option('--strict', 'warnings fail the run, exit 1 (same as --max-warnings 0) / 有警告即失败')
      .addOption(new Option('--max-warnings <n>', 'more warnings than n fail the run, exit 1 / 警告多于 n 个即失败').argParser(warningCount))
      .option('--verbose', 'also say where each data section was placed; internal details (stack traces) / 说明数据段落的位置，显示内部细节')
      .option('--allow-read <dir>', 'also read referenced files in this folder outside the project (repeatable) / 允许引用项目之外此文件夹中的文件（可重复）', (v: string, prev: string[]) => [...prev, v], [] as string[])
      .option('-M, --metadata <field=value>', 'front-matter default, the plan\'s own value wins (repeatable) / 前置数据默认值，方案自己写的优先（可重复）', (v: string, prev: string[]) => [...prev, v], [] as string[])
      .addOption(new Option('-j, --jobs <n>', 'plans worked on at once (default: one per processor core) / 同时处理的方案数（默认每个处理器核心一个）').argParser(jobCount));

  common(
    program
      .command('check')
      .description('检查方案：前置数据、格式规则与文字校对 / validate and proofread plans')
      .argument('<paths...>', 'plan files, folders, quoted globs or - (standard input) / 方案文件、文件夹、带引号的通配符或 -（标准输入）')
      .option('--exclude <glob>', 'leave out matching files, as in .gitignore (repeatable) / 排除匹配的文件（写法同 .gitignore，可重复）', collect, [] as string[]),
  ).action(async (paths: string[], flags: CommonFlags & { exclude?: string[] }) => {
    const { runCheck } = await import('./check.js');
    code = await runCheck(paths, { ...reportFlags(flags), exclude: flags.exclude ?? [] }, io);
  });

  common(
    program
      .command('build')
      .description('生成公文 DOCX（及 PDF）/ build DOCX (and PDF)')
      .argument('<paths...>', 'plan files, folders, quoted globs or - (standard input) / 方案文件、文件夹、带引号的通配符或 -（标准输入）')
      .option('-o, --output <file>', 'output file (one plan only; - for standard output) / 输出文件（仅限一个方案；- 表示标准输出）')
      .option('--out-dir <dir>', 'output folder, keeping the plans\' subfolders / 输出文件夹（保留方案的子文件夹）')
      .option('--manifest <file>', 'also list the outputs with their hashes in this JSON file (default <out-dir>/manifest.json) / 输出清单')
      .option('--exclude <glob>', 'leave out matching files, as in .gitignore (repeatable) / 排除匹配的文件（写法同 .gitignore，可重复）', collect, [] as string[])
      .option('-t, --template <name>', 'template name or folder / 模板名称或文件夹')
      .option('--force', 'no longer needed: warnings never stop a build / 已不需要：有警告也会生成')
      .option('--pdf', 'also write PDF (same as --to both) / 同时生成 PDF')
      .addOption(new Option('--to <kind>', toHelp(outputs)).argParser((v: string) => outputChoice(v, outputs.outputChoices())))
      // batch builds (issue 12): the cache and shards
      .option('--no-cache', 'rebuild every plan and record nothing in the build cache / 不使用构建缓存，全部重新生成')
      .option('--cache-dir <dir>', 'build cache folder (default .plangen-cache at the project root) / 构建缓存文件夹')
      .option('--shard <i/n>', 'build only the i-th of n equal parts of the sorted plans / 只生成排序后 n 份中的第 i 份')
      .option('--watch', 'build again when a plan, template, attachment, image or the config changes / 文件有改动即重新生成'),
  ).action(async (paths: string[], flags: CommonFlags & BuildFlags) => {
    // Accepted so existing scripts keep working; it changes nothing.
    if (flags.force) io.stderr.write(formatMessage('force-deprecated', {}, flags.lang ?? 'zh') + '\n');
    const { outputKind, runBuild } = await import('./build.js');
    const kind = outputKind(flags);
    if ('error' in kind) {
      const { printUsageError } = await import('./output.js');
      code = printUsageError(io, flags.lang ?? 'zh', kind.error, kind.args);
      return;
    }
    const options = {
      ...reportFlags(flags),
      ...(flags.output ? { output: flags.output } : {}),
      ...(flags.outDir ? { outDir: flags.outDir } : {}),
      ...(flags.manifest ? { manifest: flags.manifest } : {}),
      exclude: flags.exclude ?? [],
      ...(flags.template ? { template: flags.template } : {}),
      to: kind.to,
      toChosen: kind.chosen,
      ...(flags.cache === false ? { cache: false } : {}),
      ...(flags.cacheDir ? { cacheDir: flags.cacheDir } : {}),
      ...(flags.shard !== undefined ? { shard: flags.shard } : {}),
    };
    code = flags.watch ? await (await import('./watch.js')).runWatch(paths, options, io) : await runBuild(paths, options, io);
  });

  common(
    program
      .command('import')
      .description('把已有的 Word 文件（.docx）或粘贴的文字（.txt、.md，- 为标准输入）变成方案 / turn an existing Word file or pasted text into a plan')
      .argument('<file>', '.docx, .txt, .md, or - / 要导入的文件，- 为标准输入')
      .option('-o, --output <file>', 'plan to write, - for standard output (default: beside the source) / 写出的方案，- 为标准输出（默认与原文件同名同目录）')
      .option('--force', 'overwrite an existing plan / 覆盖已有的文件'),
  ).action(async (file: string, flags: CommonFlags & { output?: string; force?: boolean }) => {
    const { runImport } = await import('./import.js');
    code = await runImport(file, { ...reportFlags(flags), ...(flags.output ? { output: flags.output } : {}), force: flags.force ?? false }, io);
  });
  program
    .command('diff')
    .description('修订稿：两个版本之间的改动写成 Word 修订（可接受或拒绝）/ a tracked-changes DOCX between two versions of a plan')
    .argument('<plans...>', 'old.md new.md, or one plan with --git / 旧版 新版，或 --git 加一个方案')
    .option('-o, --output <file>', 'the tracked-changes DOCX / 修订稿文件')
    .option('--git <rev>', 'old version from git: REV (against the working copy) or REV1..REV2 / 从 git 取旧版本')
    .option('--author <name>', 'author of the revisions / 修订人')
    .option('--date <date>', 'date of the revisions, e.g. 2025-06-03 / 修订日期')
    .addOption(new Option('--format <kind>', 'docx, or a summary: text (terminal) or github (job summary) / 输出修订稿或摘要').choices(['docx', 'text', 'github']).default('docx'))
    .option('-t, --template <name>', 'template name or folder / 模板名称或文件夹')
    .addOption(new Option('--lang <lang>', 'message language / 提示语言').choices(['zh', 'en']).default('zh'))
    .option('--verbose', 'internal details (stack traces) / 显示内部细节')
    .option('--allow-read <dir>', 'also read referenced files in this folder outside the project (repeatable) / 允许引用项目之外此文件夹中的文件（可重复）', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .action(async (paths: string[], flags: DiffFlags) => {
      const { runDiff } = await import('./diff.js');
      code = await runDiff(
        paths,
        {
          lang: flags.lang,
          verbose: flags.verbose ?? false,
          allowRead: flags.allowRead,
          format: flags.format,
          ...(flags.output ? { output: flags.output } : {}),
          ...(flags.git !== undefined ? { git: flags.git } : {}),
          ...(flags.author ? { author: flags.author } : {}),
          ...(flags.date !== undefined ? { date: flags.date } : {}),
          ...(flags.template ? { template: flags.template } : {}),
        },
        io,
      );
    });

  // combining the manifests of a sharded build (issue 12)
  program
    .command('manifest')
    .description('输出清单 manifest.json / the outputs manifest')
    .command('merge')
    .description('把分片生成的各份清单（manifest-I-of-N.json）合并成一份 / combine the manifests of a sharded build into one')
    .argument('<parts...>', 'manifest files or quoted globs / 清单文件或带引号的通配符')
    .option('-o, --output <file>', 'the combined manifest / 合并后的清单', 'manifest.json')
    .addOption(new Option('-f, --format <name>', 'report format / 报告格式').choices(reporterNames as string[]).default('stylish'))
    .addOption(new Option('--lang <lang>', 'message language / 提示语言').choices(['zh', 'en']).default('zh'))
    .option('-q, --quiet', 'report errors only / 只报告错误')
    .action(async (parts: string[], flags: { output: string; format: ReporterName; lang: Lang; quiet?: boolean }) => {
      const { runManifestMerge } = await import('./manifest.js');
      code = await runManifestMerge(parts, { output: flags.output, format: flags.format, lang: flags.lang, quiet: flags.quiet ?? false }, io);
    });

  try {
    const { registerTemplateCommands } = await import('./templates.js');
    registerTemplateCommands(program, io, (c) => (code = c));
    const { registerDoctorCommand } = await import('./doctor.js');
    registerDoctorCommand(program, io, (c) => (code = c));
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; usage mistakes exit 2.
      return e.exitCode === 0 ? 0 : 2;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    const { terminalSafe } = await import('../util/characters.js');
    const { formatMessage } = await import('../diagnostics/catalogue.js');
    const lang = argv.some((a, i) => a === '--lang=en' || (a === '--lang' && argv[i + 1] === 'en')) ? 'en' : 'zh';
    io.stderr.write(terminalSafe(`plangen: ${formatMessage('internal-error', { detail: err.message }, lang)}`) + '\n');
    if (argv.includes('--verbose') && err.stack) io.stderr.write(terminalSafe(err.stack) + '\n');
    return 2;
  }
  return code;
}

interface DiffFlags {
  lang: Lang;
  verbose?: boolean;
  allowRead: string[];
  format: 'docx' | 'text' | 'github';
  output?: string;
  git?: string;
  author?: string;
  date?: string;
  template?: string;
}

interface BuildFlags {
  output?: string;
  outDir?: string;
  manifest?: string;
  exclude?: string[];
  template?: string;
  force?: boolean;
  pdf?: boolean;
  to?: string;
  cache?: boolean;
  cacheDir?: string;
  shard?: string;
  watch?: boolean;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

function reportFlags(flags: CommonFlags) {
  const maxWarnings = warningLimit(flags);
  return {
    format: flags.format,
    lang: flags.lang ?? 'zh',
    langChosen: flags.lang !== undefined,
    metadata: flags.metadata,
    quiet: flags.quiet ?? false,
    verbose: flags.verbose ?? false,
    allowRead: flags.allowRead,
    ...(maxWarnings === undefined ? {} : { maxWarnings }),
    ...(flags.outputFile === undefined ? {} : { outputFile: flags.outputFile }),
    ...(flags.jobs === undefined ? {} : { jobs: flags.jobs }),
  };
}

/** --strict is --max-warnings 0; the smaller limit wins when both are given. */
function warningLimit(flags: { readonly strict?: boolean | undefined; readonly maxWarnings?: number | undefined }): number | undefined {
  if (flags.strict) return 0;
  return flags.maxWarnings;
}

/** --to's help: each choice with what it makes, in both languages (the language is not known yet). */
function toHelp(outputs: typeof import('../render/writers.js')): string {
  const list = (lang: Lang) => outputs.outputChoiceTerms().map((c) => `${c.id} = ${formatTerm(c.description, {}, lang)}`).join(lang === 'zh' ? '；' : ', ');
  return `output kind: ${list('en')} / 输出类型：${list('zh')}`;
}

/** --to takes a writer's id or a combination from the table; anything else is refused with the list. */
function outputChoice(value: string, choices: readonly string[]): string {
  if (choices.includes(value)) return value;
  const args = { value, choices: choices.join(', ') };
  throw new InvalidArgumentError(formatMessage('usage-output-unknown', args, 'zh') + ' / ' + formatMessage('usage-output-unknown', args, 'en'));
}

/** --max-warnings takes a whole number, as ESLint's does. */
/** --jobs takes a whole number from 1. */
function jobCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(formatMessage('usage-jobs', { value }, 'zh') + ' / ' + formatMessage('usage-jobs', { value }, 'en'));
  return Number(value);
}

function warningCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(formatMessage('max-warnings-number', { value }, 'zh') + ' / ' + formatMessage('max-warnings-number', { value }, 'en'));
  return Number(value);
}

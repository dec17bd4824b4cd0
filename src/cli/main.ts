import { Command, CommanderError, Option } from 'commander';
import type { Lang } from '../diagnostics/catalogue.js';
import { reporterNames, type ReporterName } from '../diagnostics/reporters/index.js';
import type { Io } from '../io/io.js';
import { version } from '../version.js';

interface CommonFlags {
  format: ReporterName;
  lang: Lang;
  quiet?: boolean;
  verbose?: boolean;
}

/**
 * The command line. Returns the exit code instead of exiting: 0 clean, 1 problems in the
 * documents, 2 the run itself failed (bad usage, missing template, internal error).
 * Commands are imported only when run, so `--help` and `check` never load docx.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code = 0;
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
      .addOption(new Option('--lang <lang>', 'message language / 提示语言').choices(['zh', 'en']).default('zh'))
      .option('-q, --quiet', 'report errors only / 只报告错误')
      .option('--verbose', 'show internal details (stack traces) / 显示内部细节');

  common(
    program
      .command('check')
      .description('检查方案：前置数据、格式规则与文字校对 / validate and proofread plans')
      .argument('<paths...>', 'plan files or folders / 方案文件或文件夹')
      .option('--strict', 'warnings also fail / 警告也视为失败'),
  ).action(async (paths: string[], flags: CommonFlags & { strict?: boolean }) => {
    const { runCheck } = await import('./check.js');
    code = await runCheck(paths, { ...reportFlags(flags), strict: flags.strict ?? false }, io);
  });

  common(
    program
      .command('build')
      .description('生成公文 DOCX（及 PDF）/ build DOCX (and PDF)')
      .argument('<paths...>', 'plan files or folders / 方案文件或文件夹')
      .option('-o, --output <file>', 'output file (one plan only) / 输出文件（仅限一个方案）')
      .option('--out-dir <dir>', 'output folder / 输出文件夹')
      .option('-t, --template <name>', 'template name or folder / 模板名称或文件夹')
      .option('--force', 'build despite warnings (never despite errors) / 有警告也生成（有错误不生成）')
      .option('--pdf', 'also write PDF (same as --to both) / 同时生成 PDF')
      .addOption(new Option('--to <kind>', 'output kind / 输出类型').choices(['docx', 'pdf', 'both'])),
  ).action(async (paths: string[], flags: CommonFlags & BuildFlags) => {
    const { runBuild } = await import('./build.js');
    code = await runBuild(
      paths,
      {
        ...reportFlags(flags),
        ...(flags.output ? { output: flags.output } : {}),
        ...(flags.outDir ? { outDir: flags.outDir } : {}),
        ...(flags.template ? { template: flags.template } : {}),
        force: flags.force ?? false,
        to: flags.to ?? (flags.pdf ? 'both' : 'docx'),
      },
      io,
    );
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
    io.stderr.write(`plangen: 内部错误 internal error: ${err.message}\n`);
    if (argv.includes('--verbose') && err.stack) io.stderr.write(err.stack + '\n');
    return 2;
  }
  return code;
}

interface BuildFlags {
  output?: string;
  outDir?: string;
  template?: string;
  force?: boolean;
  pdf?: boolean;
  to?: 'docx' | 'pdf' | 'both';
}

function reportFlags(flags: CommonFlags) {
  return { format: flags.format, lang: flags.lang, quiet: flags.quiet ?? false, verbose: flags.verbose ?? false };
}

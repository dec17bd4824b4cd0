import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { formatMessage, formatReportText, type Lang } from '../diagnostics/catalogue.js';
import { displayPath, pathExists, resolveFrom, type Io } from '../io/io.js';

/**
 * `plangen templates`, `plangen init [file]`, `plangen template eject NAME DIR`.
 * The work is done by the exported run* functions (io injected); this only wires them.
 */
export function registerTemplateCommands(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('templates')
    .description('列出内置模板和当前文件夹中的模板 / list built-in templates and template folders here')
    .option('--lang <lang>', 'message language / 提示语言', 'zh')
    .action(async (flags: { lang: string }) => setCode(await runTemplates(io, lang(flags.lang))));

  program
    .command('init')
    .description('新建一份方案样稿（不覆盖已有文件）/ write a starter plan (never overwrites)')
    .argument('[file]', 'plan file to create / 要新建的方案文件', 'plan.md')
    .option('-t, --template <name>', 'template name or folder / 模板名称或文件夹', 'plan')
    .option('--lang <lang>', 'message language / 提示语言', 'zh')
    .action(async (file: string, flags: { template: string; lang: string }) => setCode(await runInit(file, flags.template, io, lang(flags.lang))));

  program
    .command('template')
    .description('模板管理 / template management')
    .command('eject')
    .description('把内置模板复制到文件夹，供本单位修改 / copy a built-in template into a folder to adapt it')
    .argument('<name>', 'built-in template / 内置模板名称')
    .argument('<dir>', 'folder to create / 目标文件夹')
    .option('--lang <lang>', 'message language / 提示语言', 'zh')
    .action(async (name: string, dir: string, flags: { lang: string }) => setCode(await runEject(name, dir, io, lang(flags.lang))));
}

function lang(v: string): Lang {
  return v === 'en' ? 'en' : 'zh';
}

/** `plangen templates`: built-ins, then folders in the working folder holding template.yaml. */
export async function runTemplates(io: Io, language: Lang): Promise<number> {
  const { builtInDir, builtInNames, isTemplateDir, describeTemplate } = await import('../template/load.js');
  const rows = async (dirs: { label: string; dir: string }[]) => {
    const out: string[] = [];
    const width = Math.max(0, ...dirs.map((d) => d.label.length));
    for (const d of dirs) {
      const info = await describeTemplate(d.dir);
      const base = info.extends ? formatReportText('templates-extends', { name: info.extends }, language) : '';
      out.push(`  ${d.label.padEnd(width)}  ${info.description}${base}`);
    }
    return out;
  };
  const builtIns = (await builtInNames()).map((name) => ({ label: name, dir: path.join(builtInDir(), name) }));
  const lines = [formatReportText('templates-builtin', {}, language), ...(await rows(builtIns))];
  const local: { label: string; dir: string }[] = [];
  if (await isTemplateDir(io.cwd)) local.push({ label: '.', dir: io.cwd });
  const entries = await fsp.readdir(io.cwd, { withFileTypes: true }).catch(() => []);
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!e.isDirectory() || e.name.startsWith('.') || e.name === 'node_modules') continue;
    const dir = path.join(io.cwd, e.name);
    if (await isTemplateDir(dir)) local.push({ label: `./${e.name}`, dir });
  }
  if (local.length > 0) lines.push('', formatReportText('templates-local', {}, language), ...(await rows(local)));
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}

/** `plangen init [file] [--template NAME]`: a starter plan every section of which `check` accepts. */
export async function runInit(file: string, template: string, io: Io, language: Lang): Promise<number> {
  const { builtInNames, isTemplateDir } = await import('../template/load.js');
  const { suggest } = await import('../template/handlebars-run.js');
  const { starterPlan } = await import('../template/starter.js');
  const { writeFileAtomic } = await import('../io/write.js');
  const { packageRoot } = await import('../paths.js');
  const target = resolveFrom(io, file);
  const shown = displayPath(io, target);
  if (await pathExists(target)) {
    io.stderr.write(formatReportText('init-exists', { path: shown }, language) + '\n');
    return 2;
  }
  const builtIns = await builtInNames();
  const pathLike = /[\\/]/.test(template) || template.startsWith('.');
  if (!(!pathLike && builtIns.includes(template)) && !(await isTemplateDir(path.resolve(path.dirname(target), template)))) {
    const suggestion = pathLike ? '' : suggest(template, builtIns);
    io.stderr.write(formatMessage('template-missing', { name: template, suggestion }, language) + '\n');
    return 2;
  }
  const schema = path.relative(path.dirname(target), path.join(packageRoot(), 'schemas', 'plan.schema.json')).split(path.sep).join('/');
  const text = starterPlan({ template, schema: path.isAbsolute(schema) ? schema : schema.startsWith('.') ? schema : `./${schema}` });
  const written = await writeFileAtomic(target, new TextEncoder().encode(text));
  if (!written.ok) {
    io.stderr.write(formatMessage(written.locked ? 'output-locked' : 'output-failed', { path: shown, reason: written.reason }, language) + '\n');
    return 2;
  }
  io.stdout.write(formatReportText('init-written', { path: shown }, language) + '\n');
  return 0;
}

/**
 * `plangen template eject NAME DIR`: the built-in's skeleton and every partial it uses
 * (its own and those it inherits) copied into DIR, with a template.yaml that still
 * extends the built-in, so a file the office deletes falls back to the original.
 */
export async function runEject(name: string, dir: string, io: Io, language: Lang): Promise<number> {
  const { builtInDir, builtInNames, describeTemplate } = await import('../template/load.js');
  const { suggest } = await import('../template/handlebars-run.js');
  const { writeFileAtomic } = await import('../io/write.js');
  const names = await builtInNames();
  if (!names.includes(name)) {
    io.stderr.write(formatMessage('template-missing', { name, suggestion: suggest(name, names) }, language) + '\n');
    return 2;
  }
  const target = resolveFrom(io, dir);
  const shown = displayPath(io, target);
  const existing = await fsp.readdir(target).catch(() => undefined);
  if (existing && existing.length > 0) {
    io.stderr.write(formatReportText('eject-not-empty', { path: shown }, language) + '\n');
    return 2;
  }
  const files = new Map<string, string>();
  // Walk the extends chain from the base up, so the built-in's own files win.
  const chain: string[] = [];
  for (let cur: string | undefined = name; cur && !chain.includes(cur); ) {
    chain.unshift(cur);
    cur = (await describeTemplate(path.join(builtInDir(), cur))).extends;
  }
  for (const t of chain) {
    const src = path.join(builtInDir(), t);
    if (await pathExists(path.join(src, 'template.hbs'))) files.set('template.hbs', path.join(src, 'template.hbs'));
    for (const p of (await fsp.readdir(path.join(src, 'partials')).catch(() => [] as string[])).sort()) {
      if (p.endsWith('.hbs')) files.set(`partials/${p}`, path.join(src, 'partials', p));
    }
  }
  const info = await describeTemplate(path.join(builtInDir(), name));
  const yaml = [
    `# 由 plangen template eject ${name} 生成。此文件夹中的文件均可修改；删去的文件仍取自内置模板 ${name}。`,
    '# 说明见 plangen 的 docs/templates.md。',
    `name: ${JSON.stringify(path.basename(target))}`,
    `description: ${JSON.stringify(`${info.description}（本单位版本）`)}`,
    `extends: ${name}`,
    'layout:',
    '  fonts: gb2312        # gb2312：仿宋_GB2312/楷体_GB2312；modern：仿宋/楷体（Windows 10/11 自带）',
    '  boldHeading3: true   # 三级标题（1.）加粗',
    '',
  ].join('\n');
  const outputs: [string, Uint8Array][] = [['template.yaml', new TextEncoder().encode(yaml)]];
  for (const [rel, abs] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) outputs.push([rel, await fsp.readFile(abs)]);
  for (const [rel, bytes] of outputs) {
    const r = await writeFileAtomic(path.join(target, rel), bytes);
    if (!r.ok) {
      io.stderr.write(formatMessage('output-failed', { path: `${shown}/${rel}`, reason: r.reason }, language) + '\n');
      return 2;
    }
  }
  io.stdout.write(
    formatReportText('eject-copied', { name, path: shown }, language) +
      '\n' +
      outputs.map(([rel]) => `  ${shown}/${rel}\n`).join('') +
      formatReportText('eject-use', { folder: path.basename(target) }, language) +
      '\n',
  );
  return 0;
}

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { findFrontMatterTooDeep } from '../parse/pre-scan.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic, Reporter } from '../diagnostics/report.js';
import { defaultLayout, type Layout } from '../model/document.js';
import { packageRoot } from '../paths.js';
import { accessFor, accessTo, inspectPath, problemDiagnostic, widen, type Access } from '../io/contain.js';
import { readTextFile } from '../read/read-file.js';
import { positionAt } from '../read/source.js';
import type { ParsedPlan } from '../parse/parse-plan.js';
import { locate, startOf } from '../parse/yaml-path.js';
import { readTemplateConfig, type TemplateConfig } from './config.js';
import { checkHbs, parseHbs, prepareHandlebars, suggest, type HbsFile, type ParsedHbs } from './handlebars-run.js';
import { blockPartials, codeSections } from './names.js';
import { checkCharacters } from '../validate/rules/characters.js';

/** Section headings the template adds for data sections the body leaves out. */
export type SectionHeadings = Readonly<Record<'leaders' | 'phases' | 'targets' | 'duties', string>>;

const defaultSections: SectionHeadings = { leaders: '组织领导', phases: '实施步骤', targets: '工作目标', duties: '职责分工' };

/** A template ready to expand: its skeleton, partials and layout. */
export interface LoadedTemplate {
  readonly name: string;
  readonly description: string;
  /** Absolute folder of the template. */
  readonly dir: string;
  readonly builtIn: boolean;
  readonly layout: Layout;
  readonly sections: SectionHeadings;
  readonly skeleton: ParsedHbs;
  /** Partial files by name: the folder's own, then those of the templates it extends. */
  readonly partials: ReadonlyMap<string, ParsedHbs>;
}

/** Where built-in templates live. */
export function builtInDir(): string {
  return path.join(packageRoot(), 'templates');
}

/** Names of the built-in templates, sorted. */
export async function builtInNames(): Promise<string[]> {
  // The package's own folder does not change while plangen runs: looked at once per process,
  // not once per plan (a readdir and a stat per template, for every plan of a batch).
  builtInNamesRead ??= readBuiltInNames();
  return [...(await builtInNamesRead)];
}

let builtInNamesRead: Promise<string[]> | undefined;

async function readBuiltInNames(): Promise<string[]> {
  const entries = await fsp.readdir(builtInDir(), { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const e of entries) if (e.isDirectory() && (await isTemplateDir(path.join(builtInDir(), e.name)))) names.push(e.name);
  return names.sort();
}

/** A folder holding template.yaml. */
export async function isTemplateDir(dir: string): Promise<boolean> {
  try {
    return (await fsp.stat(path.join(dir, 'template.yaml'))).isFile();
  } catch {
    return false;
  }
}

/**
 * Resolve and load a template: `ref` names a built-in (templates/<ref>) or a folder path
 * relative to the plan's folder. A missing template is `template-missing` (with a
 * did-you-mean among the built-ins) at `at`, the plan position that named it.
 * A folder the plan names must lie inside the plan's project (`access`); one the user named
 * on the command line (`fromUser`, `-t DIR`) is trusted, but its files stay inside it or
 * the project all the same, so a partial linked to /etc is refused either way.
 */
export async function loadTemplate(
  ref: string,
  planDir: string,
  planFile: string,
  at: { readonly line: number; readonly column: number } = { line: 1, column: 1 },
  access: Access = accessFor(planDir),
  fromUser = false,
): Promise<{ template?: LoadedTemplate; diagnostics: Diagnostic[] }> {
  const builtIns = await builtInNames();
  const pathLike = /[\\/]/.test(ref) || ref.startsWith('.');
  if (!pathLike && builtIns.includes(ref)) {
    // Built-ins never change while plangen runs: load (and so compile) each once per process.
    const dir = path.join(builtInDir(), ref);
    let loaded = builtInMemo.get(dir);
    if (!loaded) {
      loaded = loadFolder(dir, dir, true, [], builtInAccess());
      builtInMemo.set(dir, loaded);
    }
    const r = await loaded;
    return { ...(r.template ? { template: r.template } : {}), diagnostics: [...r.diagnostics] };
  }
  const abs = path.resolve(planDir, ref);
  if (ref !== '' && !fromUser) {
    const v = inspectPath(abs, 'template', access, 'folder');
    if (!v.ok && v.problem !== 'missing') return { diagnostics: [problemDiagnostic(v, 'template', { file: planFile, ...at }, ref, 'template-missing')] };
  }
  if (ref !== '' && (await isTemplateDir(abs))) {
    const shown = path.posix.normalize(path.posix.join(path.dirname(planFile).split(path.sep).join('/'), ref.split(path.sep).join('/')));
    const folderAccess = fromUser ? widen(access, [abs]) : access;
    return loadFolder(abs, shown, false, [], folderAccess);
  }
  return { diagnostics: [diagnostic(planFile, at.line, at.column, 'template-missing', { name: ref, suggestion: pathLike ? '' : suggest(ref, builtIns) })] };
}

/** Built-in templates read only from the package's own templates folder. */
function builtInAccess(): Access {
  return accessTo([builtInDir()]);
}

const builtInMemo = new Map<string, Promise<{ template?: LoadedTemplate; diagnostics: Diagnostic[] }>>();

interface Folder {
  readonly config: TemplateConfig;
  readonly layout: Layout;
  readonly sections: SectionHeadings;
  readonly skeleton?: HbsFile;
  readonly partials: Map<string, HbsFile>;
}

async function loadFolder(
  dir: string,
  shownDir: string,
  builtIn: boolean,
  chain: readonly string[],
  access: Access,
): Promise<{ template?: LoadedTemplate; diagnostics: Diagnostic[] }> {
  const read = await readFolder(dir, shownDir, builtIn, chain, access);
  if (!read.folder) return { diagnostics: read.diagnostics };
  const { folder } = read;
  const diagnostics = [...read.diagnostics];
  if (!folder.skeleton) {
    diagnostics.push(diagnostic(join(shownDir, 'template.yaml'), 1, 1, 'template-config', { detail: 'tpl-no-skeleton' }));
    return { diagnostics };
  }
  const parsed = new Map<string, ParsedHbs>();
  let skeleton: ParsedHbs | undefined;
  await prepareHandlebars([folder.skeleton, ...folder.partials.values()].map((f) => f.source.text));
  for (const file of [folder.skeleton, ...folder.partials.values()]) {
    const r = parseHbs(file);
    diagnostics.push(...r.diagnostics);
    if (!r.parsed) continue;
    if (file === folder.skeleton) skeleton = r.parsed;
    else parsed.set(file.name, r.parsed);
  }
  const fileNames = [...folder.partials.keys()];
  // The skeleton may place document blocks and data sections; partial files include only partial files.
  if (skeleton) diagnostics.push(...checkHbs(skeleton, [...blockPartials, ...codeSections, ...fileNames]));
  for (const p of parsed.values()) diagnostics.push(...checkHbs(p, fileNames));
  if (!skeleton || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return {
    template: {
      name: folder.config.name ?? path.basename(dir),
      description: folder.config.description ?? '',
      dir,
      builtIn,
      layout: folder.layout,
      sections: folder.sections,
      skeleton,
      partials: parsed,
    },
    diagnostics,
  };
}

/** Read one folder and what it extends; own files win. */
async function readFolder(
  dir: string,
  shownDir: string,
  builtIn: boolean,
  chain: readonly string[],
  access: Access,
): Promise<{ folder?: Folder; diagnostics: Diagnostic[] }> {
  const yamlShown = join(shownDir, 'template.yaml');
  const yamlRead = await readTextFile(path.join(dir, 'template.yaml'), yamlShown, 'template', access);
  if (!yamlRead.ok) return { diagnostics: [...yamlRead.diagnostics] };
  const { config, diagnostics } = await readTemplateConfig(yamlRead.source);
  if (!config) return { diagnostics: [...yamlRead.diagnostics, ...diagnostics] };
  const all: Diagnostic[] = [...yamlRead.diagnostics, ...diagnostics];

  // A folder of the user's extends `plan` unless it says otherwise; `plan` itself extends nothing.
  const baseName = config.extends ?? (builtIn ? undefined : 'plan');
  let base: Folder | undefined;
  if (baseName !== undefined) {
    const names = await builtInNames();
    const at = positionAt(yamlRead.source, config.extendsOffset ?? 0);
    if (!names.includes(baseName) || chain.includes(baseName) || path.resolve(dir) === path.join(builtInDir(), baseName)) {
      all.push(diagnostic(yamlShown, config.extendsOffset === undefined ? 1 : at.line, config.extendsOffset === undefined ? 1 : at.column, 'template-missing', { name: baseName, suggestion: suggest(baseName, names) }));
      return { diagnostics: all };
    }
    const baseDir = path.join(builtInDir(), baseName);
    const r = await readFolder(baseDir, baseDir, true, [...chain, baseName], builtInAccess());
    all.push(...r.diagnostics);
    if (!r.folder) return { diagnostics: all };
    base = r.folder;
  }

  const partials = new Map<string, HbsFile>(base?.partials ?? []);
  const partialDir = path.join(dir, 'partials');
  const entries = await fsp.readdir(partialDir).catch(() => [] as string[]);
  for (const entry of entries.sort()) {
    if (!entry.endsWith('.hbs')) continue;
    const name = entry.slice(0, -4);
    const shown = join(shownDir, 'partials', entry);
    // Any script's letters (本单位落款.hbs), as `{{> name}}` can spell them; no spaces or punctuation.
    if (!/^\p{L}[\p{L}\p{N}_-]*$/u.test(name) || (blockPartials as readonly string[]).includes(name) || (codeSections as readonly string[]).includes(name)) {
      all.push(diagnostic(shown, 1, 1, 'partial-file-name', { name }));
      continue;
    }
    const r = await readTemplateText(path.join(partialDir, entry), shown, access);
    all.push(...r.diagnostics);
    if (r.ok) partials.set(name, { name, source: r.source });
  }

  let skeleton = base?.skeleton;
  const skeletonPath = path.join(dir, 'template.hbs');
  if (await fileExists(skeletonPath)) {
    const r = await readTemplateText(skeletonPath, join(shownDir, 'template.hbs'), access);
    all.push(...r.diagnostics);
    if (r.ok) skeleton = { name: 'template', source: r.source };
  }

  const baseLayout = base?.layout ?? defaultLayout;
  const layout: Layout = {
    fonts: config.layout?.fonts ?? baseLayout.fonts,
    boldHeading3: config.layout?.boldHeading3 ?? baseLayout.boldHeading3,
    margins: { ...baseLayout.margins, ...config.layout?.margins },
  };
  const sections: SectionHeadings = { ...(base?.sections ?? defaultSections), ...config.sections };
  return { folder: { config, layout, sections, ...(skeleton ? { skeleton } : {}), partials }, diagnostics: all };
}

async function fileExists(p: string): Promise<boolean> {
  try {
    return (await fsp.stat(p)).isFile();
  } catch {
    return false;
  }
}

function join(shownDir: string, ...parts: string[]): string {
  return [shownDir.split(path.sep).join('/'), ...parts].join('/');
}

/** A template folder's description and base, read without validation (for listings). */
export async function describeTemplate(dir: string): Promise<{ description: string; extends?: string }> {
  const read = await readTextFile(path.join(dir, 'template.yaml'), 'template.yaml', 'template', accessTo([dir]));
  if (!read.ok || findFrontMatterTooDeep(read.source.text)) return { description: '' };
  const doc = parseDocument(read.source.text);
  const data: unknown = doc.errors.length > 0 ? {} : doc.toJS();
  const o = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  return {
    description: typeof o['description'] === 'string' ? o['description'] : '',
    ...(typeof o['extends'] === 'string' ? { extends: o['extends'] } : {}),
  };
}

/** Where the plan names its template (the `template:` value), for `template-missing`. */
export function templateRefPosition(parsed: ParsedPlan): { line: number; column: number } | undefined {
  if (!parsed.yaml) return undefined;
  const loc = locate(parsed.yaml.doc.contents, ['template']);
  if (!loc.node || loc.depth === 0) return undefined;
  return positionAt(parsed.source, parsed.yaml.offset + startOf(loc));
}

/**
 * A skeleton or partial file, read. Its literal text goes into the document as the plan's
 * does, so it may not hold what the plan may not (control characters, noncharacters).
 */
async function readTemplateText(abs: string, shown: string, access: Access): ReturnType<typeof readTextFile> {
  const r = await readTextFile(abs, shown, 'template', access);
  if (!r.ok) return r;
  const chars = new Reporter(r.source);
  checkCharacters(r.source, chars);
  return chars.list.length ? { ...r, diagnostics: [...r.diagnostics, ...chars.list] } : r;
}

import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { mergeLevels, type RuleLevel } from '../diagnostics/rule-settings.js';
import { isInside, projectRootOf } from '../io/contain.js';
import { displayPath, resolveFrom, type Io } from '../io/io.js';
import { CONFIG_NAME, loadConfigIn, type ConfigFile, type ConfigLayer, type Loaded } from './load.js';

export { CONFIG_NAME };

/**
 * What the config files say for one plan, every path made absolute. The command line and
 * the plan's own front matter still win over these; see docs/config.md for the order.
 */
export interface PlanConfig {
  /** Built-in template name, or a template folder as a path relative to the plan's folder. */
  readonly template?: string;
  readonly outDir?: string;
  readonly pdf?: boolean;
  readonly fonts?: string;
  readonly allowRead: readonly string[];
  readonly rules: ReadonlyMap<string, RuleLevel>;
  readonly include?: Globs;
  readonly exclude?: Globs;
  /** The files that applied, farthest first (for --verbose and tests). */
  readonly files: readonly string[];
}

interface Globs {
  readonly dir: string;
  readonly patterns: readonly string[];
}

const none: PlanConfig = { allowRead: [], rules: new Map(), files: [] };

/**
 * The config files of one run. Each `plangen.config.yaml` is read once however many plans
 * share it; its problems are collected once, in `diagnostics`, and stop the run (exit 2)
 * before any plan is read, as ESLint does with a broken config.
 */
export class ConfigSet {
  private readonly loaded = new Map<string, Promise<Loaded>>();
  private readonly reported = new Set<string>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly io: Io) {}

  /**
   * The configs that apply in `dir`, nearest first: one in each folder from `dir` up to
   * its project root (the nearest folder with `.git`), stopping after one that says
   * `root: true`. Nothing above the project is ever read.
   */
  async chain(dir: string): Promise<ConfigFile[]> {
    const start = path.resolve(dir);
    const root = projectRootOf(start);
    const out: ConfigFile[] = [];
    for (let d = start; isInside(root, d); d = path.dirname(d)) {
      const found = await this.load(d, root);
      if (found) {
        out.push(found);
        if (found.data.root === true) break;
      }
      if (d === root) break;
    }
    return out;
  }

  private async load(dir: string, root: string): Promise<ConfigFile | undefined> {
    let p = this.loaded.get(dir);
    if (!p) {
      p = loadConfigIn(dir, root, displayPath(this.io, path.join(dir, CONFIG_NAME)));
      this.loaded.set(dir, p);
    }
    const r = await p;
    if (!this.reported.has(dir)) {
      this.reported.add(dir);
      this.diagnostics.push(...r.diagnostics);
    }
    return r.config;
  }

  /** The settings for the plan at `planAbs`: farther configs first, each file's matching overrides after its own keys. */
  async forPlan(planAbs: string): Promise<PlanConfig> {
    const chain = (await this.chain(path.dirname(planAbs))).reverse();
    if (chain.length === 0) return none;
    let acc: Mutable = { allowRead: [], rules: new Map(), files: [] };
    for (const c of chain) {
      acc = apply(acc, c.data, c.dir);
      acc.files.push(c.abs);
      if (c.data.include) acc.include = { dir: c.dir, patterns: c.data.include };
      if (c.data.exclude) acc.exclude = { dir: c.dir, patterns: c.data.exclude };
      for (const o of c.data.overrides ?? []) if (matches({ dir: c.dir, patterns: o.files }, planAbs)) acc = apply(acc, o, c.dir);
    }
    const { template, ...rest } = acc;
    return template === undefined ? rest : { ...rest, template: templateRef(template, path.dirname(planAbs)) };
  }

  /** `lang` from the configs of the working folder, where the run's messages are read. */
  async lang(): Promise<'zh' | 'en' | undefined> {
    for (const c of await this.chain(this.io.cwd)) if (c.data.lang) return c.data.lang;
    return undefined;
  }
}

type Mutable = { -readonly [K in keyof PlanConfig]: PlanConfig[K] } & { files: string[]; allowRead: string[] };

/** One layer over the settings so far: nearer (later) values win key by key; rules merge by id and allowRead adds up. */
function apply(acc: Mutable, layer: ConfigLayer, dir: string): Mutable {
  const next: Mutable = { ...acc, allowRead: [...acc.allowRead, ...(layer.allowRead ?? []).map((f) => path.resolve(dir, f))] };
  // Loading made a template folder absolute already; a built-in name stays a name.
  if (layer.template !== undefined) next.template = layer.template;
  if (layer.outDir !== undefined) next.outDir = path.resolve(dir, layer.outDir);
  if (layer.pdf !== undefined) next.pdf = layer.pdf;
  if (layer.fonts !== undefined) next.fonts = path.resolve(dir, layer.fonts);
  if (layer.rules) next.rules = mergeLevels(acc.rules, new Map(Object.entries(layer.rules)));
  return next;
}

/** A template folder as the loader takes it from a plan: a relative path from the plan's folder. */
function templateRef(template: string, planDir: string): string {
  if (!path.isAbsolute(template)) return template;
  const rel = path.relative(planDir, template).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/**
 * Whether a plan matches globs written relative to a config's folder. As in .gitignore and
 * ESLint's overrides, a pattern without a slash (`*.draft.md`) matches the file name in any folder.
 */
function matches(globs: Globs, planAbs: string): boolean {
  const rel = path.relative(globs.dir, planAbs).split(path.sep).join('/');
  if (rel.startsWith('../') || path.isAbsolute(rel)) return false;
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  // picomatch's own `basename` option also cuts patterns that do have a slash, so it is done here.
  return globs.patterns.some((p) => (p.includes('/') ? picomatch(p.replace(/^\.\//, ''))(rel) : picomatch(p)(name)));
}

/**
 * `include`/`exclude` apply to plans found by scanning a folder; a file named on the
 * command line is always taken (the user asked for it by name).
 */
export function scanKeeps(plan: PlanConfig, planAbs: string, named: boolean): boolean {
  if (named) return true;
  if (plan.include && !matches(plan.include, planAbs)) return false;
  return !(plan.exclude && matches(plan.exclude, planAbs));
}

/** Whether `abs` was named as a file on the command line (as opposed to found in a folder). */
export function namedOnCommandLine(args: readonly string[], io: Io): (abs: string) => boolean {
  const named = new Set(args.map((a) => resolveFrom(io, a)));
  return (abs) => named.has(abs);
}

import type Handlebars from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime';
import { closestMatch } from 'leven';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/report.js';
import type { RuleId } from '../diagnostics/catalogue.js';
import type { SourceText } from '../read/source.js';
import { HelperUsageError, helperNames, templateHelpers } from './helpers.js';
import { compileOptions, markLines, walk, type AstNode, type Loc } from './hbs-marks.js';
import { parsedTemplates, precompiledTemplates } from './generated/precompiled-templates.js';
import { budgets } from '../util/budgets.js';

/**
 * Handlebars, locked down and made to report positions. Templates are Markdown with
 * Handlebars in it; the Markdown is parsed only after Handlebars ran, so to say where an
 * output line came from every line of literal template text is tagged with an invisible
 * marker (file index + source line) before compiling, and the markers are read back and
 * removed from the output. Nothing here throws for a template mistake: errors come back
 * as diagnostics at the template's file:line:column.
 */

/** One Handlebars source file (a skeleton, a partial, or a piece of the plan body). */
export interface HbsFile {
  /** Partial name, or `template` for a skeleton. */
  readonly name: string;
  readonly source: SourceText;
  /** Line and column the file's text starts at in `source.path` (1, 1 for whole files). */
  readonly origin?: { readonly line: number; readonly column: number };
}

/** A parsed file, its AST already checked. */
export interface ParsedHbs {
  readonly file: HbsFile;
  readonly ast: unknown;
}

/** Where an output line came from. */
export interface LineSource {
  readonly file: string;
  readonly line: number;
}

const MARKER = /\uE000(\d+):(\d+)\uE001/g;
const LEADING_MARKERS = /^(?:\uE000\d+:\d+\uE001)+/;
/** Sentinels stand for document blocks in the output until the Markdown is parsed. */
export const SENTINEL_OPEN = '\uE002';
export const SENTINEL_CLOSE = '\uE003';

// Names that lead from a value to its prototype or constructor: refused wherever they appear.
const FORBIDDEN_NAMES = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
  'call',
  'apply',
  'bind',
]);


/**
 * Handlebars with its compiler, loaded only for a text plangen was not built with (a user's
 * template, `{{…}}` in a plan): the built-in templates were parsed and compiled at build
 * time, and rendering them needs Handlebars' runtime alone, a fraction of the library.
 */
let compiler: typeof Handlebars | undefined;

/** Make ready what parsing and compiling `texts` needs: the compiler, if one of them is not built in. */
export async function prepareHandlebars(texts: Iterable<string>): Promise<void> {
  if (compiler) return;
  for (const text of texts) if (!parsedTemplates.has(text) || !precompiledTemplates.has(text)) return loadHandlebarsCompiler();
}

/** Load Handlebars' compiler, for any text. */
export async function loadHandlebarsCompiler(): Promise<void> {
  compiler ??= (await import('handlebars')).default;
}

/** Whether this process has loaded Handlebars' compiler (for tests). */
export function handlebarsCompilerLoaded(): boolean {
  return compiler !== undefined;
}

function loadedCompiler(): typeof Handlebars {
  if (!compiler) throw new Error('Handlebars compiler used before prepareHandlebars');
  return compiler;
}

/**
 * Parse a file; a syntax error comes back as a `template-syntax` diagnostic. A text other
 * than a built-in file's needs {@link prepareHandlebars} first.
 */
export function parseHbs(file: HbsFile): { parsed?: ParsedHbs; diagnostics: Diagnostic[] } {
  const refusal = scanHbs(file.source.text);
  if (refusal) {
    const p = filePosition(file, refusal.line, refusal.column0);
    return { diagnostics: [diagnostic(file.source.path, p.line, p.column, refusal.ruleId, { limit: refusal.limit })] };
  }
  // A built-in file's tree as Handlebars parsed it at build time; a fresh copy, as a parse gives.
  const built = parsedTemplates.get(file.source.text);
  if (built !== undefined) return { parsed: { file, ast: JSON.parse(built) as unknown }, diagnostics: [] };
  try {
    const ast = loadedCompiler().parse(file.source.text);
    return { parsed: { file, ast }, diagnostics: [] };
  } catch (e) {
    return { diagnostics: [errorDiagnostic(file, e, 'template-syntax')] };
  }
}

const MUSTACHE = /\{\{\{?~?\s*([#^/]|else\b)?/g;

/**
 * Handlebars' parser takes time that grows with the square of block nesting and
 * overflows the stack near 2,000 levels (`{{else if}}` chains nest too), and costs about
 * 50 µs a mustache: both are counted on the text first, in one pass.
 */
function scanHbs(text: string): { ruleId: RuleId; limit: number; line: number; column0: number } | undefined {
  const open: number[] = [];
  let depth = 0;
  let count = 0;
  for (const m of text.matchAll(MUSTACHE)) {
    const at = () => {
      const before = text.slice(0, m.index);
      const line = before.split('\n').length;
      return { line, column0: m.index - (before.lastIndexOf('\n') + 1) };
    };
    if (++count > budgets.templateMustaches) return { ruleId: 'template-too-long', limit: budgets.templateMustaches, ...at() };
    const kind = m[1];
    // `{{^}}` alone is an else; `{{^name}}` opens an inverse block.
    const opens = kind === '#' || (kind === '^' && !/^\{\{\{?~?\s*\^\s*~?\}/.test(text.slice(m.index, m.index + 8)));
    const chains = kind === 'else' && !/^\{\{~?\s*else\s*~?\}\}/.test(text.slice(m.index, m.index + 12));
    if (opens) open.push(1);
    else if (chains && open.length > 0) open[open.length - 1]! += 1;
    else if (kind === '/') depth -= open.pop() ?? 0;
    if (opens || chains) {
      depth += 1;
      if (depth > budgets.templateNesting) return { ruleId: 'template-too-deep', limit: budgets.templateNesting, ...at() };
    }
  }
  return undefined;
}

/**
 * Static checks no runtime option covers: partial names (known, no paths, no dynamic
 * names), names reaching prototypes, decorators. `partials` lists what can be included.
 */
export function checkHbs(parsed: ParsedHbs, partials: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  // `{{#*inline "name"}}` declares a partial for the file that holds it.
  const inline: string[] = [];
  walk(parsed.ast, (node) => {
    const first = (node['params'] as AstNode[] | undefined)?.[0];
    if (node.type === 'DecoratorBlock' && first?.type === 'StringLiteral') inline.push(String(first['value']));
  });
  const known = [...partials, ...inline];
  const at = (loc: Loc | undefined, id: RuleId, args: Record<string, string>) => {
    const p = filePosition(parsed.file, loc?.start.line ?? 1, loc?.start.column ?? 0);
    out.push(diagnostic(parsed.file.source.path, p.line, p.column, id, args));
  };
  walk(parsed.ast, (node) => {
    switch (node.type) {
      case 'PartialStatement':
      case 'PartialBlockStatement': {
        const nameNode = node['name'] as AstNode;
        if (nameNode.type !== 'PathExpression' && nameNode.type !== 'StringLiteral') {
          at(node.loc, 'template-forbidden', { name: '{{> (…)}}' });
          break;
        }
        const name = String(nameNode['original'] ?? nameNode['value']);
        if (/[\\/]|\.\./.test(name) || FORBIDDEN_NAMES.has(name)) at(node.loc, 'template-forbidden', { name });
        else if (!known.includes(name)) at(node.loc, 'partial-missing', { name, suggestion: suggest(name, known) });
        break;
      }
      case 'PathExpression':
        for (const part of (node['parts'] as string[] | undefined) ?? []) {
          if (FORBIDDEN_NAMES.has(part)) at(node.loc, 'template-forbidden', { name: part });
        }
        break;
      case 'StringLiteral':
        // `lookup this "constructor"` and friends.
        if (FORBIDDEN_NAMES.has(String(node['value']))) at(node.loc, 'template-forbidden', { name: String(node['value']) });
        break;
      case 'Decorator':
      case 'DecoratorBlock': {
        const path = node['path'] as AstNode | undefined;
        const name = String(path?.['original'] ?? '');
        if (name !== 'inline') at(node.loc, 'template-forbidden', { name: `{{* ${name}}}` });
        break;
      }
    }
  });
  return out;
}

/** A partial implemented in code (document blocks): gets the hash arguments, returns output text. */
export type CodePartial = (hash: Readonly<Record<string, unknown>>) => string;

export interface RenderInput {
  readonly entry: ParsedHbs;
  /** Template partials (files). */
  readonly partials: ReadonlyMap<string, ParsedHbs>;
  /** Partials implemented in code; they win over files of the same name. */
  readonly codePartials?: ReadonlyMap<string, CodePartial>;
  readonly view: unknown;
  /** Shared by every render of one plan, so its limits hold per plan; a fresh one if absent. */
  readonly budget?: HbsBudget;
}

/** What the renders of one plan have used so far (see budgets in src/util/budgets.ts). */
export interface HbsBudget {
  /** Characters returned by blocks and partials (nested output counts at each level: that is the work done). */
  output: number;
  /** Passes through block bodies (`{{#each}}` items, `{{#if}}` branches…). */
  iterations: number;
  partialCalls: number;
  partialDepth: number;
  /** Set once a budget is passed: later renders of the plan do nothing (one diagnostic, not one per section). */
  exhausted?: boolean;
}

export function newHbsBudget(): HbsBudget {
  return { output: 0, iterations: 0, partialCalls: 0, partialDepth: 0 };
}

/** Thrown from inside a render the moment a budget is passed, so the expansion stops there. */
class BudgetExceeded extends Error {
  constructor(
    readonly ruleId: RuleId,
    readonly args: Record<string, string | number>,
    readonly loc: Loc | undefined,
    /** For partial budgets: the partial being included (its `{{> name}}` is looked up in the caller). */
    readonly partial?: string,
  ) {
    super(ruleId);
  }
}

export interface Rendered {
  readonly text: string;
  /** For each output line (0-based index), the template line it came from. */
  readonly lines: readonly LineSource[];
}

/** Render a template; on error, the diagnostic at the template's position. */
export function renderHbs(input: RenderInput): { rendered?: Rendered; diagnostics: Diagnostic[] } {
  const budget = input.budget ?? newHbsBudget();
  if (budget.exhausted) return { diagnostics: [] };
  const helpers = countingHelpers({ ...builtinHelpers(), ...templateHelpers(), lookup: lookup as Fn }, budget);
  const files: HbsFile[] = [];
  const asts: unknown[] = [];
  const compiled = (p: ParsedHbs) => {
    const index = files.push(p.file) - 1;
    asts.push(p.ast);
    const fn = compileMarked(p, index);
    // Tag errors with the innermost file, so a mistake inside a partial names the partial.
    return (ctx: unknown, opts?: unknown) => {
      try {
        return fn(ctx, opts);
      } catch (e) {
        if (e !== null && typeof e === 'object' && !('plangenFile' in e)) Object.defineProperty(e, 'plangenFile', { value: index });
        throw e;
      }
    };
  };
  const partials: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, p] of input.partials) partials[name] = countedPartial(name, compiled(p), budget);
  for (const [name, fn] of input.codePartials ?? []) partials[name] = (_ctx: unknown, opts: { hash?: Record<string, unknown> }) => fn(opts.hash ?? {});
  const entry = compiled(input.entry);
  let raw: string;
  try {
    raw = entry(input.view, { helpers, partials, allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    // Plain `{{value}}`s are not counted as they go; the whole output is, once.
    if ((budget.output += raw.length) > budgets.templateOutput) throw new BudgetExceeded('template-output-too-large', { limit: budgets.templateOutput }, undefined);
  } catch (e) {
    const index = (e as { plangenFile?: number } | null)?.plangenFile ?? 0;
    const file = files[index] ?? input.entry.file;
    if (e instanceof BudgetExceeded) budget.exhausted = true;
    if (e instanceof BudgetExceeded) return { diagnostics: [budgetDiagnostic(file, asts[index] ?? input.entry.ast, e)] };
    return { diagnostics: [errorDiagnostic(file, e, undefined, input.view)] };
  }
  return { rendered: readMarkers(raw, files), diagnostics: [] };
}

type Fn = (this: unknown, ...args: unknown[]) => unknown;

/** Handlebars' own helpers (each, if, unless, with, lookup, blockHelperMissing…), to be wrapped. */
function builtinHelpers(): Record<string, Fn> {
  return { ...(handlebarsEnvironment().helpers as Record<string, Fn>) };
}

/**
 * Every helper with its block bodies counted: each pass through `options.fn` or
 * `options.inverse` is one iteration, and what it returns is charged to the output, so a
 * loop inside a loop stops at the pass that goes over, not after building its output.
 */
function countingHelpers(helpers: Record<string, Fn>, budget: HbsBudget): Record<string, Fn> {
  const out: Record<string, Fn> = {};
  for (const [name, helper] of Object.entries(helpers)) {
    out[name] = function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as { fn?: Fn; inverse?: Fn; loc?: Loc } | undefined;
      if (options && typeof options === 'object') {
        if (typeof options.fn === 'function') options.fn = countedBlock(options.fn, options.loc, budget);
        if (typeof options.inverse === 'function') options.inverse = countedBlock(options.inverse, options.loc, budget);
      }
      return helper.apply(this, args);
    };
  }
  return out;
}

function countedBlock(fn: Fn, loc: Loc | undefined, budget: HbsBudget): Fn {
  const counted = function (this: unknown, ...args: unknown[]) {
    if (++budget.iterations > budgets.templateIterations) throw new BudgetExceeded('template-loop-too-long', { limit: budgets.templateIterations }, loc);
    const s = fn.apply(this, args);
    if (typeof s === 'string' && (budget.output += s.length) > budgets.templateOutput) {
      throw new BudgetExceeded('template-output-too-large', { limit: budgets.templateOutput }, loc);
    }
    return s;
  };
  // Handlebars reads bookkeeping (program id, depth, block params) off the function.
  return Object.assign(counted, fn);
}

/** A partial counted and its nesting tracked; a budget passed throws before it runs. */
function countedPartial(name: string, fn: TemplateFn, budget: HbsBudget): TemplateFn {
  return (ctx, opts) => {
    if (++budget.partialCalls > budgets.partialCalls) throw new BudgetExceeded('partial-too-many', { limit: budgets.partialCalls, name }, undefined, name);
    if (budget.partialDepth >= budgets.partialDepth) throw new BudgetExceeded('partial-too-deep', { limit: budgets.partialDepth, name }, undefined, name);
    budget.partialDepth++;
    let s: string;
    try {
      s = fn(ctx, opts);
    } finally {
      budget.partialDepth--;
    }
    if ((budget.output += s.length) > budgets.templateOutput) throw new BudgetExceeded('template-output-too-large', { limit: budgets.templateOutput }, undefined);
    return s;
  };
}

/** The budget diagnostic, at the block that passed it or at the `{{> name}}` in the including file. */
function budgetDiagnostic(file: HbsFile, ast: unknown, e: BudgetExceeded): Diagnostic {
  let loc = e.loc;
  if (!loc && e.partial) {
    walk(ast, (node) => {
      const nameNode = node['name'] as AstNode | undefined;
      if (!loc && (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') && String(nameNode?.['original'] ?? nameNode?.['value']) === e.partial) loc = node.loc;
    });
  }
  const p = filePosition(file, loc?.start.line ?? 1, loc?.start.column ?? 0);
  return diagnostic(file.source.path, p.line, p.column, e.ruleId, e.args);
}

/** Did-you-mean text for the catalogue's `{suggestion}` placeholder. */
export function suggest(name: string, candidates: readonly string[]): string {
  // Only the name: the catalogue words the did-you-mean in the reader's language.
  return closestMatch(name, [...candidates], { maxDistance: 2 }) ?? '';
}

/** A name `lookup` may not reach (forbidden) or that the data does not have (unknown). */
class LookupError extends Error {
  constructor(
    readonly kind: 'forbidden' | 'unknown',
    readonly field: string,
    readonly loc: Loc | undefined,
    readonly candidates: readonly string[],
  ) {
    super(`lookup ${field}`);
  }
}

/**
 * Handlebars' own `lookup` returns nothing, silently, for a name the data lacks and for a
 * name computed at run time that leads to a prototype; strict mode does not cover it. This
 * one says so, as `{{field}}` would: template-unknown-field or template-forbidden.
 */
function lookup(obj: unknown, field: unknown, options?: { loc?: Loc }): unknown {
  const name = String(field);
  const loc = options?.loc;
  if (FORBIDDEN_NAMES.has(name)) throw new LookupError('forbidden', name, loc, []);
  if (obj !== null && typeof obj === 'object' && Object.prototype.hasOwnProperty.call(obj, name)) return (obj as Record<string, unknown>)[name];
  throw new LookupError('unknown', name, loc, obj !== null && typeof obj === 'object' ? Object.keys(obj) : []);
}

type TemplateFn = (ctx: unknown, opts?: unknown) => string;

// One Handlebars environment per process (and one with the compiler, when it is loaded),
// never changed after it is made: helpers and partials are passed per render, so nothing
// leaks from one template to another.
let environment: typeof Handlebars | undefined;
let compilingEnvironment: typeof Handlebars | undefined;

// A template is rendered once per data section and plan: compile each file once per
// index. Keyed by the parsed AST, so entries live only as long as the loaded template.
const compiledMemo = new WeakMap<object, Map<number, TemplateFn>>();

function handlebarsEnvironment(): typeof Handlebars {
  if (!environment) {
    // The runtime's own typings are empty; its object is the library's without the compiler.
    environment = (HandlebarsRuntime as unknown as typeof Handlebars).create();
    environment.unregisterHelper('log');
  }
  return environment;
}

function compilingHandlebarsEnvironment(): typeof Handlebars {
  if (!compilingEnvironment) {
    compilingEnvironment = loadedCompiler().create();
    compilingEnvironment.unregisterHelper('log');
  }
  return compilingEnvironment;
}

function compileMarked(p: ParsedHbs, fileIndex: number): TemplateFn {
  const memo = compiledMemo.get(p.ast as object) ?? new Map<number, TemplateFn>();
  compiledMemo.set(p.ast as object, memo);
  const known = memo.get(fileIndex);
  if (known) return known;
  // A built-in file was compiled when plangen was built (scripts/build.mjs): only its file
  // index is filled in. Any other text, or a built-in edited since, is compiled here.
  const factory = precompiledTemplates.get(p.file.source.text);
  const fn = (
    factory === undefined
      ? compilingHandlebarsEnvironment().compile(markLines(p.ast, fileIndex), compileOptions)
      : handlebarsEnvironment().template(factory(fileIndex) as Parameters<typeof Handlebars.template>[0])
  ) as TemplateFn;
  memo.set(fileIndex, fn);
  return fn;
}

function readMarkers(raw: string, files: readonly HbsFile[]): Rendered {
  const lines: LineSource[] = [];
  const out: string[] = [];
  let prev: { file: number; line: number } = { file: 0, line: 0 };
  for (const line of raw.split('\n')) {
    // Of the markers leading a line, the last is where its text comes from (earlier ones
    // closed a line that produced nothing, such as the end of a loop's previous pass).
    const lead = LEADING_MARKERS.exec(line)?.[0] ?? '';
    const all = [...lead.matchAll(MARKER)];
    const last = all[all.length - 1];
    prev = last ? { file: Number(last[1]), line: Number(last[2]) } : { file: prev.file, line: prev.line + 1 };
    const f = files[prev.file];
    const origin = f ? filePosition(f, prev.line, 0) : { line: prev.line };
    lines.push({ file: f?.source.path ?? '', line: origin.line });
    out.push(line.replace(MARKER, ''));
  }
  return { text: out.join('\n'), lines };
}

/** 1-based file position of a Handlebars position (1-based line, 0-based column). */
function filePosition(file: HbsFile, line: number, column0: number): { line: number; column: number } {
  const origin = file.origin ?? { line: 1, column: 1 };
  return line === 1 ? { line: origin.line, column: origin.column + column0 } : { line: origin.line + line - 1, column: column0 + 1 };
}

function errorDiagnostic(file: HbsFile, e: unknown, forced: RuleId | undefined, view?: unknown): Diagnostic {
  const err = e instanceof Error ? e : new Error(String(e));
  const ex = err as Error & { lineNumber?: number; column?: number };
  let line = ex.lineNumber;
  let column0 = ex.column;
  if ((e instanceof HelperUsageError || e instanceof LookupError) && e.loc) {
    line = e.loc.start.line;
    column0 = e.loc.start.column;
  }
  if (line === undefined) {
    // Parse errors carry no position; the lexer still holds the offending token's.
    const lexer = (compiler as unknown as { Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }).Parser?.lexer;
    const loc = /^(Parse|Lexical) error/.test(err.message) ? lexer?.yylloc : undefined;
    line = loc?.first_line ?? 1;
    column0 = loc?.first_column ?? 0;
  }
  const p = filePosition(file, line, column0 ?? 0);
  const at = (id: RuleId, args: Record<string, string>) => diagnostic(file.source.path, p.line, p.column, id, args);
  const message = err.message.replace(/ - \d+:\d+$/, '');
  if (forced) return at(forced, syntaxDetail(message));
  if (e instanceof HelperUsageError) return at('template-helper-usage', { name: e.helper, detail: e.message });
  if (e instanceof LookupError) {
    return e.kind === 'forbidden' ? at('template-forbidden', { name: e.field }) : at('template-unknown-field', { field: e.field, suggestion: suggest(e.field, e.candidates) });
  }
  let m = /^"(.+)" not defined in/.exec(message);
  if (m) return at('template-unknown-field', { field: m[1] ?? '', suggestion: suggest(m[1] ?? '', viewKeys(view)) });
  m = /unknown helper (\S+)/.exec(message);
  if (m) return at('template-helper', { name: m[1] ?? '', suggestion: suggest(m[1] ?? '', helperNames) });
  m = /^The partial (\S+) could not be found/.exec(message);
  if (m) return at('partial-missing', { name: m[1] ?? '', suggestion: '' });
  if (err instanceof RangeError) return at('template-syntax', { detail: 'hbs-too-deep' });
  return at('template-syntax', syntaxDetail(message));
}

/** The catalogue term (and its arguments) for a Handlebars parse error: its English never reaches the reader. */
function syntaxDetail(message: string): Record<string, string> {
  const lines = message.split('\n');
  // Handlebars' parse errors end with "Expecting …, got 'EOF'": the last part is the useful one.
  const got = /got '([^']+)'$/.exec(lines[lines.length - 1] ?? '');
  if (got) return got[1] === 'EOF' ? { detail: 'hbs-eof' } : { detail: 'hbs-unexpected', token: got[1] ?? '' };
  return { detail: 'hbs-other' };
}

function viewKeys(view: unknown): string[] {
  const keys = new Set<string>();
  const visit = (v: unknown, depth: number) => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((x) => visit(x, depth + 1));
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      keys.add(k);
      visit(x, depth + 1);
    }
  };
  visit(view, 0);
  return [...keys];
}

import Handlebars from 'handlebars';
import { closestMatch } from 'leven';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/report.js';
import type { RuleId } from '../diagnostics/catalogue.js';
import type { SourceText } from '../read/source.js';
import { HelperUsageError, helperNames, templateHelpers } from './helpers.js';

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

const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
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

const compileOptions = {
  strict: true,
  knownHelpersOnly: true,
  // Values are escaped for Markdown before they reach the template, not for HTML.
  noEscape: true,
  knownHelpers: { ...Object.fromEntries(helperNames.map((h) => [h, true])), log: false, lookup: true },
} as const;

/** Parse a file; a syntax error comes back as a `template-syntax` diagnostic. */
export function parseHbs(file: HbsFile): { parsed?: ParsedHbs; diagnostics: Diagnostic[] } {
  try {
    const ast = Handlebars.parse(file.source.text);
    return { parsed: { file, ast }, diagnostics: [] };
  } catch (e) {
    return { diagnostics: [errorDiagnostic(file, e, 'template-syntax')] };
  }
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
}

export interface Rendered {
  readonly text: string;
  /** For each output line (0-based index), the template line it came from. */
  readonly lines: readonly LineSource[];
}

/** Render a template; on error, the diagnostic at the template's position. */
export function renderHbs(input: RenderInput): { rendered?: Rendered; diagnostics: Diagnostic[] } {
  const helpers = { ...templateHelpers(), lookup };
  const files: HbsFile[] = [];
  const compiled = (p: ParsedHbs) => {
    const index = files.push(p.file) - 1;
    const fn = compileMarked(p.ast, index);
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
  for (const [name, p] of input.partials) partials[name] = compiled(p);
  for (const [name, fn] of input.codePartials ?? []) partials[name] = (_ctx: unknown, opts: { hash?: Record<string, unknown> }) => fn(opts.hash ?? {});
  const entry = compiled(input.entry);
  let raw: string;
  try {
    raw = entry(input.view, { helpers, partials, allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  } catch (e) {
    const index = (e as { plangenFile?: number } | null)?.plangenFile ?? 0;
    return { diagnostics: [errorDiagnostic(files[index] ?? input.entry.file, e, undefined, input.view)] };
  }
  return { rendered: readMarkers(raw, files), diagnostics: [] };
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

interface Loc {
  readonly start: { readonly line: number; readonly column: number };
}
interface AstNode {
  readonly type: string;
  readonly loc?: Loc;
  readonly [key: string]: unknown;
}

function walk(node: unknown, visit: (n: AstNode) => void): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as AstNode;
  if (typeof n.type === 'string') visit(n);
  for (const [k, v] of Object.entries(n)) if (k !== 'loc' && v !== null && typeof v === 'object') walk(v, visit);
}

/**
 * A copy of the AST whose literal text carries a line marker at the start of every
 * output line it begins: after each newline, and at the start of a block's body (so each
 * pass of an `{{#each}}` starts on the line of the block's first statement).
 */
function markLines(ast: unknown, fileIndex: number): unknown {
  const copy = structuredClone(ast);
  const programs: { body: AstNode[] }[] = [];
  walk(copy, (node) => {
    if (node.type === 'Program' && Array.isArray(node['body'])) programs.push(node as unknown as { body: AstNode[] });
    if (node.type !== 'ContentStatement' || !node.loc) return;
    const n = node as AstNode & { value: string; original: string };
    // Standalone lines were already stripped from `value`; count lines in what went before.
    const skipped = n.value === '' ? n.original.length : Math.max(0, n.original.indexOf(n.value));
    const prefix = n.original.slice(0, skipped);
    let line = n.loc!.start.line + countNewlines(prefix);
    const startsLine = skipped === 0 ? n.loc!.start.column === 0 : prefix.endsWith('\n');
    let out = startsLine ? marker(fileIndex, line) : '';
    for (const ch of n.value) {
      out += ch;
      if (ch === '\n') out += marker(fileIndex, ++line);
    }
    n.value = out;
  });
  for (const program of programs) {
    const first = program.body[0];
    if (first && first.type !== 'ContentStatement' && first.loc?.start.column === 0) {
      program.body.unshift({ type: 'ContentStatement', value: marker(fileIndex, first.loc.start.line), original: '', loc: first.loc });
    }
  }
  return copy;
}

type TemplateFn = (ctx: unknown, opts?: unknown) => string;

// One Handlebars environment per process, never changed after it is made: helpers and
// partials are passed per render, so nothing leaks from one template to another.
let environment: typeof Handlebars | undefined;

// A template is rendered once per data section and plan: compile each file once per
// index. Keyed by the parsed AST, so entries live only as long as the loaded template.
const compiledMemo = new WeakMap<object, Map<number, TemplateFn>>();

function compileMarked(ast: unknown, fileIndex: number): TemplateFn {
  const memo = compiledMemo.get(ast as object) ?? new Map<number, TemplateFn>();
  compiledMemo.set(ast as object, memo);
  const known = memo.get(fileIndex);
  if (known) return known;
  if (!environment) {
    environment = Handlebars.create();
    environment.unregisterHelper('log');
  }
  const fn = environment.compile(markLines(ast, fileIndex), compileOptions) as TemplateFn;
  memo.set(fileIndex, fn);
  return fn;
}

function marker(fileIndex: number, line: number): string {
  return `${MARK_OPEN}${fileIndex}:${line}${MARK_CLOSE}`;
}

function countNewlines(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === '\n') n++;
  return n;
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
    const lexer = (Handlebars as unknown as { Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }).Parser?.lexer;
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

import { helperNames } from './helpers.js';

/*
 * How a template's literal text is tagged with where each output line came from, and the
 * options it is compiled with: shared by plangen at run time (src/template/handlebars-run.ts)
 * and by the build, which compiles the built-in templates ahead (scripts/build.mjs). Kept
 * free of Handlebars itself so the build can load it on its own.
 */

const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';

/** What the build writes where a file index goes (src/template/precompile.ts fills it in at run time). */
export const FILE_INDEX_SLOT = 'F';

export const compileOptions = {
  strict: true,
  knownHelpersOnly: true,
  // Values are escaped for Markdown before they reach the template, not for HTML.
  noEscape: true,
  knownHelpers: { ...Object.fromEntries(helperNames.map((h) => [h, true])), log: false, lookup: true },
} as const;

export interface Loc {
  readonly start: { readonly line: number; readonly column: number };
}
export interface AstNode {
  readonly type: string;
  readonly loc?: Loc;
  readonly [key: string]: unknown;
}

export function walk(node: unknown, visit: (n: AstNode) => void): void {
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
export function markLines(ast: unknown, fileIndex: number | typeof FILE_INDEX_SLOT): unknown {
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

function marker(fileIndex: number | typeof FILE_INDEX_SLOT, line: number): string {
  return `${MARK_OPEN}${fileIndex}:${line}${MARK_CLOSE}`;
}

function countNewlines(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === '\n') n++;
  return n;
}

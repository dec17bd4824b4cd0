import type { Heading, Nodes, Paragraph, RootContent } from 'mdast';
import type { Position } from 'unist';
import { parseMarkdown } from '../parse/parse-plan.js';
import type { LineSource } from './handlebars-run.js';

/** node.data as plangen uses it: `file` names the file a node's position is in (when not the plan). */
export interface NodeData {
  file?: string;
  baseDir?: string;
}

/** The node's `data` object, created when missing (so it can be written to). */
export function dataOf(node: Nodes): NodeData {
  const n = node as { data?: NodeData };
  n.data ??= {};
  return n.data;
}

/**
 * Copy a tree of plain data (mdast nodes, positions, data objects). Several times faster
 * than structuredClone on large trees, which matters for 500 KB plans.
 */
export function cloneTree<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneTree) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = cloneTree((value as Record<string, unknown>)[key]);
  return out as T;
}

/** Visit every node, depth first, parents before children. */
export function visitNodes(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const c of node.children as Nodes[]) visitNodes(c, visit);
}

/**
 * Parse the Markdown a template produced and move every position onto the template
 * line it came from (`lines[i]` for output line i + 1); each node names its file in
 * `data.file`. Columns are those of the output line (close, not exact, when values
 * were substituted before them).
 */
export function parseRendered(text: string, lines: readonly LineSource[]): RootContent[] {
  // The same template output (a skeleton's, or a section's for the same data) parses to the
  // same nodes: a batch's plans parse it once. Callers change what they get: a copy.
  if (text.length > RENDERED_PARSE_MAX_CHARS) return parseMapped(text, lines);
  const key = `${text}\u0000${lines.map((l) => `${l.file}:${l.line}`).join('\n')}`;
  const known = renderedParses.get(key);
  if (known) return cloneTree(known);
  const parsed = parseMapped(text, lines);
  if (renderedParses.size >= RENDERED_PARSES_KEPT) renderedParses.clear();
  renderedParses.set(key, parsed);
  return cloneTree(parsed);
}

// Per process; bounded, so a long batch of different plans holds no more than this many.
const renderedParses = new Map<string, RootContent[]>();
const RENDERED_PARSES_KEPT = 256;
const RENDERED_PARSE_MAX_CHARS = 64 * 1024;

function parseMapped(text: string, lines: readonly LineSource[]): RootContent[] {
  const root = parseMarkdown(text);
  visitNodes(root, (node) => {
    const n = node as { position?: Position };
    const pos = n.position;
    if (!pos) return;
    const start = lines[pos.start.line - 1];
    const end = lines[pos.end.line - 1] ?? start;
    if (!start) {
      delete n.position;
      return;
    }
    n.position = {
      start: { line: start.line, column: pos.start.column },
      end: { line: end && end.file === start.file ? end.line : start.line, column: pos.end.column },
    };
    dataOf(node).file = start.file;
  });
  return root.children;
}

/** A paragraph holding only `{{> name}}`: its name, else undefined. */
export function partialParagraphName(node: Nodes): string | undefined {
  if (node.type !== 'paragraph') return undefined;
  const only = (node as Paragraph).children;
  if (only.length !== 1 || only[0]?.type !== 'text') return undefined;
  return /^\s*\{\{>\s*([^\s{}]+)\s*\}\}\s*$/.exec(only[0].value)?.[1];
}

/** Move headings down (`##` under a `###` becomes `###`…), at most to `######`. */
export function shiftHeadings(nodes: readonly RootContent[], by: number): void {
  if (by === 0) return;
  for (const n of nodes) {
    visitNodes(n, (x) => {
      if (x.type === 'heading') (x as { depth: Heading['depth'] }).depth = Math.min(6, Math.max(1, x.depth + by)) as Heading['depth'];
    });
  }
}

/** The position of any node (document blocks have none of their own type). */
export function positionOf(node: Nodes): Position | undefined {
  return (node as { position?: Position }).position;
}

/** Plain text of a node (headings, paragraphs). */
export function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}


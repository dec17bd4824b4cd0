/**
 * The body as a flat list of blocks with their plain text, the unit the recognisers in
 * ./recognise.ts read. Headings that the pasted-text pass split into a run-in heading stay
 * one paragraph here: their documented form is the text as typed.
 */
import type { PhrasingContent, Root, RootContent } from 'mdast';
import type { Position } from 'unist';
import { INDENT } from '../parse/paste/markers.js';

export interface Block {
  readonly kind: 'heading' | 'para' | 'table' | 'other';
  readonly depth: number;
  /** Plain text, indent and line breaks removed. */
  readonly text: string;
  readonly node: RootContent;
  /** Where it came from: a line of a text file, or a paragraph's number in a DOCX. */
  readonly line: number;
  readonly column: number;
}

export function phrasingText(nodes: readonly PhrasingContent[]): string {
  let s = '';
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'inlineCode') s += n.value;
    else if (n.type === 'html') s += n.value;
    else if ('children' in n) s += phrasingText(n.children as PhrasingContent[]);
  }
  return s;
}

export function nodeText(node: RootContent): string {
  if (node.type === 'paragraph' || node.type === 'heading') return phrasingText(node.children).replace(INDENT, '').trim();
  if (node.type === 'table') return node.children.map((r) => r.children.map((c) => phrasingText(c.children)).join('\t')).join('\n');
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(nodeText).join('\n');
  return '';
}

/** `byParagraph`: a DOCX has no lines the clerk can find, so blocks are numbered instead. */
export function toBlocks(root: Root, byParagraph: boolean, lineOf: (line: number) => number = (l) => l): Block[] {
  return root.children.map((node, i) => {
    const at = (node as { position?: Position }).position?.start;
    const line = byParagraph ? i + 1 : lineOf(at?.line ?? 1);
    const column = byParagraph ? 1 : (at?.column ?? 1);
    const text = nodeText(node);
    if (node.type === 'heading') {
      const runIn = (node.data as { runIn?: number } | undefined)?.runIn !== undefined;
      if (runIn) return { kind: 'para', depth: 0, text, node: { type: 'paragraph', children: node.children, ...(node.position ? { position: node.position } : {}) }, line, column };
      return { kind: 'heading', depth: node.depth, text, node, line, column };
    }
    if (node.type === 'paragraph') return { kind: 'para', depth: 0, text, node, line, column };
    if (node.type === 'table') return { kind: 'table', depth: 0, text, node, line, column };
    return { kind: 'other', depth: 0, text, node, line, column };
  });
}

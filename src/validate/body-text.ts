import type { Heading, Nodes, Paragraph, Root, TableCell } from 'mdast';

/**
 * The prose of one block (paragraph, heading, table cell) as the clerk typed it, with a
 * file offset for every character, so text rules can point at the exact character.
 * Code, inline code, HTML, URLs and Handlebars expressions are replaced by MASK, so
 * no rule looks inside them, yet the text on either side never runs together.
 */
export interface TextBlock {
  readonly kind: 'paragraph' | 'heading' | 'tableCell';
  readonly node: Paragraph | Heading | TableCell;
  readonly text: string;
  /** offsets[i] is the file offset of text[i]; -1 for masked stand-ins. */
  readonly offsets: readonly number[];
}

/** Stands in for skipped content: not CJK, not a letter, not punctuation any rule looks for. */
export const MASK = '\uFFFC';

const HANDLEBARS = /\{\{[\s\S]*?\}\}/g;
// URLs, www. hosts and e-mail addresses: placeholders like xx inside them are not the clerk's.
const URLISH = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff“”‘’《》]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

/** Collect the prose blocks of a Markdown body, in document order. */
export function collectTextBlocks(body: Root, text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      const pieces: string[] = [];
      const offsets: number[] = [];
      for (const child of node.children) inline(child as Nodes, text, pieces, offsets);
      blocks.push({ kind: node.type, node, text: pieces.join(''), offsets });
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(body);
  return blocks;
}

function inline(node: Nodes, text: string, pieces: string[], offsets: number[]): void {
  switch (node.type) {
    case 'text': {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      // Raw source, not the decoded value: columns then match the file exactly.
      const raw = start !== undefined && end !== undefined ? text.slice(start, end) : node.value;
      const masked = mask(raw);
      // The node's text as one piece: a string per character cost a 500 KB plan 190,000 strings.
      pieces.push(masked);
      for (let i = 0; i < masked.length; i++) offsets.push(start === undefined ? -1 : start + i);
      return;
    }
    case 'link':
      // An autolinked URL is a link whose text is the URL itself: nothing to proofread.
      if (node.children.length === 1 && node.children[0]?.type === 'text' && isUrlText(node.children[0].value, node.url)) break;
      for (const c of node.children) inline(c as Nodes, text, pieces, offsets);
      return;
    case 'break':
      pieces.push('\n');
      offsets.push(node.position?.start.offset ?? -1);
      return;
    default:
      if ('children' in node) {
        for (const c of node.children) inline(c as Nodes, text, pieces, offsets);
        return;
      }
  }
  // inlineCode, html, image, footnote references …: one stand-in character.
  pieces.push(MASK);
  offsets.push(-1);
}

function isUrlText(value: string, url: string): boolean {
  return url === value || url.endsWith(value) || url === `mailto:${value}` || url === `http://${value}`;
}

/** Replace Handlebars expressions and URLs by MASK, keeping length (offsets stay valid). */
export function mask(raw: string): string {
  if (!raw.includes('{{') && !raw.includes('://') && !raw.includes('www.') && !raw.includes('@')) return raw;
  return raw.replace(HANDLEBARS, (m) => MASK.repeat(m.length)).replace(URLISH, (m) => MASK.repeat(m.length));
}

/** Headings of the body in document order (code, HTML and other blocks are not headings). */
export function collectHeadings(body: Root): Heading[] {
  const out: Heading[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'heading') out.push(node);
    else if ('children' in node) for (const c of node.children) visit(c as Nodes);
  };
  visit(body);
  return out;
}

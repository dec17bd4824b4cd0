import type { Emphasis, Nodes, Parent, PhrasingContent, Root, Strong, Text } from 'mdast';

/**
 * Blanks typed as `20**年` or `组长：___` are read by CommonMark (and the CJK-friendly
 * flanking rules) as emphasis: `20**年12月7日起至20**年` prints 年12月7日起至20 in bold with
 * the asterisks gone, and the placeholder check never sees them. A clerk never means
 * emphasis there, so such nodes are turned back into the text they were written as,
 * keeping every position:
 *
 * - a delimiter run glued to a digit on its outer side (`20**年`, `**3月**5`), since
 *   emphasis that starts or ends inside a number is a blank to fill, not a stress;
 * - emphasis around a lone date word (`**年**月**日`) or opening on a closing mark
 *   (`联系人：__，电话：__`, `（__）年`);
 * - an underscore run of three or more (`___`), the usual way to draw a fill-in line.
 */
export function literalizeBlankEmphasis(root: Root, text: string): void {
  // Most plans have no emphasis at all.
  if (!/[*_]/.test(text)) return;
  visit(root, text);
}

function visit(parent: Parent, text: string): void {
  let changed = false;
  for (let i = 0; i < parent.children.length; i++) {
    const child = parent.children[i] as Nodes;
    if ((child.type === 'strong' || child.type === 'emphasis') && isBlank(child, text)) {
      const start = child.position?.start.offset;
      const end = child.position?.end.offset;
      const first = child.children[0]?.position?.start.offset;
      const last = child.children[child.children.length - 1]?.position?.end.offset;
      if (start === undefined || end === undefined || first === undefined || last === undefined) continue;
      const opened = child.position!.start;
      const closed = child.children[child.children.length - 1]!.position!.end;
      const open = literal(text, opened, first);
      const close = literal(text, closed, end);
      (parent.children as PhrasingContent[]).splice(i, 1, open, ...child.children, close);
      changed = true;
      // Look at the opening literal's neighbours again: the inner nodes may be blanks too.
      i--;
      continue;
    }
    if ('children' in child) visit(child, text);
  }
  if (changed) mergeTexts(parent);
}

function isBlank(node: Strong | Emphasis, text: string): boolean {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return false;
  const mark = text[start];
  if (mark !== '*' && mark !== '_') return false;
  let before = start;
  while (before > 0 && text[before - 1] === mark) before--;
  let after = end;
  while (after < text.length && text[after] === mark) after++;
  if (isDigit(text[before - 1]) || isDigit(text[after])) return true;
  let openEnd = start;
  while (text[openEnd] === mark) openEnd++;
  let closeStart = end;
  while (closeStart > 0 && text[closeStart - 1] === mark) closeStart--;
  const inner = text.slice(openEnd, closeStart);
  // **年**月**日: the delimiters are the blanks and the date words lie between them.
  if (/^[年月日号时分秒]$/.test(inner)) return true;
  // 联系人：__，电话：__ or （__）年（__）月: emphasis that would open on a closing mark or
  // close on an opening one is two blanks, never a stress.
  if (/^[，。、；：？！）》」』】〕,.;:?!)\]]/.test(inner) || /[（《「『【〔(\[]$/.test(inner)) return true;
  return mark === '_' && (openEnd - before >= 3 || after - closeStart >= 3);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && /[0-9０-９]/.test(ch);
}

/**
 * A text node for the delimiter run from `at` to `to`. Delimiters never span lines, so the
 * end column follows from the start's; no scanning of the (possibly very long) line.
 */
function literal(text: string, at: { line: number; column: number; offset?: number | undefined }, to: number): Text {
  const from = at.offset ?? to;
  return {
    type: 'text',
    value: text.slice(from, to),
    position: {
      start: { line: at.line, column: at.column, offset: from },
      end: { line: at.line, column: at.column + (to - from), offset: to },
    },
  };
}

/** Join neighbouring text nodes, so rules and the writer see `20**年` as one run. */
function mergeTexts(parent: Parent): void {
  const out: Nodes[] = [];
  for (const child of parent.children as Nodes[]) {
    const prev = out[out.length - 1];
    if (prev?.type === 'text' && child.type === 'text' && prev.position && child.position && prev.position.end.offset === child.position.start.offset) {
      prev.value += child.value;
      prev.position = { start: prev.position.start, end: child.position.end };
      continue;
    }
    out.push(child);
  }
  (parent as { children: Nodes[] }).children = out;
}

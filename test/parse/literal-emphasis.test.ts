import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/parse/parse-plan.js';

/** The first paragraph's inline nodes as `type:text` (text as the nodes hold it). */
function inline(markdown: string): string[] {
  const p = parseMarkdown(markdown).children[0];
  if (p?.type !== 'paragraph') return [];
  const text = (n: Nodes): string => ('value' in n ? n.value : 'children' in n ? (n.children as Nodes[]).map(text).join('') : '');
  return p.children.map((n) => `${n.type}:${text(n)}`);
}

describe('blanks are not emphasis', () => {
  it.each([
    ['20**年12月7日起至20**年', ['text:20**年12月7日起至20**年']],
    ['组长：___，副组长：___', ['text:组长：___，副组长：___']],
    ['联系人：__，电话：__', ['text:联系人：__，电话：__']],
    ['于**年**月**日', ['text:于**年**月**日']],
    ['（__）年（__）月', ['text:（__）年（__）月']],
  ])('%s stays text', (md, expected) => {
    expect(inline(md)).toEqual(expected);
  });

  it.each([
    ['**重点**工作', ['strong:重点', 'text:工作']],
    ['共**3**人', ['text:共', 'strong:3', 'text:人']],
    ['**“两个确保”**要落实', ['strong:“两个确保”', 'text:要落实']],
  ])('%s stays emphasis', (md, expected) => {
    expect(inline(md)).toEqual(expected);
  });

  it('keeps file positions on the literal text', () => {
    const p = parseMarkdown('前文\n\n自20**年起').children[1];
    expect(p?.type === 'paragraph' && p.children.map((n) => [n.position?.start.offset, n.position?.end.offset, n.position?.start.column])).toEqual([[4, 11, 1]]);
  });
});

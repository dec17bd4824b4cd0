import { describe, expect, it } from 'vitest';
import type { Nodes } from 'mdast';
import { escapeMarkdown, unescapeMarkdown } from '../../src/template/markdown-escape.js';
import { expandPlan, outline, planText } from './support.js';

/** Every node type in a tree. */
function types(nodes: readonly unknown[]): Set<string> {
  const out = new Set<string>();
  const visit = (n: Nodes) => {
    out.add(n.type);
    if ('children' in n) (n.children as Nodes[]).forEach(visit);
  };
  (nodes as Nodes[]).forEach(visit);
  return out;
}

const hostile = ['A*B|C', '<b>粗</b>', '[点我](http://x.invalid)', '_斜_', '`码`', '# 标题', '1. 列表', '> 引用', '&amp;', '\\', '![图](x.png)', '~~删~~', '{{title}}'];

describe('values are escaped for Markdown, not HTML', () => {
  it.each(hostile)('%s survives literally', (value) => {
    expect(unescapeMarkdown(escapeMarkdown(value))).toBe(value);
  });

  it('hostile values in partials come out literally: no emphasis, links, HTML, code or tables', async () => {
    const q = (s: string) => JSON.stringify(s);
    const fm = [
      `title: ${q('方案')}`,
      `leaders: { group: ${q('<b>领导</b>小组')}, members: [{ role: ${q('组*长')}, name: [${q('[王](x)')}, ${q('_李_')}], post: ${q('`书记`')} }] }`,
      `targets: [{ name: ${q('达标率|A')}, op: ">=", value: 98, unit: ${q('A*B|C')} }]`,
      `duties: [{ unit: ${q('**平安办**')}, tasks: [${q('# 检查')}, ${q('1. 汇总')}] }]`,
    ].join('\n');
    const r = await expandPlan(planText(fm, '正文。\n'));
    expect(r.diagnostics).toEqual([]);
    const lines = outline(r.tree!.children);
    expect(lines).toContain('p 成立<b>领导</b>小组，成员如下：');
    expect(lines).toContain('p 组*长：[王](x)、_李_（`书记`）');
    expect(lines).toContain('p 达标率|A达到98A*B|C以上。');
    expect(lines).toContain('p **平安办**：# 检查；1. 汇总。');
    const found = types(r.tree!.children);
    for (const t of ['emphasis', 'link', 'html', 'inlineCode', 'table', 'list', 'delete']) expect(found.has(t)).toBe(false);
  });

  it('in a table a | in a value stays in its cell', async () => {
    const units = Array.from({ length: 7 }, (_, i) => `  - { unit: "单位${i}|甲", tasks: ["任务*${i}*"] }`).join('\n');
    const r = await expandPlan(planText(`title: 方案\nduties:\n${units}`, '正文。\n'));
    const table = r.tree!.children.find((n) => n.type === 'table');
    expect(table && table.type === 'table' && table.children[1]!.children.length).toBe(2);
    expect(outline([table!])[0]).toContain('单位0|甲|任务*0*');
  });

  it('document block texts get the raw value back, not its escaped form', async () => {
    const r = await expandPlan(planText('title: 关于A*B_C的方案\ntemplate: notice', '正文。\n'));
    expect(r.tree!.children[0]).toEqual({ type: 'docTitle', text: '关于印发《A*B_C的方案》的通知' });
  });

  it('the body can print literal braces with a doubled backslash', async () => {
    const r = await expandPlan(planText('title: 方案', '写法：\\\\{{title}}，值：{{title}}。\n'));
    expect(outline(r.tree!.children)).toContain('p 写法：{{title}}，值：方案。');
  });

  it('a multi-line value cannot start a block of its own', async () => {
    const r = await expandPlan(planText('title: 方案\nleaders: { group: "领导小组\\n\\n# 假标题" }', '正文。\n'));
    expect(outline(r.tree!.children).filter((l) => l.startsWith('h'))).toEqual(['h2 组织领导']);
  });
});

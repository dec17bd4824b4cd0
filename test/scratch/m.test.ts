import { it } from 'vitest';
import { parseMarkdown } from '../../src/parse/parse-plan.js';
const show = (n: any, d = 0): string => '  '.repeat(d) + n.type + (n.value !== undefined ? ' ' + JSON.stringify(n.value) : '') + (n.position ? ` @${n.position.start.offset}-${n.position.end.offset}` : '') + '\n' + (n.children ?? []).map((c: any) => show(c, d + 1)).join('');
it('x', () => {
  for (const t of ['20**年12月7日起至20**年', '____年____月____日', '联系电话：________', '组长：___，副组长：___', '20__年__月__日', '于20＿＿年完成', '**重点**工作，共**3**人', '时间：** **', '各单位**务必**于2024年3月1日前报送']) console.log(t + '\n' + show(parseMarkdown(t)));
});

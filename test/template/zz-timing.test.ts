import { it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';
it('timing', async () => {
  const rows = Array.from({ length: 108 }, (_, i) => `某某单位${i}负责某某工作；负责另一项工作；汇总上报情况。`).join('\n\n');
  const procs = { plain: unified().use(remarkParse), gfm: unified().use(remarkParse).use(remarkGfm), cjk: unified().use(remarkParse).use(remarkCjkFriendly), both: unified().use(remarkParse).use(remarkGfm).use(remarkCjkFriendly) };
  for (const [label, p] of Object.entries(procs)) {
    for (let i = 0; i < 3; i++) { const t = performance.now(); p.parse(rows); console.log(label, (performance.now() - t).toFixed(1)); }
  }
});

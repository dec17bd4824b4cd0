import type { Nodes, Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, parsePlan, parseWritten } from '../../src/parse/parse-plan.js';
import { literalizeBlankEmphasis } from '../../src/parse/literal-emphasis.js';
import { makeSource } from '../../src/read/source.js';

/*
 * GFM's literal autolink constructs are left out of the parse of a text without `@`,
 * `www.` or `http(s)://`, and its transform runs only on trees with `@`, `://` or `www.` in
 * a text node (docs/performance.md, "batch: third pass"). Every tree must come out as
 * remark-gfm alone makes it.
 */
const reference = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkCjkFriendly).freeze();
const referenceWritten = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkCjkFriendly)
  .use(function noIndentedCode() {
    const data = this.data() as { micromarkExtensions?: unknown[] };
    (data.micromarkExtensions ??= []).push({ disable: { null: ['codeIndented'] } });
  })
  .freeze();

function referenceParse(text: string): Root {
  const root = reference.parse(text) as Root;
  literalizeBlankEmphasis(root, text);
  return root;
}

const links = (node: Nodes): string[] => [...(node.type === 'link' ? [node.url] : []), ...('children' in node ? (node.children as Nodes[]).flatMap(links) : [])];

const cases: [string, string, string[]][] = [
  ['www', '详见 www.example.com 网站。', ['http://www.example.com']],
  ['upper-case WWW', '详见WWW.EXAMPLE.COM。', []],
  ['http', '网址：https://gov.example.cn/notice?id=1 。', ['https://gov.example.cn/notice?id=1']],
  ['email', '联系邮箱 office@example.cn 。', ['mailto:office@example.cn']],
  ['mailto', '发送至 mailto:office@example.cn 即可', ['mailto:office@example.cn']],
  ['xmpp', 'xmpp:duty@example.cn/desk', ['mailto:duty@example.cn']],
  ['an escaped dot', 'www\\.example.com', []],
  ['a character reference for @', 'office&#64;example.cn', []],
  ['inside emphasis', '请访问 *www.example.com* 查看', []],
  ['in a table', '| 单位 | 邮箱 |\n| --- | --- |\n| 办公室 | a@example.cn |', ['mailto:a@example.cn']],
  ['an explicit link', '[通知](https://example.cn) 与 www.example.org', ['https://example.cn', 'http://www.example.org']],
  ['a time with a colon', '上午9:00开始，下午5:30结束。', []],
  ['no candidates at all', '一、总体要求\n\n坚持以人民为中心，20**年完成。', []],
  ['letters and digits but no candidate', 'GB/T 9704-2012 第3.2条，A4 纸，2025年6月3日 9:00，user_name-1.2', []],
  ['an email without its domain dot', '联系 a@b 即可', []],
  ['www without a dot', 'wwwexample 与 http:/x', []],
];

describe('literal autolinks', () => {
  it.each(cases)('%s: the same tree as remark-gfm alone', (_name, text) => {
    expect(parseMarkdown(text)).toEqual(referenceParse(text));
  });

  it('still become links where remark-gfm makes them', () => {
    for (const [name, text, urls] of cases) {
      const want = links(referenceParse(text));
      expect(links(parseMarkdown(text)), name).toEqual(want);
      if (urls.length > 0) expect(want, name).toEqual(expect.arrayContaining(urls));
    }
    expect(links(parseMarkdown('详见 www.example.com 网站。'))).toEqual(['http://www.example.com']);
  });

  const examples = readdirSync(path.resolve(__dirname, '../../examples')).filter((f) => f.endsWith('.md'));
  it.each(examples)('examples/%s: the same trees as remark-gfm alone', (name) => {
    const text = readFileSync(path.resolve(__dirname, '../../examples', name), 'utf8');
    expect(parseMarkdown(text)).toEqual(referenceParse(text));
    const written = referenceWritten.parse(text) as Root;
    literalizeBlankEmphasis(written, text);
    expect(parseWritten(makeSource(name, text)).root).toEqual(written);
  });

  it('in a plan body', () => {
    const text = '---\ntitle: 方案\n---\n联系邮箱 office@example.cn，网址 https://example.cn/a 。\n';
    const body = parsePlan(makeSource('plan.md', text)).body;
    expect(links(body)).toEqual(['mailto:office@example.cn', 'https://example.cn/a']);
  });
});

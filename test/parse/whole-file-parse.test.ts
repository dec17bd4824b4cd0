import { isDeepStrictEqual } from 'node:util';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';
import { parseDocument, type Document } from 'yaml';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { bodyStart, parsePlan } from '../../src/parse/parse-plan.js';
import { sectionCuts } from '../../src/parse/sections.js';
import { literalizeBlankEmphasis } from '../../src/parse/literal-emphasis.js';
import { pasteStructure } from '../../src/parse/paste/index.js';
import { makeSource } from '../../src/read/source.js';

/*
 * parsePlan's fast paths (the body after the front matter parsed alone, a long body parsed
 * a section at a time, parsers without constructs the text cannot use) promise the result
 * of one plain parse of the whole file, as the parse was before them: remark-parse,
 * remark-frontmatter, remark-gfm and remark-cjk-friendly with indented code switched off,
 * then the same two passes over the tree. This compares the two on generated plans.
 */
function noIndentedCode(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push({ disable: { null: ['codeIndented'] } });
}
const plain = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkCjkFriendly).use(noIndentedCode).freeze();

function wholeFileParse(text: string) {
  const source = makeSource('plan.md', text);
  const body = plain.parse(text) as Root;
  literalizeBlankEmphasis(body, text);
  const paste = pasteStructure(body, source);
  const first = body.children[0];
  if (first?.type !== 'yaml') return { body, paste, yaml: null };
  body.children.shift();
  const doc = parseDocument(first.value, { prettyErrors: false, strict: true, uniqueKeys: true });
  return { body, paste, yaml: { offset: text.indexOf('\n') + 1, end: first.position?.end.offset, js: js(doc), errors: doc.errors.map((e) => [e.code, e.pos]), range: doc.contents?.range } };
}

/** The document's data, or why yaml cannot give it (an alias to no anchor). */
function js(doc: Document): unknown {
  try {
    return doc.toJS();
  } catch (e) {
    return String(e);
  }
}

function fastParse(text: string) {
  const plan = parsePlan(makeSource('plan.md', text));
  if (plan.refused) return undefined;
  const doc = plan.yaml?.doc;
  const yaml = plan.yaml && doc ? { offset: plan.yaml.offset, end: plan.yaml.end, js: js(doc), errors: doc.errors.map((e) => [e.code, e.pos]), range: doc.contents?.range } : null;
  return { body: plan.body, paste: plan.paste, yaml };
}

/** A small seeded generator (mulberry32), so every run tries the same plans. */
function random(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const FRONT = ['', '---\ntitle: 关于印发方案的通知\n---\n', '---\ntitle: 方案\nissuer: 某单位\n---  \n', '---\n---\n', '---\na: [1\n---\n', '---\ntitle: 方案\n'];
const PIECES = [
  '第一句。\n第二句。\n', '一、总体要求\n', '（一）加强组织领导。成立工作专班。\n', '1. 编号\n', '  续行\n', '正文内容，2024年1月1日起实施。\n',
  '# 一、总体要求\n', '## （二）工作目标\n', '#标题\n', ' # 缩进标题\n', '\n', '\n', '\n',
  '- 列表项\n', '* 星号项\n', '> 引用\n', '> > 二层引用\n', '    缩进一行\n', '\t制表开头\n',
  '| 项目 | 时间 |\n| --- | --- |\n| 检查 | 20**年 |\n', '项目 数量\n:--\n', '姓名\t单位\t电话\n张三\t某局\t123\n',
  '<!-- 注释 -->\n', '<!--\n', '-->\n', '<pre>\n', '</pre>\n', '<?x\n', '?>\n', '<![CDATA[\n', ']]>\n', '<div>\n', '</div>\n', '<br>\n', 'x<!--\n',
  '- <!--\n', '1. <pre>\n', '> <?php\n', '- > <!--\n', '* <script>\n', '</script>\n', 'x\r<!--\n', '正文\r第二行\n',
  '见 www.gov.cn 和 a@b.cn\n', 'https://example.org/a\n', '&#64;x.cn\n', '[链接](http://a.cn)\n', '**粗体**与*强调*\n', '组长：___\n', '**粗体\n',
  '***\n', '---\n', '===\n', '~~删除~~\n', '\\\n', '```\n',
];
const PASTED = ['第一句。\n', '第二句没有句号\n', '一、指导思想\n', '（一）加强组织领导。成立专班。\n', '1. 第一项\n', '　　全角空格开头的一段。\n', '    缩进的一段。\n'];
const FILLER = '这是正文内容，用于测试分段解析。工作要求落实到位，责任明确到人。\n\n';

function plan(next: (n: number) => number, long: boolean): string {
  let text = FRONT[next(FRONT.length)]!;
  // Text straight under the closing fence, or after a blank line; often lines pasted one
  // paragraph to a line, above the first heading.
  if (next(2) === 0) text += '\n';
  if (next(2) === 0) {
    for (let k = 1 + next(3); k > 0; k--) text += PASTED[next(PASTED.length)]!;
    if (next(2) === 0) text += '\n';
    text += '# 一、总体要求\n';
  }
  const size = long ? 33_000 + next(4_000) : next(600);
  while (text.length < size) {
    // A long body: sections long enough to be cut at, and a few odd lines in each.
    if (long) text += `\n# 第${next(100)}节\n\n${FILLER.repeat(200 + next(60))}`;
    for (let k = long ? next(2) + next(2) : 1; k > 0; k--) text += PIECES[next(PIECES.length)]!;
  }
  const ending = next(10);
  if (ending === 0) text = text.replace(/\n/g, '\r\n');
  if (ending === 1) text = text.replace(/\n/g, '\r');
  if (next(20) === 0) text = `\ufeff${text}`;
  return text;
}

describe('parsePlan gives what one plain parse of the whole file gives', () => {
  it('for a few hundred generated plans, short and long (cut into sections)', () => {
    const next = random(13);
    let compared = 0;
    let cut = 0;
    const differ: string[] = [];
    for (let i = 0; i < 300; i++) {
      const text = plan(next, i % 15 === 0);
      const fast = fastParse(text);
      if (!fast) continue;
      compared++;
      if (sectionCuts(text, bodyStart(text)).length > 0) cut++;
      // JSON: the trees as plain data (a position's missing offset and an undefined one are alike).
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(fast)), JSON.parse(JSON.stringify(wholeFileParse(text))))) differ.push(JSON.stringify(text.slice(0, 120)));
    }
    expect(differ).toEqual([]);
    // The comparison means something only if most plans were parsed and some long ones cut.
    expect(compared).toBeGreaterThan(250);
    expect(cut).toBeGreaterThan(5);
  }, 120_000);
});

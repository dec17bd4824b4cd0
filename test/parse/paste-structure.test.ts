import fc from 'fast-check';
import type { Heading, Nodes, Root, Table, Text } from 'mdast';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, parseWritten } from '../../src/parse/parse-plan.js';
import { isHeadingLike, runInHeadLength, startsWithNumbering, typedMarker } from '../../src/parse/paste/markers.js';
import { makeSource } from '../../src/read/source.js';

function parse(text: string) {
  const source = makeSource('p.md', text);
  return { source, ...parseWritten(source) };
}

function texts(node: Nodes): Text[] {
  if (node.type === 'text') return [node];
  return 'children' in node ? (node.children as Nodes[]).flatMap(texts) : [];
}

function shape(root: Root): string[] {
  return root.children.map((n) => {
    const t = texts(n).map((x) => x.value).join('');
    if (n.type === 'heading') return `h${n.depth}${n.data?.runIn !== undefined ? '+' : ''} ${t}`;
    if (n.type === 'table') return `table ${n.children.map((r) => r.children.map((c) => texts(c).map((x) => x.value).join('')).join('|')).join('/')}`;
    return `${n.type} ${t}`;
  });
}

describe('markers', () => {
  it.each([
    ['一、总体要求', 1, '一、'],
    ['十二．其他', 1, '十二．'],
    ['（一）组织领导', 2, '（一）'],
    ['(三)工作措施', 2, '(三)'],
    ['1. 准备', 3, '1.'],
    ['2、动员', 3, '2、'],
    ['12．总结', 3, '12．'],
    ['（1）入户', 4, '（1）'],
    ['(10)走访', 4, '(10)'],
    ['\u3000\u3000一、缩进的标题', 1, '一、'],
  ])('%s is level %i', (line, level, text) => {
    expect(typedMarker(line)).toEqual({ level, text });
  });

  it.each(['2025年工作要点', '3.5万元', '100、', '第一阶段：动员', '一是加强领导', '①排查', '某某社区'])('%s implies no heading level', (line) => {
    expect(typedMarker(line)).toBeUndefined();
  });

  it('第一阶段 and ① start paragraphs without being headings', () => {
    expect(startsWithNumbering('第一阶段：动员部署')).toBe(true);
    expect(startsWithNumbering('第二步，整改')).toBe(true);
    expect(startsWithNumbering('②停车位')).toBe(true);
    expect(startsWithNumbering('第一书记负责')).toBe(false);
    expect(startsWithNumbering('各社区要')).toBe(false);
  });

  it('heading-like: short, no sentence punctuation, no trailing comma or colon', () => {
    expect(isHeadingLike('指导思想')).toBe(true);
    expect(isHeadingLike('提高认识，加强领导')).toBe(true);
    expect(isHeadingLike('加强组织领导。')).toBe(false);
    expect(isHeadingLike('工作要求如下：')).toBe(false);
    expect(isHeadingLike('各社区要，')).toBe(false);
    expect(isHeadingLike('一'.repeat(31))).toBe(false);
    expect(isHeadingLike('')).toBe(false);
  });

  it('run-in head: the first sentence, short, ending in 。', () => {
    expect(runInHeadLength('加强组织领导。成立专班。')).toBe(7);
    expect(runInHeadLength('各社区要于每月5日前将上月排查情况报送街道安监办，逾期未报的予以通报。')).toBe(0);
    expect(runInHeadLength('工作要求：各社区要认真。')).toBe(0);
    expect(runInHeadLength('没有句号')).toBe(0);
  });
});

describe('paste structure', () => {
  it('splits after 。！？；： and before numbered or indented lines; joins other breaks', () => {
    const { root } = parse('甲句。\n乙句！\n丙句；\n丁句：\n戊句，\n己句\n第一阶段：庚\n辛\n\u3000\u3000壬');
    expect(shape(root)).toEqual(['paragraph 甲句。', 'paragraph 乙句！', 'paragraph 丙句；', 'paragraph 丁句：', 'paragraph 戊句，\n己句', 'paragraph 第一阶段：庚\n辛', 'paragraph 壬']);
  });

  it('in a body written in Markdown (with # headings) one sentence a line stays one paragraph', () => {
    const { root, paste } = parse('## 工作要求\n\n各社区要高度重视，认真组织实施。\n工作中遇到的问题，及时报告街道；\n不得迟报、漏报。');
    expect(shape(root)).toEqual(['h2 工作要求', 'paragraph 各社区要高度重视，认真组织实施。\n工作中遇到的问题，及时报告街道；\n不得迟报、漏报。']);
    expect(paste).toEqual([]);
  });

  it('…but a paragraph there that shows pasting (a numbered, indented or table line, no blank line around it) is cut at sentence ends', () => {
    expect(shape(parse('## 措施\n\n甲句。\n乙句。\n（一）丙项\n丁句。').root)).toEqual(['h2 措施', 'paragraph 甲句。', 'paragraph 乙句。', 'h3 （一）丙项', 'paragraph 丁句。']);
    expect(shape(parse('## 措施\n\n甲句。\n乙句。\n\u3000\u3000丙句。').root)).toEqual(['h2 措施', 'paragraph 甲句。', 'paragraph 乙句。', 'paragraph 丙句。']);
    // `##` added in front of a pasted heading line, with no blank line under it.
    expect(shape(parse('## 一、指导思想\n甲句。\n乙句。').root)).toEqual(['h2 一、指导思想', 'paragraph 甲句。', 'paragraph 乙句。']);
  });

  it('a run-in head wrapped before its body keeps exact positions for the body', () => {
    const { root, source } = parse('## 措施\n\n（一）加强组织领导。\n成立工作专班。');
    const h = root.children[1] as Heading;
    expect(h.data?.runIn).toBe(1);
    const body = texts(h)[1]!;
    expect(body.value).toBe('成立工作专班。');
    expect(body.position?.start).toMatchObject({ line: 4, column: 1 });
    expect(source.text.slice(body.position!.start.offset, body.position!.end.offset)).toBe('成立工作专班。');
  });

  it('trailing spaces (a hard break) split like a line break; a kept one stays; a backslash break is meant', () => {
    const { root } = parse('甲句。  \n乙句  \n丙句\\\n丁句。\n\u3000\u3000戊句');
    expect(shape(root)).toEqual(['paragraph 甲句。', 'paragraph 乙句丙句丁句。', 'paragraph 戊句']);
    const second = root.children[1];
    expect(second?.type === 'paragraph' && second.children.filter((c) => c.type === 'break')).toHaveLength(2);
  });

  it('no-break spaces indent like ideographic ones; Word bullets and ⑴ start paragraphs', () => {
    expect(shape(parse('甲\n\u00a0\u00a0乙\n•\t丙\n⑴丁').root)).toEqual(['paragraph 甲', 'paragraph 乙', 'paragraph •\t丙', 'paragraph ⑴丁']);
  });

  it('a sentence end followed by a closing quote or bracket still ends the paragraph', () => {
    expect(shape(parse('他说：“好。”\n下一段（见附件。）\n再下一段').root)).toHaveLength(3);
  });

  it('keeps file positions exact for every piece of a split paragraph', () => {
    const text = '前言。\n\u3000\u3000请xx社区报送。\n\t第三行xx';
    const { root, source } = parse(text);
    const nodes = texts(root);
    expect(nodes.map((n) => n.value)).toEqual(['前言。', '请xx社区报送。', '第三行xx']);
    for (const n of nodes) expect(source.text.slice(n.position!.start.offset, n.position!.end.offset)).toBe(n.value);
    expect(nodes[1]!.position!.start).toMatchObject({ line: 2, column: 3 });
    expect(nodes[2]!.position!.start).toMatchObject({ line: 3, column: 2 });
  });

  it('indented lines are paragraphs, not code; templates keep CommonMark', () => {
    expect(shape(parse('\t缩进一个 Tab\n\n    四个空格\n\n\u3000\u3000全角空格').root)).toEqual(['paragraph 缩进一个 Tab', 'paragraph 四个空格', 'paragraph 全角空格']);
    expect(parseMarkdown('段落\n\n    代码').children[1]?.type).toBe('code');
  });

  it('notes fenced code, with ``` and ~~~, inside quotes and lists too', () => {
    const { paste } = parse('```\n代码\n```\n\n> ~~~\n> 引用里\n> ~~~\n\n- ```\n  列表里\n  ```\n');
    expect(paste.map((n) => [n.ruleId, n.start])).toEqual([
      ['code-fence', 0],
      ['code-fence', 14],
      ['code-fence', 33],
    ]);
  });

  it('tab- and space-separated lines become a table with cell positions', () => {
    const text = '名单如下：\n姓名\t职务\n王某某\t组长\n李某某    副组长\n请核对。';
    const { root, paste, source } = parse(text);
    expect(shape(root)).toEqual(['paragraph 名单如下：', 'table 姓名|职务/王某某|组长/李某某|副组长', 'paragraph 请核对。']);
    const table = root.children[1] as Table;
    const cell = table.children[2]!.children[1]!;
    expect(source.text.slice(cell.position!.start.offset, cell.position!.end.offset)).toBe('副组长');
    expect(paste).toMatchObject([{ ruleId: 'pasted-table', args: { rows: 3, cells: 2 } }]);
    expect(paste[0]!.detail).toBe('| 姓名 | 职务 |\n| --- | --- |\n| 王某某 | 组长 |\n| 李某某 | 副组长 |');
  });

  it('lines with different cell counts are no table', () => {
    expect(shape(parse('甲\t乙\n丙\t丁\t戊').root)[0]).toBe('paragraph 甲\t乙\n丙\t丁\t戊');
  });

  it('short numbered paragraphs become headings of their marker’s level', () => {
    const { root, paste } = parse('一、总体要求\n（一）组织\n1、准备\n（1）入户\n');
    expect(shape(root)).toEqual(['h2 一、总体要求', 'h3 （一）组织', 'h4 1、准备', 'h5 （1）入户']);
    expect(paste.map((n) => [n.ruleId, n.args['level']])).toEqual([
      ['heading-unmarked', 1],
      ['heading-unmarked', 2],
      ['heading-unmarked', 3],
      ['heading-unmarked', 4],
    ]);
  });

  it('a marker alone on a line stays text', () => {
    expect(shape(parse('（一）\n\n二、').root)).toEqual(['paragraph （一）', 'paragraph 二、']);
  });

  it('numbered paragraphs inside quotes and lists stay paragraphs', () => {
    expect(shape(parse('> 一、引用里的序号').root)[0]).toBe('blockquote 一、引用里的序号');
  });

  it('a run-in heading keeps the head and the body in one node, cut at the first 。', () => {
    const { root } = parse('（一）加强组织领导。成立专班，明确分工。');
    const h = root.children[0] as Heading;
    expect(shape(root)).toEqual(['h3+ （一）加强组织领导。成立专班，明确分工。']);
    expect(h.data?.runIn).toBe(1);
    expect(texts(h).map((t) => t.value)).toEqual(['（一）加强组织领导。', '成立专班，明确分工。']);
  });

  it('a run-in head may end inside emphasis', () => {
    const h = parse('2、加强**宣传培训**。利用宣传栏。').root.children[0] as Heading;
    expect(h.data?.runIn).toBe(3);
  });

  it('a 1. item followed by text is a heading; a list of short items stays a list', () => {
    const { root } = parse('1. 工作目标\n通过努力，明显提高。\n\n活动有：\n\n1. 讲座\n2. 义诊\n');
    expect(shape(root)).toEqual(['h4 工作目标', 'paragraph 通过努力，明显提高。', 'paragraph 活动有：', 'list 讲座义诊']);
  });

  it('lines pasted under a list item without indent that start paragraphs leave the list', () => {
    const { root, paste } = parse('1. 按时报送。\n2. 注意安全。\n七、经费保障\n（1）经费由街道安排，专款专用。');
    expect(shape(root)).toEqual(['list 按时报送。注意安全。', 'h2 七、经费保障', 'h5+ （1）经费由街道安排，专款专用。']);
    expect(paste.map((n) => n.ruleId)).toEqual(['heading-unmarked']);
  });

  it('continuation lines aligned under a list item or in a quote stay in their paragraph', () => {
    expect(shape(parse('- 甲项内容\n    接着写\n\n> 引用内容\n>     接着写').root)).toEqual(['list 甲项内容\n接着写', 'blockquote 引用内容\n接着写']);
  });

  it('warns about a short line joined to the next, not about evenly wrapped lines', () => {
    expect(parse('工作目标\n通过集中排查和宣传教育，辖区居民用电安全意识明显增强。').paste.map((n) => n.ruleId)).toEqual(['line-joined']);
    expect(parse('各社区要结合实际\n认真组织实施。').paste).toEqual([]);
  });

  it('leaves plans written in Markdown as they were (every example parses to the same tree)', () => {
    const dir = new URL('../../examples/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      const { root, paste } = parse(text);
      expect(paste, f).toEqual([]);
      expect(root, f).toEqual(parseMarkdown(text));
    }
  });

  const piece = fc.constantFrom('一、', '（二）', '3、', '（4）', '第一阶段：', '①', '指导思想', '各社区要', '加强领导。', '，', '；', '\n', '\n\n', '\t', '  ', '    ', '\u3000', 'ab ', 'x');

  it('never loses or duplicates text, and never throws', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const { root } = parse(text);
        const strip = (s: string) => s.replace(/[\s\u3000]/g, '');
        expect(strip(texts(root).map((t) => t.value).join(''))).toBe(strip(text));
      }),
      { numRuns: 400 },
    );
  });
});

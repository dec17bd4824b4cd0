import { describe, expect, it } from 'vitest';
import { check, plan, triples } from './helpers.js';

type Case = readonly [name: string, text: string, expected: Array<[number, number]>];

/** Each rule as a table: valid texts report nothing for the rule, invalid ones at exact places. */
const table: Record<string, readonly Case[]> = {
  'impossible-date': [
    ['real date', plan('date: 2025-06-03'), []],
    ['leap day', plan('date: 2024-02-29'), []],
    ['30 February', plan('date: 2025-02-30'), [[3, 7]]],
    ['month 13 in a phase', plan('phases:\n  - { name: 甲, start: 2025-13-01 }'), [[4, 23]]],
    ['quoted deadline', plan('targets:\n  - { name: 率, value: 1, by: "2025-04-31" }'), [[4, 30]]],
    ['printed', plan('printed: 2023-02-29'), [[3, 10]]],
    ['month 13 written alone', plan('phases:\n  - { name: 甲, end: 2025-13 }'), [[4, 21]]],
    ['a real month alone', plan('phases:\n  - { name: 甲, end: 2025-12 }'), []],
  ],
  'phase-end-before-start': [
    ['in order', plan('phases:\n  - { name: 甲, start: 2025-06-05, end: 2025-06-15 }'), []],
    ['same day', plan('phases:\n  - { name: 甲, start: 2025-06-05, end: 2025-06-05 }'), []],
    ['reversed', plan('phases:\n  - { name: 甲, start: 2025-06-15, end: 2025-06-05 }'), [[4, 40]]],
    ['a day inside the end month', plan('phases:\n  - { name: 甲, start: 2025-10-15, end: 2025-10 }'), []],
    ['one month', plan('phases:\n  - { name: 甲, start: 2025-10, end: 2025-10 }'), []],
    ['end month before the start day', plan('phases:\n  - { name: 甲, start: 2025-10-15, end: 2025-09 }'), [[4, 40]]],
  ],
  'phase-order': [
    ['ordered, deadline only last', plan('phases:\n  - { name: 甲, start: 2025-06-05, end: 2025-06-15 }\n  - { name: 乙, end: 2025-08-31 }'), []],
    ['second starts earlier', plan('phases:\n  - { name: 甲, start: 2025-06-05 }\n  - { name: 乙, start: 2025-06-01 }'), [[5, 23]]],
    ['deadline before previous start', plan('phases:\n  - { name: 甲, start: 2025-06-05 }\n  - { name: 乙, end: 2025-05-01 }'), [[5, 21]]],
    ['months in order', plan('phases:\n  - { name: 甲, start: 2025-06, end: 2025-07 }\n  - { name: 乙, start: 2025-08 }'), []],
    ['a month before the previous day', plan('phases:\n  - { name: 甲, start: 2025-06-05 }\n  - { name: 乙, start: 2025-05 }'), [[5, 23]]],
    ['a month deadline counts from its last day', plan('phases:\n  - { name: 甲, start: 2025-06-05 }\n  - { name: 乙, end: 2025-06 }'), []],
  ],
  'phase-overlap': [
    ['adjacent', plan('phases:\n  - { name: 甲, start: 2025-06-05, end: 2025-06-15 }\n  - { name: 乙, start: 2025-06-16 }'), []],
    ['overlapping', plan('phases:\n  - { name: 甲, start: 2025-06-05, end: 2025-06-15 }\n  - { name: 乙, start: 2025-06-10, end: 2025-06-20 }'), [[5, 23]]],
    ['out of order is not also overlap', plan('phases:\n  - { name: 甲, start: 2025-06-05, end: 2025-06-15 }\n  - { name: 乙, start: 2025-06-01 }'), []],
    ['month end, next month start', plan('phases:\n  - { name: 甲, end: 2025-10 }\n  - { name: 乙, start: 2025-11 }'), []],
    ['10月底 runs past the 15th', plan('phases:\n  - { name: 甲, start: 2025-09-01, end: 2025-10 }\n  - { name: 乙, start: 2025-10-15 }'), [[5, 23]]],
    ['the same month on both sides', plan('phases:\n  - { name: 甲, start: 2025-09, end: 2025-10 }\n  - { name: 乙, start: 2025-10 }'), [[5, 23]]],
  ],
  'target-percent-range': [
    ['98%', plan('targets:\n  - { name: 率, op: ">=", value: 98, unit: "%" }'), []],
    ['120 units is fine', plan('targets:\n  - { name: 岗位, value: 120, unit: 个 }'), []],
    ['120%', plan('targets:\n  - { name: 率, op: ">=", value: 120, unit: "%" }'), [[4, 33]]],
    ['negative full-width %', plan('targets:\n  - { name: 率, value: -5, unit: ％ }'), [[4, 23]]],
  ],
  'duplicate-duty-unit': [
    ['distinct', plan('duties:\n  - { unit: 甲办, tasks: [a] }\n  - { unit: 乙办, tasks: [b] }'), []],
    ['repeated', plan('duties:\n  - { unit: 甲办, tasks: [a] }\n  - { unit: 乙办, tasks: [b] }\n  - { unit: 甲办, tasks: [c] }'), [[6, 13]]],
  ],
  'doc-number-brackets': [
    ['六角括号', plan('number: 某街发〔2025〕8号'), []],
    ['square brackets', plan('number: 某街发[2025]8号'), [[3, 12]]],
    ['lenticular', plan('number: 某政办发【2024】12号'), [[3, 13]]],
    ['full-width parentheses', plan('number: 某街发（2025）8号'), [[3, 12]]],
    ['small tortoise shell', plan('number: "某街发﹝2025﹞8号"'), [[3, 13]]],
  ],
  'doc-number-form': [
    ['right', plan('number: 某政办发〔2024〕12号'), []],
    ['第', plan('number: 某街发〔2025〕第8号'), [[3, 9]]],
    ['zero padded', plan('number: 某街发〔2025〕008号'), [[3, 9]]],
    ['no 号', plan('number: 某街发〔2025〕8'), [[3, 9]]],
    ['wrong brackets are the other rule', plan('number: 某街发[2025]8号'), []],
  ],
  placeholder: [
    ['某某 is a name', plan('issuer: 某某区某某街道办事处', '\n王某某同志负责。\n'), []],
    ['English words, URLs, code', plan('', '\n见 https://xxx.example.com/xx 与 `xx` 以及 Xbox、box、0x1f、XXL 尺码。\n'), []],
    ['Handlebars', plan('', '\n{{> leaders}} 与 {{xx}}。\n'), []],
    ['front matter', plan('issuer: xx街道\nnumber: 某街发〔20xx〕8号'), [[3, 9], [4, 13]]],
    ['quoted value', plan('note: "请于XX月XX日前报送"'), [[3, 10], [3, 13]]],
    ['block scalar', plan('note: |\n  第一行\n  请于xx前报送，xx不能少'), [[5, 5], [5, 11]]],
    ['inside a link, not in its URL', plan('', '\n见[xx通知](https://x.cn/xx)。\n'), [[5, 3]]],
    ['table cell', plan('', '\n| 单位 | 任务 |\n| --- | --- |\n| xx办 | 牵头 |\n'), [[7, 3]]],
    ['body', plan('', '\n## 要求\n\n请xxx社区于x月x日前、×××同志和○○单位填写【单位名称】。\n'), [[7, 2], [7, 8], [7, 10], [7, 14], [7, 20], [7, 26]]],
    ['asterisks for digits, not bold', plan('', '\n自20**年12月7日起至20**年。\n'), [[5, 2], [5, 14]]],
    ['underlines', plan('', '\n____年____月____日，联系电话：________。\n'), [[5, 1], [5, 6], [5, 11], [5, 22]]],
    ['underlines after a colon, not emphasis', plan('', '\n组长：___，副组长：___\n'), [[5, 4], [5, 12]]],
    ['full-width underlines', plan('', '\n于20＿＿年完成。\n'), [[5, 2]]],
    ['某年某月某日 but not 王某某', plan('', '\n王某某于某年某月某日报到。\n'), [[5, 5], [5, 7], [5, 9]]],
    ['blanks in front matter', plan('leaders:\n  group: 领导小组\n  members:\n    - { role: 组长, name: ___ }\n    - { role: 成员, name: ×× }'), [[6, 25], [7, 25]]],
    ['blanks between emphasis marks', plan('', '\n联系人：__，电话：__，于**年**月**日、（__）年（__）月报到。\n'), [[5, 5], [5, 11], [5, 15], [5, 18], [5, 21], [5, 26], [5, 31]]],
    ['real bold and snake_case stay', plan('', '\n**重点**工作，共**3**人，见 snake_case 与 __init__。\n'), []],
  ],
  'unbalanced-pairs': [
    ['balanced', plan('note: 《方案》（试行）', '\n“学习‘两个维护’”，见〔2025〕号与【注】。\n'), []],
    ['apostrophe', plan('', '\nIt’s fine.\n'), []],
    ['quote across emphasis', plan('', '\n“**重点**工作”。\n'), []],
    ['missing close in front matter', plan('title2: x\nnote: 《方案'.replace('title2: x\n', '')), [[3, 7]]],
    ['missing open in body', plan('', '\n请参加会议”。\n'), [[5, 6]]],
    ['mixed brackets', plan('', '\n会议（草案)。\n'), [[5, 3]]],
    ['inner unclosed', plan('', '\n“《方案”。\n'), [[5, 2]]],
    ['code is skipped', plan('', '\n代码 `“` 不算。\n\n```\n《\n```\n'), []],
  ],
  'date-zero-padding': [
    ['plain', plan('', '\n2025年6月3日、10月1日。\n'), []],
    ['padded', plan('', '\n2025年06月03日召开。\n'), [[5, 1]]],
    ['padded day only', plan('', '\n于6月05日前。\n'), [[5, 2]]],
    ['front matter', plan('note: 于06月05日前报送'), [[3, 8]]],
  ],
  'halfwidth-punctuation': [
    ['full-width', plan('', '\n会议，请参加。版本3.5，文件方案.docx 与 v1.0。\n'), []],
    ['comma and colon', plan('', '\n会议,请参加:明天。\n'), [[5, 3], [5, 7]]],
    ['parentheses', plan('', '\n方案(草案)。\n'), [[5, 3], [5, 6]]],
    ['URL after Chinese', plan('', '\n网址https://a.example/b.c,d\n'), []],
    ['typed heading marker is not punctuation', plan('', '\n## 一.总体要求\n'), []],
  ],
  'heading-level-skip': [
    ['stepwise', plan('', '\n## 甲\n\n### 乙\n\n#### 丙\n\n## 丁\n'), []],
    ['skip', plan('', '\n## 甲\n\n#### 乙\n'), [[7, 1]]],
  ],
  'heading-marker': [
    ['untyped', plan('', '\n## 甲\n\n### 乙\n'), []],
    ['typed right', plan('', '\n## 一、甲\n\n### （一）乙\n\n#### 1.丙\n\n##### （1）丁\n\n## 二、戊\n'), []],
    ['typed wrong number', plan('', '\n## 一、甲\n\n## 三、乙\n'), [[7, 4]]],
    ['half-width parentheses', plan('', '\n## 一、甲\n\n### (一)乙\n'), [[7, 5]]],
    ['1、 for 1.', plan('', '\n## 甲\n\n### 乙\n\n#### 1、丙\n'), [[9, 6]]],
  ],
  'heading-too-deep': [
    ['five #', plan('', '\n##### 甲\n'), []],
    ['six #', plan('', '\n###### 甲\n'), [[5, 1]]],
  ],
  'heading-h1': [
    ['none', plan('', '\n## 甲\n'), []],
    ['title repeated', plan('', '\n# 测试方案\n\n## 甲\n'), [[5, 1]]],
  ],
  'attachment-missing': [
    ['title only', plan('attachments:\n  - 分工表'), []],
    ['exists', plan('attachments:\n  - { title: 分工表, file: fj/分工表.md }'), []],
    ['missing', plan('attachments:\n  - { title: 分工表, file: 没有.md }'), [[4, 25]]],
    ['absolute path is attachment-path\'s', plan('attachments:\n  - { title: 名单, file: /etc/passwd }'), []],
  ],
  'attachment-path': [
    ['relative Markdown', plan('attachments:\n  - { title: 分工表, file: fj/分工表.md }'), []],
    ['in a sibling folder', plan('attachments:\n  - { title: 分工表, file: ../附件/分工表.markdown }'), []],
    ['absolute', plan('attachments:\n  - { title: 名单, file: /etc/passwd }'), [[4, 24]]],
    ['Windows absolute', plan('attachments:\n  - { title: 名单, file: "C:\\\\名单.md" }'), [[4, 24]]],
    ['not Markdown', plan('attachments:\n  - { title: 名单, file: 名单.xlsx }'), [[4, 24]]],
  ],
  'date-numeric-form': [
    ['Chinese date', plan('', '\n于2024年3月1日前报送。\n'), []],
    ['dots, slashes, dashes', plan('', '\n于2024.3.1、2024/3/2、2024-03-03前报送。\n'), [[5, 2], [5, 11], [5, 20]]],
    ['a range is two dates', plan('', '\n2024.3.1-2024.3.5集中检查。\n'), [[5, 1], [5, 10]]],
    ['versions, addresses, impossible months', plan('', '\n版本1.2.3，地址192.168.1.1，编号2024-13-01，2024-5-1-3。\n'), []],
    ['front-matter prose, not date fields', plan('date: 2025-06-03\nphases:\n  - { name: 甲, end: 2025-06-15, tasks: [2025.6.10前完成] }'), [[5, 41]]],
    ['code and URLs', plan('', '\n见 `2024.3.1` 与 https://x.cn/2024/3/1 。\n'), []],
  ],
  'doc-number-text-brackets': [
    ['六角括号', plan('', '\n根据某政发〔2023〕5号文件。\n'), []],
    ['square, lenticular, parentheses', plan('', '\n根据鄂政发[2023]38号、某办【2024】2号、某发（2022）9号、某发(2021)1号文件。\n'), [[5, 6], [5, 18], [5, 29], [5, 40]]],
    ['a year in parentheses that is no number', plan('', '\n（2023）年度总结，见附表(2024)。\n'), []],
    ['the number field is doc-number-brackets\'s', plan('number: 某街发[2025]8号\nnote: 依据某政发[2024]3号'), [[4, 12]]],
  ],
  'fullwidth-colon': [
    ['colons inside values are text', plan('note: 联系人：王某某\nphases:\n  - { name: 甲, end: 2025-06-15, tasks: ["任务：排查"] }\n  - name: 乙\n    end: 2025-07-01\n    tasks:\n      - 要求：按时'), []],
    ['after a key, in a flow mapping and a list item', plan('issuer：某街道\nleaders:\n  group: 组\n  members:\n    - { role：组长, name: 王某某 }\n    - role：成员\n      name: 李某某'), [[3, 7], [7, 13], [8, 11]]],
    ['after a Chinese field name', plan('发文机关：某街道'), [[3, 5]]],
    ['block scalars are text', plan('note: |\n  title：这是正文\n  联系人：王某某'), []],
  ],
  'colon-without-space': [
    ['a space after each colon; colons inside values', plan('note: 时间 9:30，见 http://x.cn\nleaders:\n  group: 组'), []],
    ['no space after known keys', plan('issuer:某街道\nleaders:\n  group:组\n  members:\n    - { role:组长, name: 王某某 }'), [[3, 7], [5, 8], [7, 13]]],
    ['block scalars are text', plan('note: |\n  title:这是正文'), []],
  ],
  'fullwidth-space-indent': [
    ['half-width spaces', plan('leaders:\n  group: 组'), []],
    ['a full-width space', plan('leaders:\n\u3000group: 组'), [[4, 1]]],
  ],
  'fullwidth-comma-in-list': [
    ['half-width commas, quoted item', plan('recipients: [甲, 乙]\ncc: ["丙，丁"]'), []],
    ['full-width commas', plan('recipients: [各社区，各科室]\ncc: [甲, 乙，丙]'), [[3, 17], [4, 10]]],
    ['a block list item may hold a comma', plan('cc:\n  - 区应急局，区水务局'), []],
  ],
  'fullwidth-bracket-list': [
    ['a bracketed prompt is not a list', plan('note: 【联系人】'), []],
    ['lenticular and full-width brackets', plan('recipients: 【甲, 乙】\ncc: ［丙，丁］'), [[3, 13], [4, 5]]],
  ],
};

describe.each(Object.entries(table))('%s', (ruleId, cases) => {
  it.each(cases)('%s', (_name, text, expected) => {
    const list = check(text, ['/plans/fj/分工表.md']);
    expect(triples(list, ruleId)).toEqual(expected.map(([l, c]) => [ruleId, l, c]));
  });
});

describe('broken front matter', () => {
  it('still proofreads the body', () => {
    const list = check('---\ntitle: [\n---\n\n正文xx。\n');
    expect(triples(list)).toEqual([
      // yaml notices the unclosed [ where the text ends; the report points at the bracket.
      ['yaml-syntax', 2, 8],
      ['placeholder', 5, 3],
    ].sort((a, b) => (a[1] as number) - (b[1] as number)));
  });
  it('reports a missing front matter at 1:1', () => {
    expect(triples(check('只有正文。\n'))).toEqual([['front-matter-missing', 1, 1]]);
  });
  it('reports a list where a mapping belongs', () => {
    expect(triples(check('---\n- a\n---\n'))).toEqual([['yaml-not-mapping', 2, 1]]);
  });
  it('reports each YAML error at its own place', () => {
    const list = check('---\ntitle: a\ntitle: b\nop: >=\n---\n');
    expect(triples(list).map((t) => t[0])).toEqual(['yaml-syntax', 'yaml-syntax']);
    expect(triples(list).map((t) => t[1])).toEqual([3, 4]);
  });
});

describe('aliases', () => {
  it('reports an alias to no anchor instead of crashing', () => {
    expect(triples(check('---\ntitle: *nope\n---\n'))).toEqual([['yaml-syntax', 2, 1]]);
  });
  it('reports a billion-laughs chain instead of expanding it', () => {
    const chain = 'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n';
    expect(triples(check(`---\n${chain}---\n`)).map((t) => t[0])).toEqual(['yaml-syntax']);
  });
});

describe('paths are not prose', () => {
  it('does not proofread template or attachment file names', () => {
    const list = check(plan('template: ./xx模板\nattachments:\n  - { title: 表, file: fj/分工表.md }'), ['/plans/fj/分工表.md']);
    expect(triples(list)).toEqual([]);
  });
});

describe('# in the body', () => {
  it('counts as ## for heading-marker and heading-level-skip, as the renderer prints it', () => {
    const list = check(plan('', '\n# 一、甲\n\n## 二、乙\n\n### （一）丙\n'));
    expect(triples(list)).toEqual([['heading-h1', 5, 1]]);
  });
});

describe('yaml-syntax hints', () => {
  it.each([
    ['duplicate key', '---\ntitle: a\ntitle: b\n---\n', 'yaml-DUPLICATE_KEY', 3, 1],
    ['unquoted >=', '---\ntitle: a\nop: >=\n---\n', 'yaml-quote-symbols', 3, 6],
    ['tab indent', '---\ntitle: a\n\tb: 1\n---\n', 'yaml-TAB_AS_INDENT', 3, 1],
    ['unclosed [', '---\ntitle: a\nrecipients: [甲, 乙\ncc: [丙]\n---\n', 'yaml-MISSING_CHAR', 3, 13],
    ['extra ]', '---\ntitle: a\nrecipients: [甲, 乙]]\n---\n', 'yaml-extra-bracket', 3, 19],
    ['a dash after a key', '---\ntitle: a\ncc: - 甲\n---\n', 'yaml-dash-on-key-line', 3, 5],
    ['a list item among fields', '---\ntitle: a\n- 甲\n---\n', 'yaml-dash-on-key-line', 3, 1],
    ['a line indented deeper, reported on that line', '---\ntitle: a\nleaders:\n  group: 组\n    members: []\n---\n', 'yaml-indent-deeper', 5, 5],
    ['a colon and space inside a value', '---\ntitle: a: b\n---\n', 'yaml-BLOCK_AS_IMPLICIT_KEY', 2, 8],
    ['anything else has a catalogue hint too', '---\ntitle: &a &b 测试\n---\n', 'yaml-other', 2, 11],
  ])('%s', (_name, text, hint, line, column) => {
    const d = check(text).find((x) => x.ruleId === 'yaml-syntax');
    expect(d?.args['hint']).toBe(hint);
    expect([d?.line, d?.column]).toEqual([line, column]);
  });
});

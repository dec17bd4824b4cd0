import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFrontMatterTooDeep, findInlineTooDeep, findTooManyBlocks, findTooManyCells, findTooManyItems, preScan } from '../../src/parse/pre-scan.js';
import { budgets } from '../../src/util/budgets.js';
import { runCli, tempDir } from '../helpers/cli.js';

describe('parser pre-scan', () => {
  // What real plans write must never be refused.
  it.each([
    ['bold and italic', '***很重要*** 和 **重点** 与 _强调_ 及 ~~删除~~'],
    ['thematic breaks', '甲\n\n***\n\n* * *\n\n---\n\n___\n\n' + '*'.repeat(200) + '\n'],
    ['links and images', '[链接](a) ![图](b.png) [[1]](c) [a [b [c]]](d)'],
    ['a plain table', '| 单位 | 任务 |\n| --- | --- |\n' + '| 甲 | 乙 |\n'.repeat(400)],
    ['a code fence full of brackets', '```\n' + '['.repeat(500) + '\n' + '*'.repeat(500) + '\n```\n'],
    ['escaped brackets', '\\['.repeat(500)],
    ['brackets closed one by one', '[甲]'.repeat(50)],
    ['many emphases over many paragraphs', '**甲**乙'.repeat(50).concat('\n\n').repeat(200)],
    ['a tight list with emphasis in every item', '- **甲**：乙\n'.repeat(500)],
    ['a long list', '- 一项\n'.repeat(2000)],
  ])('accepts %s', (_name, text) => expect(preScan(text)).toBeUndefined());

  it('counts unclosed brackets per paragraph, from the first one', () => {
    const deep = '甲\n\n正文' + '['.repeat(budgets.inlineNesting + 1) + '乙';
    expect(findInlineTooDeep(deep)).toEqual({ offset: 5, ruleId: 'inline-too-deep', args: { limit: budgets.inlineNesting, depth: budgets.inlineNesting + 1 } });
    // A blank line ends the paragraph and its brackets.
    expect(findInlineTooDeep('['.repeat(budgets.inlineNesting) + '\n\n' + '['.repeat(budgets.inlineNesting))).toBeUndefined();
    expect(findInlineTooDeep('['.repeat(budgets.inlineNesting) + '\n' + '['.repeat(1))?.offset).toBe(0);
  });

  it('refuses emphasis runs that could open more levels than the budget', () => {
    const run = 2 * (budgets.inlineNesting + 1);
    expect(findInlineTooDeep('甲' + '*'.repeat(run) + '乙')).toMatchObject({ offset: 1, ruleId: 'inline-too-deep' });
    expect(findInlineTooDeep('甲' + '_'.repeat(run - 2) + '乙')).toBeUndefined();
    expect(findInlineTooDeep('甲' + '~'.repeat(run))?.ruleId).toBe('inline-too-deep');
  });

  it('refuses a paragraph with more emphasis runs and brackets than the budget, at its first', () => {
    const many = '正文a' + 'a*'.repeat(budgets.inlineMarkers + 1);
    expect(preScan('甲\n\n' + many)).toEqual({ offset: 7, ruleId: 'inline-too-many', args: { limit: budgets.inlineMarkers } });
    expect(preScan('a]'.repeat(budgets.inlineMarkers + 1))?.ruleId).toBe('inline-too-many');
    expect(preScan('a]'.repeat(budgets.inlineMarkers))).toBeUndefined();
  });

  it('counts table cells over a run of lines with pipes, reported at its first line', () => {
    const row = '|' + ' 甲 |'.repeat(100) + '\n';
    const rows = Math.ceil(budgets.tableCells / 100);
    expect(findTooManyCells('正文\n\n' + row.repeat(rows))).toBeUndefined();
    expect(findTooManyCells('正文\n\n' + row.repeat(rows + 1))).toEqual({ offset: 4, ruleId: 'table-too-large', args: { limit: budgets.tableCells } });
    // Two tables apart are counted apart.
    expect(findTooManyCells(row.repeat(rows) + '\n' + row.repeat(rows))).toBeUndefined();
  });

  it('counts list items over the whole text, quoted and numbered ones too', () => {
    const half = budgets.listItems / 2;
    expect(findTooManyItems('- 甲\n'.repeat(half) + '> 1. 乙\n'.repeat(half))).toBeUndefined();
    const over = findTooManyItems('- 甲\n'.repeat(half) + '\n' + '> 1. 乙\n'.repeat(half + 1));
    expect(over).toEqual({ offset: 4 * half + 1 + 7 * half, ruleId: 'list-too-long', args: { limit: budgets.listItems } });
  });

  it('counts blocks: paragraphs after blank lines, items, headings and table cells', () => {
    const limit = budgets.documentBlocks;
    expect(findTooManyBlocks('甲\n乙\n丙\n'.repeat(limit))).toBeUndefined(); // one paragraph of many lines
    expect(findTooManyBlocks('甲\n\n'.repeat(limit))).toBeUndefined();
    expect(findTooManyBlocks('甲\n\n'.repeat(limit) + '## 乙\n')).toEqual({ offset: 3 * limit, ruleId: 'too-many-blocks', args: { limit } });
    expect(findTooManyBlocks('| 甲 | 乙 | 丙 |\n'.repeat(limit / 3 + 1))?.ruleId).toBe('too-many-blocks');
  });

  it('is linear: 2 MB of hostile text is scanned in a moment (a quadratic scan would take minutes)', () => {
    const text = ('['.repeat(30) + ']'.repeat(30) + '*'.repeat(60) + '> |\n\n').repeat(16_000);
    const started = performance.now();
    expect(preScan(text)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('front-matter nesting pre-scan', () => {
  const limit = budgets.frontMatterNesting;
  const head = 'title: 关于开展测试工作的方案\nextra: ';

  it('accepts every example plan and the YAML clerks write', () => {
    const dir = fileURLToPath(new URL('../../examples/', import.meta.url));
    const plans = readdirSync(dir).filter((f) => f.endsWith('.md'));
    expect(plans.length).toBeGreaterThan(5);
    for (const f of plans) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const end = text.indexOf('\n---', 3);
      expect(findFrontMatterTooDeep(text.slice(4, end)), f).toBeUndefined();
    }
    const written = [
      'title: 关于[试点]工作{甲}的方案\nnote: "[[[[' + '['.repeat(100) + '"\n',
      "note: '" + '{'.repeat(100) + "'\n# " + '['.repeat(100) + '\n',
      'note: |\n' + '  [[[[\n'.repeat(5) + '  ' + '{'.repeat(100) + '\nissuer: 甲\n',
      'leaders:\n  members:\n    - { role: 组长, name: [王某某, 李某某] }\n    - role: 成员\n      name:\n        - 赵某某\n',
      'tasks: [检查, "带 [ 的文字", \'又一个 { \']\n',
    ];
    for (const text of written) expect(findFrontMatterTooDeep(text), text).toBeUndefined();
  });

  it('refuses brackets past the budget at the first bracket over it', () => {
    // The top-level field is one level; `limit - 1` brackets inside it still fit.
    expect(findFrontMatterTooDeep(head + '['.repeat(limit - 1) + ']'.repeat(limit - 1))).toBeUndefined();
    const deep = head + '['.repeat(5000) + ']'.repeat(5000);
    expect(findFrontMatterTooDeep(deep)).toEqual({ offset: head.length + limit - 1, ruleId: 'front-matter-too-deep', args: { limit } });
    expect(findFrontMatterTooDeep(head + '{a: '.repeat(5000))?.offset).toBe(head.length + 4 * (limit - 1));
    // Flow collections over several lines count across them.
    expect(findFrontMatterTooDeep(head + '[\n'.repeat(limit))?.ruleId).toBe('front-matter-too-deep');
  });

  it('refuses deep indentation and `- - -` on one line', () => {
    const indented = Array.from({ length: limit + 1 }, (_, i) => ' '.repeat(i) + 'k:').join('\n');
    expect(findFrontMatterTooDeep(indented)).toEqual({ offset: indented.lastIndexOf('k'), ruleId: 'front-matter-too-deep', args: { limit } });
    expect(findFrontMatterTooDeep('extra:\n  ' + '- '.repeat(5000) + 'x')?.offset).toBe(9 + 2 * (limit - 2));
    expect(findFrontMatterTooDeep('extra:\n  ' + '? '.repeat(limit - 2) + 'x')).toBeUndefined();
  });

  it('takes linear time on a front matter of brackets', () => {
    const started = performance.now();
    expect(findFrontMatterTooDeep('a: [' + '"x", '.repeat(50_000) + ']')).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('front matter nested past the budget, as the clerk sees it', () => {
  it('says so in the chosen language, at the bracket, with exit 1 and no parser words', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const plan = '---\ntitle: 关于开展测试工作的方案\nissuer: 某某街道办事处\ndate: 2025-06-03\nrecipients: ' + '['.repeat(4000) + ']'.repeat(4000) + '\n---\n\n正文。\n';
      writeFileSync(path.join(dir, 'plan.md'), plan);
      for (const lang of ['zh', 'en'] as const) {
        const run = await runCli(['check', 'plan.md', '--lang', lang, '--verbose'], dir);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain(`plan.md:5:${'recipients: '.length + budgets.frontMatterNesting}`);
        expect(run.stdout).toContain(lang === 'zh' ? '前置数据里的缩进、列表或括号' : 'nested more than 32 deep');
        expect(run.stdout + run.stderr).not.toMatch(/call stack|yaml-syntax/i);
      }
    } finally {
      cleanup();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { findInlineTooDeep, findTooManyBlocks, findTooManyCells, findTooManyItems, preScan } from '../../src/parse/pre-scan.js';
import { budgets } from '../../src/util/budgets.js';

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

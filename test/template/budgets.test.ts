import { beforeAll, describe, expect, it } from 'vitest';
import { makeSource } from '../../src/read/source.js';
import { loadHandlebarsCompiler, checkHbs, newHbsBudget, parseHbs, renderHbs, type ParsedHbs } from '../../src/template/handlebars-run.js';

// These texts are no built-in template's: parsing them needs Handlebars' compiler.
beforeAll(() => loadHandlebarsCompiler());
import { budgets } from '../../src/util/budgets.js';

function hbs(name: string, text: string): ParsedHbs {
  const { parsed } = parseHbs({ name, source: makeSource(`${name}.hbs`, text) });
  if (!parsed) throw new Error(`${name} does not parse`);
  expect(checkHbs(parsed, ['a', 'b', 'b2', 'self'])).toEqual([]);
  return parsed;
}

const view = { items: Array.from({ length: 100 }, (_, i) => `项${i}`), title: '标题' };

describe('Handlebars budgets', () => {
  it('stops nested loops at the pass that goes over, not after', () => {
    const budget = newHbsBudget();
    const entry = hbs('template', '前\n{{#each items}}{{#each @root.items}}{{#each @root.items}}{{#each @root.items}}甲{{/each}}{{/each}}{{/each}}{{/each}}\n');
    const r = renderHbs({ entry, partials: new Map(), view, budget });
    expect(r.rendered).toBeUndefined();
    expect(r.diagnostics).toEqual([expect.objectContaining({ ruleId: 'template-loop-too-long', file: 'template.hbs', line: 2 })]);
    // Aborted the moment the count passed the limit: 100⁴ passes were never run.
    expect(budget.iterations).toBe(budgets.templateIterations + 1);
    expect(budget.exhausted).toBe(true);
    // Later renders of the same plan report nothing more.
    expect(renderHbs({ entry: hbs('other', '{{title}}'), partials: new Map(), view, budget })).toEqual({ diagnostics: [] });
  });

  it('stops output that grows past the budget while it grows', () => {
    const budget = newHbsBudget();
    const big = { ...view, title: '字'.repeat(50_000) };
    const entry = hbs('template', '{{#each items}}{{#each @root.items}}{{@root.title}}{{/each}}{{/each}}');
    const r = renderHbs({ entry, partials: new Map(), view: big, budget });
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['template-output-too-large']);
    // 100 × 100 × 50,000 characters would be 500 million; the count stopped near the limit.
    expect(budget.output).toBeLessThan(budgets.templateOutput + 2 * 100 * 50_000);
  });

  it('limits partial depth and reports the inclusion in the including file', () => {
    const self = hbs('self', '乙\n{{> self}}');
    const r = renderHbs({ entry: hbs('template', '{{> self}}'), partials: new Map([['self', self]]), view });
    expect(r.diagnostics).toEqual([expect.objectContaining({ ruleId: 'partial-too-deep', file: 'self.hbs', line: 2, column: 1, args: { limit: budgets.partialDepth, name: 'self' } })]);
  });

  it('limits partial inclusions altogether', () => {
    const budget = newHbsBudget();
    const a = hbs('a', '{{#each items}}{{> b}}{{/each}}');
    const b = hbs('b', '{{#each @root.items}}{{> b2}}{{> b2}}{{> b2}}{{/each}}');
    const b2 = hbs('b2', '');
    const r = renderHbs({ entry: hbs('template', '{{> a}}'), partials: new Map([['a', a], ['b', b], ['b2', b2]]), view, budget });
    expect(r.diagnostics.map((d) => [d.ruleId, d.file])).toEqual([['partial-too-many', 'b.hbs']]);
    expect(budget.partialCalls).toBe(budgets.partialCalls + 1);
  });

  it('refuses deep block nesting before Handlebars parses it, at the block that goes over', () => {
    const deep = parseHbs({ name: 'template', source: makeSource('t.hbs', '甲\n' + '{{#if title}}'.repeat(budgets.templateNesting + 1)) });
    expect(deep.parsed).toBeUndefined();
    expect(deep.diagnostics).toEqual([expect.objectContaining({ ruleId: 'template-too-deep', line: 2, column: 1 + 13 * budgets.templateNesting })]);
    // `{{else if}}` chains nest as deep as blocks do; plain `{{else}}` and `{{^}}` do not.
    const chain = parseHbs({ name: 'template', source: makeSource('t.hbs', '{{#if a}}' + '{{else if b}}'.repeat(budgets.templateNesting) + '{{/if}}') });
    expect(chain.diagnostics.map((d) => d.ruleId)).toEqual(['template-too-deep']);
    const flat = '{{#if a}}甲{{else}}乙{{/if}}{{#each b}}{{^}}丙{{/each}}'.repeat(budgets.templateNesting * 2);
    expect(parseHbs({ name: 'template', source: makeSource('t.hbs', flat) }).diagnostics).toEqual([]);
  });

  it('refuses templates with more mustaches than the budget', () => {
    const many = parseHbs({ name: 'template', source: makeSource('t.hbs', '{{title}}'.repeat(budgets.templateMustaches + 1)) });
    expect(many.diagnostics).toEqual([expect.objectContaining({ ruleId: 'template-too-long', line: 1, column: 1 + 9 * budgets.templateMustaches })]);
  });

  it('leaves ordinary templates alone', () => {
    const r = renderHbs({ entry: hbs('template', '{{#each items}}{{#if @first}}首{{/if}}{{this}}{{/each}}'), partials: new Map(), view });
    expect(r.diagnostics).toEqual([]);
    expect(r.rendered?.text).toContain('首项0项1');
  });
});

import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { expandPlan, planText, tempDir, writeFiles } from './support.js';

/** 1-based line and column of `needle` in `text`. */
function where(text: string, needle: string): { line: number; column: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** A plan using a custom template folder whose files are given. */
async function withTemplate(files: Record<string, string>, body = '正文。\n', frontMatter = 'title: 测试方案') {
  const dir = tempDir();
  writeFiles(dir, { 'tpl/template.yaml': 'extends: plan\n', ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`tpl/${k}`, v])) });
  return expandPlan(planText(`${frontMatter}\ntemplate: ./tpl`, body), { dir });
}

describe('errors in the plan body', () => {
  it('an unknown field is reported at its line and column in the plan, with a did-you-mean', async () => {
    const text = planText('title: 测试方案', '## 指导思想\n\n坚持{{titel}}的要求。\n');
    const r = await expandPlan(text);
    // Handlebars reports 0-based columns of the path; ours are 1-based and point at the name.
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ file: 'plan.md', ...where(text, 'titel'), ruleId: 'template-unknown-field', severity: 'error', args: { field: 'titel', suggestion: 'title' } }),
    ]);
  });

  it('a position on a later line of a paragraph is still exact', async () => {
    const text = planText('title: 测试方案', '第一行文字，\n第二行{{leaders.grop}}文字。\n');
    const r = await expandPlan(`${text}`);
    expect(r.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([['template-unknown-field', where(text, 'leaders.grop').line, where(text, 'leaders.grop').column]]);
  });

  it('a syntax error points into the plan', async () => {
    const text = planText('title: 测试方案', '正文{{#if title}}没有结束。\n');
    const r = await expandPlan(text);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ file: 'plan.md', ruleId: 'template-syntax', line: where(text, '正文{{#if').line });
  });

  it('values are inserted literally, and code spans are left alone', async () => {
    const r = await expandPlan(planText('title: A*B <i>x</i>', '标题是{{title}}，写法是 `{{title}}`。\n'));
    expect(r.diagnostics).toEqual([]);
    const p = r.tree!.children[1]!;
    expect(p.type === 'paragraph' && p.children.map((c) => [c.type, 'value' in c ? c.value : ''])).toEqual([
      ['text', '标题是A*B <i>x</i>，写法是 '],
      ['inlineCode', '{{title}}'],
      ['text', '。'],
    ]);
  });
});

describe('errors in templates', () => {
  it('an unknown field inside a partial names the partial file, line and column', async () => {
    const partial = '成立{{leaders.group}}。\n\n组长：{{leaders.lead}}\n';
    const r = await withTemplate({ 'partials/leaders.hbs': partial }, '正文。\n', 'title: 测试方案\nleaders: { group: 领导小组 }');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ file: 'tpl/partials/leaders.hbs', ...where(partial, 'leaders.lead'), ruleId: 'template-unknown-field' }),
    ]);
  });

  it('a syntax error in the skeleton is at its line and column', async () => {
    const skeleton = '{{> title}}\n\n{{> body}}\n\n落款：{{issuer bar=}}\n';
    const r = await withTemplate({ 'template.hbs': skeleton });
    // The parser stops at the `}}` that came too early.
    const at = where(skeleton, 'bar=}}');
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'tpl/template.hbs', line: at.line, column: at.column + 'bar='.length, ruleId: 'template-syntax' })]);
  });

  it('an unclosed block is a syntax error, not a crash', async () => {
    const r = await withTemplate({ 'template.hbs': '{{> title}}\n\n{{#if issuer}}\n{{> body}}\n' });
    expect(r.diagnostics.map((d) => [d.file, d.ruleId])).toEqual([['tpl/template.hbs', 'template-syntax']]);
  });

  it('an unknown helper is template-helper with a did-you-mean, at its position', async () => {
    const skeleton = '{{> title}}\n\n{{> body}}\n\n日期：{{cnDat date}}\n';
    const r = await withTemplate({ 'template.hbs': skeleton }, '正文。\n', 'title: 测试方案\ndate: 2025-06-03');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ file: 'tpl/template.hbs', ...where(skeleton, '{{cnDat'), ruleId: 'template-helper', args: { name: 'cnDat', suggestion: 'cnDate' } }),
    ]);
  });

  it('a helper given the wrong kind of value is template-helper-usage at its position', async () => {
    const skeleton = '{{> body}}\n\n日期：{{cnDate title}}\n';
    const r = await withTemplate({ 'template.hbs': skeleton });
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'tpl/template.hbs', ...where(skeleton, '{{cnDate'), ruleId: 'template-helper-usage' })]);
  });

  it('a missing partial is partial-missing with a did-you-mean', async () => {
    const skeleton = '{{> title}}\n\n{{> bodyy}}\n';
    const r = await withTemplate({ 'template.hbs': skeleton });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ file: 'tpl/template.hbs', ...where(skeleton, '{{> bodyy'), ruleId: 'partial-missing', args: { name: 'bodyy', suggestion: 'body' } }),
    ]);
  });

  it('the helpers render dates, numerals, ranges, names and markers', async () => {
    const skeleton = [
      '{{cnDate date}}|{{cnDate "2024-02-29"}}|{{date}}',
      '{{cnNumber 11}}|{{cnNumber 20}}|{{#each recipients}}{{cnIndex @index}}{{/each}}',
      '{{#each phases}}{{dateRange start end}};{{/each}}',
      '{{joinNames recipients}}|{{joinNames recipients "，"}}',
      '{{headingMarker 1 11}}|{{headingMarker 2 3}}|{{headingMarker 3 2}}|{{headingMarker 4 1}}',
      '',
    ].join('\n\n');
    const fm = 'title: 测试方案\ndate: 2025-06-03\nrecipients: [甲单位, 乙单位, 丙单位]\nphases:\n  - { name: 甲, start: 2025-06-05, end: 2025-06-15 }\n  - { name: 乙, end: 2026-01-10 }\n  - { name: 丙, start: 2025-07-01 }';
    const r = await withTemplate({ 'template.hbs': skeleton }, '正文。\n', fm);
    expect(r.diagnostics).toEqual([]);
    const texts = r.tree!.children.map((n) => (n.type === 'paragraph' ? n.children.map((c) => ('value' in c ? c.value : '')).join('') : n.type));
    expect(texts).toEqual([
      '2025年6月3日|2024年2月29日|2025年6月3日',
      '十一|二十|一二三',
      '6月5日—6月15日;2026年1月10日前;7月1日起;',
      '甲单位、乙单位、丙单位|甲单位，乙单位，丙单位',
      '十一、|（三）|2.|（1）',
    ]);
  });
});

describe('what templates may not do', () => {
  it.each([
    ['{{constructor}}', 'constructor'],
    ['{{__proto__}}', '__proto__'],
    ['{{title.constructor.name}}', 'constructor'],
    ['{{lookup this "constructor"}}', 'constructor'],
    ['{{#with (lookup this "__proto__")}}x{{/with}}', '__proto__'],
    ['{{> ../secret}}', '../secret'],
    ['{{> "a/b"}}', 'a/b'],
    ['{{> (lookup this "title")}}', '{{> (…)}}'],
    ['{{*inline2 "x"}}', '{{* inline2}}'],
  ])('%s is refused in a skeleton', async (expr, name) => {
    const skeleton = `{{> body}}\n\n前面 ${expr}\n`;
    const r = await withTemplate({ 'template.hbs': skeleton });
    expect(r.tree).toBeUndefined();
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'tpl/template.hbs', line: 3, ruleId: 'template-forbidden', args: { name } })]);
  });

  it('inline partials declared in the file can be used', async () => {
    const r = await withTemplate({ 'template.hbs': '{{#*inline "sign"}}\n此页无正文。\n{{/inline}}\n{{> body}}\n\n{{> sign}}\n' });
    expect(r.diagnostics).toEqual([]);
    expect(r.tree!.children.map((n) => n.type === 'paragraph' && n.children.map((c) => ('value' in c ? c.value : '')).join(''))).toEqual(['正文。', '此页无正文。']);
  });

  it('log and other helpers outside the list do not run', async () => {
    const r = await withTemplate({ 'template.hbs': '{{> body}}\n\n{{log "hello"}}\n' });
    expect(r.diagnostics).toEqual([expect.objectContaining({ ruleId: 'template-helper', args: { name: 'log', suggestion: '' }, line: 3, column: 1 })]);
  });

  it('{{constructor}} in the plan body is refused at the plan position', async () => {
    const text = planText('title: 测试方案', '正文{{constructor}}。\n');
    const r = await expandPlan(text);
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'plan.md', ...where(text, 'constructor}}'), ruleId: 'template-forbidden' })]);
  });

  it('a partial file outside the template folder cannot be reached through a name', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'secret.hbs': '机密', 'tpl/template.yaml': 'extends: plan\n', 'tpl/template.hbs': '{{> body}}\n\n{{> secret}}\n' });
    const r = await expandPlan(planText('title: 测试方案\ntemplate: ./tpl', '正文。\n'), { dir });
    expect(r.diagnostics.map((d) => [d.file, d.ruleId])).toEqual([[path.posix.join('tpl', 'template.hbs'), 'partial-missing']]);
  });
});

describe('template.yaml nested too deep', () => {
  it('is refused before yaml parses it, at the first bracket past the limit', async () => {
    const r = await withTemplate({ 'template.yaml': `extends: plan\ndescription: ${'['.repeat(5000)}${']'.repeat(5000)}\n` });
    // The mapping is one level, so the 32nd bracket goes past 32: "description: " is 13
    // characters, and that bracket is at column 14 + 31.
    expect(r.diagnostics).toEqual([expect.objectContaining({ ruleId: 'yaml-too-deep', severity: 'error', line: 2, column: 45, args: { limit: 32 } })]);
    expect(r.diagnostics[0]?.file).toMatch(/template\.yaml$/);
  });
});

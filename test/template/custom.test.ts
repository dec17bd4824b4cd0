import { formatMessage } from '../../src/diagnostics/catalogue.js';
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/template/index.js';
import { buildDocx, checkSource } from '../../src/pipeline.js';
import { makeSource } from '../../src/read/source.js';
import { defaultLayout } from '../../src/model/document.js';
import { expandPlan, outline, planText, sampleFrontMatter, tempDir, writeFiles } from './support.js';

describe('custom template folders', () => {
  it('a folder overriding one partial keeps every other part of the built-in', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'office/template.yaml': 'name: 本单位模板\ndescription: 领导小组写法不同\nextends: plan\n',
      'office/partials/leaders.hbs': '本项工作由{{leaders.group}}统一领导，{{leaders.members.[0].namesText}}同志任{{leaders.members.[0].role}}。\n',
    });
    const r = await expandPlan(planText(`${sampleFrontMatter}\ntemplate: ./office`, '## 指导思想\n\n正文。\n'), { dir });
    expect(r.diagnostics).toEqual([]);
    const lines = outline(r.tree!.children);
    expect(lines).toContain('p 本项工作由夏季消防安全检查工作领导小组统一领导，王某某同志任组长。');
    expect(lines.some((l) => l.startsWith('p 成立'))).toBe(false);
    // The built-in phases partial and document blocks are still there.
    expect(lines).toContain('h3 动员部署阶段（6月5日—6月15日）');
    expect(lines[0]).toBe('docTitle 关于开展2025年夏季消防安全检查的工作方案');
  });

  it('a folder extending official gets the red header and its own layout', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'red/template.yaml': 'extends: official\nlayout:\n  fonts: modern\n  boldHeading3: false\n  margins: { top: 2100, left: 1600 }\n',
    });
    const loaded = await loadTemplate('./red', dir, 'plan.md');
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.template!.layout).toEqual({ fonts: 'modern', boldHeading3: false, margins: { ...defaultLayout.margins, top: 2100, left: 1600 } });
    const r = await expandPlan(planText(`${sampleFrontMatter}\ntemplate: ./red`, '正文。\n'), { dir });
    expect(r.diagnostics).toEqual([]);
    expect(outline(r.tree!.children).slice(0, 2)).toEqual(['docRedHeader 某某区某某街道办事处文件 某街发〔2025〕8号', 'docTitle 关于开展2025年夏季消防安全检查的工作方案']);
  });

  it('a folder without extends builds on plan; section headings come from template.yaml', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'tpl/template.yaml': 'sections:\n  leaders: 组织机构\n' });
    const r = await expandPlan(planText('title: 测试方案\nleaders: { group: 工作领导小组 }\ntemplate: tpl', '正文。\n'), { dir });
    expect(r.diagnostics).toEqual([]);
    expect(outline(r.tree!.children)).toEqual(['docTitle 测试方案', 'p 正文。', 'h2 组织机构', 'p 成立工作领导小组。']);
  });

  it('a skeleton that places a data section itself keeps it out of the body', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'tpl/template.yaml': 'extends: plan\n',
      'tpl/template.hbs': '{{> title}}\n\n{{> body}}\n\n{{#if leaders}}\n## 领导机构\n\n{{> leaders}}\n{{/if}}\n',
    });
    const r = await expandPlan(planText('title: 测试方案\nleaders: { group: 工作领导小组 }\ntemplate: ./tpl', '## 工作内容\n\n正文。\n'), { dir });
    expect(r.diagnostics).toEqual([]);
    expect(outline(r.tree!.children)).toEqual(['docTitle 测试方案', 'h2 工作内容', 'p 正文。', 'h2 领导机构', 'p 成立工作领导小组。']);
  });
});

describe('skeleton mistakes', () => {
  it('the body placed twice is a warning, and the second place stays empty', async () => {
    const dir = tempDir();
    const skeleton = '{{> title}}\n\n{{> body}}\n\n{{> body}}\n';
    writeFiles(dir, { 'tpl/template.yaml': 'extends: plan\n', 'tpl/template.hbs': skeleton });
    const r = await expandPlan(planText('title: 测试方案', '正文。\n'), { dir, template: './tpl' });
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'tpl/template.hbs', line: 5, ruleId: 'section-twice', severity: 'warning' })]);
    expect(outline(r.tree!.children)).toEqual(['docTitle 测试方案', 'p 正文。']);
  });
});

describe('template.yaml problems', () => {
  async function configErrors(yaml: string) {
    const dir = tempDir();
    writeFiles(dir, { 'tpl/template.yaml': yaml });
    const r = await loadTemplate('./tpl', dir, 'plan.md');
    expect(r.template).toBeUndefined();
    return r.diagnostics.map((d) => ({ file: d.file, line: d.line, column: d.column, ruleId: d.ruleId, detail: d.ruleId === 'template-config' ? formatMessage(d.ruleId, d.args, 'zh').replace(/^模板配置错误：/, '') : d.args['name'] }));
  }

  it('an unknown key is reported at the key with a did-you-mean', async () => {
    expect(await configErrors('name: 模板\nlayot:\n  fonts: modern\n')).toEqual([
      { file: 'tpl/template.yaml', line: 2, column: 1, ruleId: 'template-config', detail: '未知字段“layot”（是否要写“layout”？）' },
    ]);
  });

  it('a margin outside GB/T 9704 ±1 mm and a wrong font profile are reported at their values', async () => {
    const errors = await configErrors('layout:\n  fonts: song\n  margins:\n    top: 3000\n');
    expect(errors).toEqual([
      { file: 'tpl/template.yaml', line: 2, column: 10, ruleId: 'template-config', detail: '“layout.fonts”只能是 gb2312, modern' },
      { file: 'tpl/template.yaml', line: 4, column: 10, ruleId: 'template-config', detail: '“layout.margins.top”应在 2041～2155 之间（GB/T 9704 §5.2.1 的页边距上下浮动 1 mm）' },
    ]);
  });

  it('broken YAML is template-config at the error', async () => {
    const errors = await configErrors('name: [a\n');
    expect(errors[0]).toMatchObject({ file: 'tpl/template.yaml', ruleId: 'template-config', line: expect.any(Number) });
  });

  it('extending a template that is not built in is template-missing at the extends value', async () => {
    expect(await configErrors('name: x\nextends: offical\n')).toEqual([{ file: 'tpl/template.yaml', line: 2, column: 10, ruleId: 'template-missing', detail: 'offical' }]);
  });

  it('a partial file with a reserved name is refused', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'tpl/template.yaml': 'extends: plan\n', 'tpl/partials/title.hbs': 'x' });
    const r = await loadTemplate('./tpl', dir, 'plan.md');
    expect(r.diagnostics.map((d) => [d.file, d.ruleId])).toEqual([['tpl/partials/title.hbs', 'partial-file-name']]);
  });
});

describe('template resolution', () => {
  it('a misspelt built-in is template-missing with a did-you-mean', async () => {
    const r = await loadTemplate('offical', tempDir(), 'plan.md', { line: 6, column: 11 });
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'plan.md', line: 6, column: 11, ruleId: 'template-missing', args: { name: 'offical', suggestion: 'official' } })]);
  });

  it('through the pipeline, template-missing points at the plan’s template: value', async () => {
    const dir = tempDir();
    const text = planText('title: 测试方案\ntemplate: offical', '正文。\n');
    const checked = checkSource(makeSource('plan.md', text), `${dir}/plan.md`, { planDir: dir, fileExists: () => true });
    const built = await buildDocx(checked);
    expect(built.diagnostics).toEqual([expect.objectContaining({ file: 'plan.md', line: 3, column: 11, ruleId: 'template-missing' })]);
  });

  it('a folder that does not exist is template-missing without a suggestion', async () => {
    const r = await loadTemplate('./nowhere', tempDir(), 'plan.md');
    expect(r.diagnostics.map((d) => [d.ruleId, d.args['suggestion']])).toEqual([['template-missing', '']]);
  });

  it('every built-in loads cleanly', async () => {
    for (const name of ['plan', 'official', 'notice']) {
      const r = await loadTemplate(name, tempDir(), 'plan.md');
      expect(r.diagnostics).toEqual([]);
      expect(r.template!.name).toBe(name);
      expect(r.template!.layout).toEqual(defaultLayout);
    }
  });
});

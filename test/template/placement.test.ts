import { describe, expect, it } from 'vitest';
import type { RootContent } from 'mdast';
import { expandPlan, outline, planText, tempDir, writeFiles } from './support.js';

const leaders = 'leaders: { group: 工作领导小组, members: [{ role: 组长, name: 王某某 }] }';
const groups = 'groups: [{ name: 督查组, tasks: [督促落实] }]';

async function body(frontMatter: string, text: string) {
  const r = await expandPlan(planText(`title: 测试方案\n${frontMatter}`, text));
  return { ...r, lines: outline(r.tree?.children ?? []).slice(1) };
}

describe('placing data sections', () => {
  it('a section the body places is not placed again', async () => {
    const r = await body(leaders, '## 加强领导\n\n{{> leaders}}\n\n## 工作要求\n\n认真。\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.lines).toEqual(['h2 加强领导', 'p 成立工作领导小组，成员如下：', 'p 组长：王某某', 'h2 工作要求', 'p 认真。']);
  });

  it('under a body heading of the same name the data follows the free text, and the heading is not repeated', async () => {
    const r = await body(leaders, '## 二、组织领导\n\n街道高度重视此项工作。\n\n## 工作要求\n\n认真。\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.lines).toEqual(['h2 二、组织领导', 'p 街道高度重视此项工作。', 'p 成立工作领导小组，成员如下：', 'p 组长：王某某', 'h2 工作要求', 'p 认真。']);
  });

  it('working groups follow the leading group wherever the body put it', async () => {
    const r = await body(`${leaders}\n${groups}`, '## 加强领导\n\n{{> leaders}}\n\n## 工作要求\n\n认真。\n');
    expect(r.lines).toEqual(['h2 加强领导', 'p 成立工作领导小组，成员如下：', 'p 组长：王某某', 'h3 督查组', 'p 主要任务：督促落实。', 'h2 工作要求', 'p 认真。']);
  });

  it('new sections go in conventional order between the body’s own sections', async () => {
    const fm = `${leaders}\nphases: [{ name: 准备阶段, end: 2025-04-15 }]\ntargets: [{ name: 覆盖率, op: ">=", value: 90, unit: "%" }]\nduties: [{ unit: 平安办, tasks: [牵头] }]`;
    const r = await body(fm, '## 指导思想\n\n坚持。\n\n## 实施步骤\n\n分三步。\n\n## 保障措施\n\n加强保障。\n');
    expect(r.lines.filter((l) => l.startsWith('h2'))).toEqual(['h2 指导思想', 'h2 组织领导', 'h2 实施步骤', 'h2 工作目标', 'h2 职责分工', 'h2 保障措施']);
    expect(r.lines.slice(r.lines.indexOf('h2 实施步骤'), r.lines.indexOf('h2 工作目标'))).toEqual(['h2 实施步骤', 'p 分三步。', 'p 准备阶段（2025年4月15日前）。']); // no plan date: the year is shown
  });

  it('a section placed twice is a warning and appears once', async () => {
    const text = planText(`title: 测试方案\n${leaders}`, '{{> leaders}}\n\n中间。\n\n{{> leaders}}\n');
    const r = await expandPlan(text);
    expect(r.diagnostics).toEqual([expect.objectContaining({ ruleId: 'section-twice', severity: 'warning', line: text.split('\n').lastIndexOf('{{> leaders}}') + 1, column: 1 })]);
    expect(outline(r.tree!.children).filter((l) => l.startsWith('p 成立'))).toHaveLength(1);
  });

  it('headings of a section placed under a deeper heading move down with it', async () => {
    const r = await body(`${leaders}\n${groups}`, '## 组织领导\n\n### 工作机构\n\n{{> groups}}\n');
    expect(r.lines).toContain('h4 督查组');
  });

  it('document blocks, unknown partials and partials inside text are errors at the plan position', async () => {
    const text = planText('title: 测试方案', '{{> title}}\n\n{{> leaderz}}\n\n前文{{> leaders}}后文。\n');
    const r = await expandPlan(text);
    const lines = text.split('\n');
    expect(r.diagnostics.map((d) => [d.ruleId, d.line, d.args['name'], d.args['suggestion']])).toEqual([
      ['partial-not-alone', lines.indexOf('前文{{> leaders}}后文。') + 1, 'leaders', undefined],
      ['partial-block-in-body', lines.indexOf('{{> title}}') + 1, 'title', undefined],
      ['partial-missing', lines.indexOf('{{> leaderz}}') + 1, 'leaderz', 'leaders'],
    ]);
  });

  it('a partial name that is a path is refused in the body', async () => {
    const r = await expandPlan(planText('title: 测试方案', '{{> ../secret}}\n'));
    expect(r.diagnostics.map((d) => [d.ruleId, d.args['name']])).toEqual([['template-forbidden', '../secret']]);
  });

  it('a section with no data placed by the body disappears quietly', async () => {
    const r = await body('', '## 组织领导\n\n{{> leaders}}\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.lines).toEqual(['h2 组织领导']);
  });

  it('custom partial files can be placed in the body', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'tpl/template.yaml': 'extends: plan\n', 'tpl/partials/safety-rules.hbs': '严格落实{{issuer}}安全生产责任制。\n' });
    const r = await expandPlan(planText('title: 测试方案\nissuer: 某某街道\ntemplate: ./tpl', '## 工作要求\n\n{{> safety-rules}}\n'), { dir });
    expect(r.diagnostics).toEqual([]);
    expect(outline(r.tree!.children)).toContain('p 严格落实某某街道安全生产责任制。');
  });
});

describe('attachments', () => {
  it('{{> attachments}} in the body is the 附件说明 there, and not again after the body', async () => {
    const r = await body('attachments: [责任分工表, 检查记录表]', '正文。\n\n{{> attachments}}\n\n补充说明。\n');
    expect(r.lines).toEqual(['p 正文。', 'docAttachmentNote 责任分工表,检查记录表', 'p 补充说明。']);
  });

  it('attachments with a file become pages labelled 附件1, 附件2 holding the file’s Markdown', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'att/table.md': '| 单位 | 职责 |\n| --- | --- |\n| 平安办 | 牵头 |\n\n![地图](map.png)\n',
    });
    const fm = 'attachments:\n  - { title: 责任分工表, file: att/table.md }\n  - 检查记录表';
    const r = await expandPlan(planText(`title: 测试方案\n${fm}`, '正文。\n'), { dir });
    expect(r.diagnostics).toEqual([]);
    const pages = r.tree!.children.filter((n) => n.type === 'docAttachmentPage');
    expect(pages).toHaveLength(1);
    const page = pages[0] as { label: string; title: string; children: RootContent[] };
    expect([page.label, page.title]).toEqual(['附件1', '责任分工表']);
    expect(page.children.map((c) => c.type)).toEqual(['table', 'paragraph']);
    expect((page.children[0] as { data?: { file?: string } }).data?.file).toBe('att/table.md');
    const image = (page.children[1] as { children: RootContent[] }).children[0] as { type: string; data?: { baseDir?: string; file?: string } };
    expect(image.type).toBe('image');
    expect(image.data).toEqual({ file: 'att/table.md', baseDir: `${dir}/att` });
    // The 附件说明 lists both, the page only the one with a file.
    expect(outline(r.tree!.children)).toContain('docAttachmentNote 责任分工表,检查记录表');
  });

  it('a single attachment page is labelled 附件 without a number', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.md': '内容。\n' });
    const r = await expandPlan(planText('title: 测试方案\nattachments: [{ title: 名单, file: a.md }]', '正文。\n'), { dir });
    expect(r.tree!.children.find((n) => n.type === 'docAttachmentPage')).toMatchObject({ label: '附件', title: '名单' });
  });

  it('a missing attachment file is attachment-missing at its file: value', async () => {
    const text = planText('title: 测试方案\nattachments:\n  - { title: 名单, file: nowhere.md }', '正文。\n');
    const r = await expandPlan(text);
    const line = text.split('\n').findIndex((l) => l.includes('nowhere.md')) + 1;
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'plan.md', line, column: text.split('\n')[line - 1]!.indexOf('nowhere.md') + 1, ruleId: 'attachment-missing' })]);
  });
});

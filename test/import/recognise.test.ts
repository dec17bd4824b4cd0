/**
 * What `import` recognises in pasted text (a plan copied from a web page or from Word as
 * text): one realistic plan with every kind of data, then the cases where it must keep
 * the text as it is rather than guess.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importMarkdown } from '../../src/import/index.js';

const pasted = readFileSync(new URL('../fixtures/import-pasted/input.txt', import.meta.url), 'utf8');

function run(text: string) {
  const imported = importMarkdown(text, 'x.txt', 'text', 0, (n) => `x-附件${n}.md`);
  const [, yamlText = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(imported.text) ?? [];
  return { data: parse(yamlText) as Record<string, any>, body, report: imported.report, imported };
}

describe('a plan pasted as text', () => {
  const { data, body, report } = run(pasted);

  it('takes the head and the foot', () => {
    expect(data.title).toBe('关于开展2025年城乡环境整治行动的实施方案');
    expect(data.recipients).toEqual(['各村（社区）', '镇直各单位']);
    expect(data.issuer).toBe('某某镇人民政府');
    expect(data.date).toBe('2025-05-28');
    expect(data.cc).toEqual(['县农业农村局', '县生态环境局']);
    expect([data.printer, data.printed]).toEqual(['某某镇党政办公室', '2025-05-29']);
    expect(data.attachments).toEqual(['整治任务清单', '验收标准']);
  });

  it('takes the leading group, one member per post', () => {
    expect(data.leaders).toEqual({
      group: '城乡环境整治行动领导小组',
      members: [
        { role: '组长', name: '张某某', post: '镇党委书记' },
        { role: '副组长', name: '李某某', post: '镇长' },
        { role: '副组长', name: '王某某', post: '副镇长' },
        { role: '成员', name: ['赵某某', '钱某某', '孙某某'] },
      ],
      office: { host: '镇农业农村办', director: '王某某' },
    });
  });

  it('takes phases with the year of the document date, and their tasks', () => {
    expect(data.phases).toEqual([
      { name: '动员部署阶段', start: '2025-06-05', end: '2025-06-15', tasks: ['召开动员大会', '制定实施细则'] },
      { name: '集中整治阶段', start: '2025-06-16', end: '2025-09-30', tasks: ['清理积存垃圾', '整治河塘沟渠'] },
      { name: '总结验收阶段', end: '2025-10', tasks: ['开展验收', '形成总结报告'] },
    ]);
  });

  it('takes targets with op, value and unit', () => {
    expect(data.targets).toEqual([
      { name: '农村生活垃圾无害化处理率', op: '>=', value: 98, unit: '%' },
      { name: '黑臭水体', op: '<=', value: 3, unit: '处' },
      { name: '群众满意度', op: '>=', value: 90, unit: '%' },
    ]);
  });

  it('takes numbered duty lines', () => {
    expect(data.duties.map((d: { unit: string }) => d.unit)).toEqual(['镇农业农村办', '镇财政所', '各村（社区）']);
    expect(data.duties[1].tasks).toEqual(['负责整治资金保障']);
  });

  it('puts each partial where its data stood, drops the heading markers, keeps run-in headings as typed', () => {
    const order = ['## 指导思想', '## 工作目标', '{{> targets}}', '## 组织领导', '{{> leaders}}', '## 实施步骤', '{{> phases}}', '## 职责分工', '{{> duties}}', '## 工作要求', '（一）加强组织领导。各单位要高度重视'];
    const at = order.map((s) => body.indexOf(s));
    expect(at.every((n) => n >= 0), body).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(body).not.toMatch(/一、|某某镇人民政府|抄送/);
  });

  it('keeps the blanks and reports them at their line and column, never fills them', () => {
    expect(body).toContain('联系人：xx，电话：xxxxxxx');
    const blanks = report.filter((d) => d.ruleId === 'import-placeholder');
    expect(blanks.map((d) => [d.line, d.column, d.args['text']])).toEqual([
      [29, 31, 'xx'],
      [29, 37, 'xxxxxxx'],
    ]);
  });

  it('says where each value came from', () => {
    const title = report.find((d) => d.ruleId === 'import-field' && d.args['field'] === 'title');
    expect([title?.line, title?.column]).toEqual([1, 1]);
    const group = report.find((d) => d.args['field'] === 'leaders.group');
    expect(group?.line).toBe(11);
    expect(report.find((d) => d.ruleId === 'import-kept-text')?.args['count']).toBeGreaterThan(5);
  });
});

describe('what stays text', () => {
  it('a date with a blank in it is no date', () => {
    const { data, body, report } = run('关于开展某某工作的方案\n正文一段。\n某某街道办事处\n20__年6月3日\n');
    expect(data.date).toBeUndefined();
    expect(body).toContain('20__年6月3日');
    expect(report.some((d) => d.ruleId === 'import-placeholder' && String(d.args['text']).includes('__'))).toBe(true);
  });

  it('phase dates without a year, and no document date: not phases, and said so', () => {
    const { data, body, report } = run('某某工作方案\n（一）动员部署阶段（6月5日—6月15日）\n召开动员会。\n（二）集中整治阶段（6月16日—9月30日）\n集中整治。\n');
    expect(data.phases).toBeUndefined();
    expect(body).toContain('动员部署阶段（6月5日—6月15日）');
    expect(report.find((d) => d.ruleId === 'import-no-year')?.line).toBe(2);
  });

  it('phases as numbered paragraphs with full dates across a year', () => {
    const { data } = run('某某方案\n第一阶段：动员部署（2025年12月11日-2025年12月31日）。制定方案。\n第二阶段：集中攻坚（2026年1月1日-2026年10月底）。全面推进。\n');
    expect(data.phases).toEqual([
      { name: '动员部署', start: '2025-12-11', end: '2025-12-31', tasks: ['制定方案'] },
      { name: '集中攻坚', start: '2026-01-01', end: '2026-10', tasks: ['全面推进'] },
    ]);
  });

  it('a target sentence that says more than the target is text', () => {
    const { data, body } = run('某某方案\n确保辖区消防设施完好率达到98%以上，并建立长效机制。\n');
    expect(data.targets).toBeUndefined();
    expect(body).toContain('建立长效机制');
  });

  it('deadlines and several targets in one sentence', () => {
    const { data } = run('某某方案\n到7月31日，隐患整改率达到95%以上，亡人事故为0起。\n某某街道\n2025年6月3日\n');
    expect(data.targets).toEqual([
      { name: '隐患整改率', op: '>=', value: 95, unit: '%', by: '2025-07-31' },
      { name: '亡人事故', op: '=', value: 0, unit: '起', by: '2025-07-31' },
    ]);
  });

  it('one "单位：" line alone is no duty list; role lines without a group are no leaders', () => {
    const { data, body } = run('某某方案\n区财政局：负责资金保障。\n组长：王某某\n');
    expect(data.duties).toBeUndefined();
    expect(data.leaders).toBeUndefined();
    expect(body).toContain('区财政局：负责资金保障。');
    expect(body).toContain('组长：王某某');
  });

  it('a tab table stays a table', () => {
    const { body } = run('某某方案\n序号\t单位\t时限\n1\t区财政局\t6月底\n2\t区教育局\t7月底\n');
    expect(body).toMatch(/\| 序号 \| 单位 \| 时限 \|/);
  });

  it('a paragraph of 600 000 characters without a comma is read in linear time, and kept', () => {
    const long = '很长的一段文字没有逗号'.repeat(60_000) + '达到98';
    const started = Date.now();
    const { data, body } = run(`某某方案\n${long}\n`);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(data.targets).toBeUndefined();
    expect(body).toContain(long);
  });

  it('a notice in other words is no notice template: its text and the plan page stay', () => {
    const { data, body } = run('关于印发《某某方案》的通知\n各单位：\n现将《某某方案》印发给你们，请认真执行，6月底前报送情况。\n某某办公室\n2025年5月20日\n附件\n某某方案\n一、总体要求\n认真组织。\n');
    expect(data.template).toBeUndefined();
    expect(data.title).toBe('关于印发《某某方案》的通知');
    expect(body).toContain('请认真执行，6月底前报送情况。');
    expect(body).toContain('某某方案');
    expect(body).toContain('认真组织。');
  });

  it('a title typed as two paragraphs is one title; 〇 in a written-out year is no blank', () => {
    const { data, report } = run('关于开展二〇二五年夏季消防安全检查工作的\n实施方案\n各社区：\n正文。\n某某街道办事处\n二〇二五年六月三日\n');
    expect(data.title).toBe('关于开展二〇二五年夏季消防安全检查工作的实施方案');
    expect(data.recipients).toEqual(['各社区']);
    expect(data.date).toBe('2025-06-03');
    expect(report.filter((d) => d.ruleId === 'import-placeholder')).toEqual([]);
  });
});

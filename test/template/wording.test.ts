import { describe, expect, it } from 'vitest';
import { expandPlan, outline, planText } from './support.js';

/** Outline of the body after the title, for a plan with the given front matter and body. */
async function bodyOf(frontMatter: string, body = '正文。\n'): Promise<string[]> {
  const r = await expandPlan(planText(`title: 测试方案\n${frontMatter}`, body));
  expect(r.diagnostics).toEqual([]);
  return outline(r.tree!.children).filter((l) => !l.startsWith('docTitle') && !l.startsWith('docSignature') && l !== 'p 正文。');
}

describe('leaders partial', () => {
  it('writes the group sentence, one line per member entry with names joined by 、 and the post in （）', async () => {
    const lines = await bodyOf(`leaders:
  group: 创建工作领导小组
  members:
    - { role: 组长, name: 王某某, post: 街道党工委书记 }
    - { role: 副组长, name: [李某某, 陈某某], post: 街道办事处副主任 }
    - { role: 成员, name: [赵某某, 钱某某, 孙某某] }`);
    expect(lines).toEqual([
      'h2 组织领导',
      'p 成立创建工作领导小组，成员如下：',
      'p 组长：王某某（街道党工委书记）',
      'p 副组长：李某某、陈某某（街道办事处副主任）',
      'p 成员：赵某某、钱某某、孙某某',
    ]);
  });

  it('a group without members is one sentence', async () => {
    expect(await bodyOf('leaders: { group: 工作专班 }')).toEqual(['h2 组织领导', 'p 成立工作专班。']);
  });

  it.each([
    // director is a member: 兼任; deputies follow
    ['{ host: 街道平安办, director: 赵某某, deputies: [周某某, 吴某某] }', '领导小组下设办公室在街道平安办，赵某某同志兼任办公室主任，周某某、吴某某同志任办公室副主任。'],
    // director from outside the group: 任
    ['{ host: 街道平安办, director: 郑某某 }', '领导小组下设办公室在街道平安办，郑某某同志任办公室主任。'],
    // no people named: the office's job is said instead
    ['{ host: 街道平安办 }', '领导小组下设办公室在街道平安办，负责日常工作。'],
    ['{ host: 街道平安办, deputies: [周某某] }', '领导小组下设办公室在街道平安办，周某某同志任办公室副主任。'],
  ])('office %s', async (office, sentence) => {
    const lines = await bodyOf(`leaders:
  group: 夏季消防安全检查工作领导小组
  members:
    - { role: 成员, name: [赵某某] }
  office: ${office}`);
    expect(lines[lines.length - 1]).toBe(`p ${sentence}`);
  });

  it('refers to a 指挥部 by its own kind', async () => {
    const lines = await bodyOf('leaders: { group: 防汛抗旱指挥部, office: { host: 区水务局 } }');
    expect(lines[lines.length - 1]).toBe('p 指挥部下设办公室在区水务局，负责日常工作。');
  });
});

describe('groups partial', () => {
  it('puts each working group under the leading group with its members and tasks', async () => {
    const lines = await bodyOf(`leaders: { group: 工作领导小组 }
groups:
  - name: 督查组
    members: [{ role: 组长, name: 钱某某, post: 纪工委副书记 }, { role: 成员, name: [孙某某, 李某某] }]
    tasks: [督促落实, 跟踪整改]
  - { name: 宣传组, tasks: [开展宣传] }`);
    expect(lines).toEqual([
      'h2 组织领导',
      'p 成立工作领导小组。',
      'h3 督查组',
      'p 组长：钱某某（纪工委副书记）',
      'p 成员：孙某某、李某某',
      'p 主要任务：督促落实；跟踪整改。',
      'h3 宣传组',
      'p 主要任务：开展宣传。',
    ]);
  });
});

describe('phases partial', () => {
  it('phases with tasks are headings with their range; the year shows only when it differs from the date', async () => {
    const lines = await bodyOf(`date: 2025-11-20
phases:
  - { name: 动员部署阶段, start: 2025-11-25, end: 2025-12-05, tasks: [制定方案, 召开动员会] }
  - { name: 集中整治阶段, start: 2025-12-06, end: 2026-01-10, owner: 街道平安办 }
  - { name: 总结验收阶段, end: 2026-01-31 }`);
    expect(lines).toEqual([
      'h2 实施步骤',
      'h3 动员部署阶段（11月25日—12月5日）',
      'p 制定方案；召开动员会。',
      'h3 集中整治阶段（12月6日—2026年1月10日）',
      'p 责任单位：街道平安办。',
      'h3 总结验收阶段（2026年1月31日前）',
    ]);
  });

  it('phases without tasks are paragraphs', async () => {
    const lines = await bodyOf(`date: 2025-03-01
phases:
  - { name: 准备阶段, start: 2025-03-11, end: 2025-04-15 }
  - { name: 实施阶段, start: 2025-04-16 }`);
    expect(lines).toEqual(['h2 实施步骤', 'p 准备阶段（3月11日—4月15日）。', 'p 实施阶段（4月16日起）。']);
  });
});

describe('targets partial', () => {
  it('prints each target as its sentence, with a deadline first and the owner after', async () => {
    const lines = await bodyOf(`date: 2025-06-03
targets:
  - { name: 经常参加体育锻炼人口比例, op: ">=", value: 32, unit: "%" }
  - { name: 成人肥胖率, op: "<=", value: 12, unit: "%", owner: 区卫生健康局 }
  - { name: 新增就业岗位, value: 50, unit: 个, by: 2025-12-31 }`);
    expect(lines).toEqual([
      'h2 工作目标',
      'p 经常参加体育锻炼人口比例达到32%以上。',
      'p 成人肥胖率控制在12%以内（责任单位：区卫生健康局）。',
      'p 12月31日前，新增就业岗位50个。',
    ]);
  });
});

describe('duties partial', () => {
  it('one paragraph per unit, the unit in bold, tasks joined with ；', async () => {
    const r = await expandPlan(planText(`title: 测试方案
duties:
  - { unit: 街道平安办, tasks: [牵头组织检查, 汇总检查情况, 督促隐患整改] }
  - { unit: 王某某、李某某, tasks: [负责宣传], targets: [发放资料1000份] }`, '正文。\n'));
    const nodes = r.tree!.children;
    expect(outline(nodes).slice(-2)).toEqual(['p 街道平安办：牵头组织检查；汇总检查情况；督促隐患整改。', 'p 王某某、李某某：负责宣传。工作目标：发放资料1000份。']);
    const last = nodes[nodes.length - 1]!;
    expect(last.type === 'paragraph' && last.children[0]?.type).toBe('strong');
  });

  it('a task written with its own closing punctuation does not print it twice', async () => {
    const lines = await bodyOf('duties: [{ unit: 平安办, tasks: [牵头组织检查；, 汇总情况。] }]');
    expect(lines).toEqual(['h2 职责分工', 'p 平安办：牵头组织检查；汇总情况。']);
  });

  it('many units become a table, with a 工作目标 column only when some unit has targets', async () => {
    const units = Array.from({ length: 7 }, (_, i) => `  - { unit: 单位${i + 1}, tasks: [任务甲, 任务乙] }`).join('\n');
    const lines = await bodyOf(`duties:\n${units}`);
    expect(lines[0]).toBe('h2 职责分工');
    expect(lines[1]).toBe(`table 责任单位|工作职责 / ${Array.from({ length: 7 }, (_, i) => `单位${i + 1}|任务甲；任务乙`).join(' / ')}`);
    const withTargets = await bodyOf(`duties:\n${units}\n  - { unit: 单位8, tasks: [任务丙], targets: [目标甲] }`);
    expect(withTargets[1]).toMatch(/^table 责任单位\|工作职责\|工作目标 \/ 单位1\|任务甲；任务乙\| \/ /);
    expect(withTargets[1]).toMatch(/单位8\|任务丙\|目标甲$/);
  });
});

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { frontMatter } from '../../src/import/write-plan.js';

describe('the imported front matter as text', () => {
  const data = {
    title: '关于开展2025年城乡环境整治行动的实施方案',
    recipients: ['各村（社区）', '镇直各单位'],
    leaders: {
      group: '城乡环境整治行动领导小组',
      members: [
        { role: '组长', name: '张某某', post: '镇党委书记' },
        { role: '成员', name: ['赵某某', '钱某某', '孙某某'] },
      ],
    },
    phases: [{ name: '动员部署阶段', start: '2025-06-05', end: '2025-06-15', tasks: ['召开动员大会', '制定实施细则'] }],
    targets: [{ name: '黑臭水体', op: '<=', value: 3, unit: '处' }],
  };

  it('writes lists of words as [甲, 乙] and one-line items as { key: value }, as the examples do', () => {
    expect(frontMatter(data)).toBe(
      [
        'title: 关于开展2025年城乡环境整治行动的实施方案',
        'recipients: [各村（社区）, 镇直各单位]',
        'leaders:',
        '  group: 城乡环境整治行动领导小组',
        '  members:',
        '    - { role: 组长, name: 张某某, post: 镇党委书记 }',
        '    - { role: 成员, name: [赵某某, 钱某某, 孙某某] }',
        'phases:',
        '  - { name: 动员部署阶段, start: 2025-06-05, end: 2025-06-15, tasks: [召开动员大会, 制定实施细则] }',
        'targets:',
        '  - { name: 黑臭水体, op: "<=", value: 3, unit: 处 }',
        '',
      ].join('\n'),
    );
  });

  it('reads back as the same data', () => {
    expect(parse(frontMatter(data))).toEqual(data);
  });

  it('writes an empty list and a one-word list without padding either', () => {
    expect(frontMatter({ cc: [], recipients: ['各村'] })).toBe('cc: []\nrecipients: [各村]\n');
  });
});

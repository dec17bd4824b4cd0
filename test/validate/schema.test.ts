import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/diagnostics/catalogue.js';
import { suggest } from '../../src/validate/schema.js';
import { check, plan, triples } from './helpers.js';

type Case = readonly [name: string, text: string, expected: Array<[string, number, number]>];

const cases: readonly Case[] = [
  ['misspelt key', plan('isuer: 某街道'), [['unknown-field', 3, 1]]],
  ['unknown nested key', plan('leaders:\n  group: 组\n  grop: x'), [['unknown-field', 5, 3]]],
  ['missing title', '---\nissuer: 某街道\n---\n', [['required-field', 2, 1]]],
  ['missing member name', plan('leaders:\n  group: 组\n  members:\n    - { role: 组长 }'), [['required-field', 6, 7]]],
  ['number where text', plan('issuer: 12'), [['wrong-type', 3, 9]]],
  ['text where list', plan('recipients: 各社区'), [['wrong-type', 3, 13]]],
  ['text where number', plan('targets:\n  - { name: 率, value: "98%" }'), [['wrong-type', 4, 23]]],
  ['name list with a number', plan('leaders:\n  group: 组\n  members:\n    - { role: 成员, name: [甲, 3] }'), [['wrong-type', 6, 29]]],
  ['signer of the wrong kind', plan('signer: { a: 1 }'), [['wrong-type', 3, 9]]],
  ['attachment of the wrong kind', plan('attachments:\n  - 7'), [['wrong-type', 4, 5]]],
  ['attachment with a misspelt key', plan('attachments:\n  - { title: 表, fle: a.md }'), [['unknown-field', 4, 17]]],
  ['bad op', plan('targets:\n  - { name: 率, op: "≥", value: 1 }'), [['invalid-choice', 4, 20]]],
  ['date not ISO', plan('date: 2025年6月3日'), [['invalid-date', 3, 7]]],
  ['date as a number', plan('date: 20250603'), [['invalid-date', 3, 7]]],
  ['unquoted copy number', plan('copy_number: 000123'), [['wrong-type', 3, 14]]],
  ['short copy number', plan('copy_number: "123"'), [['copy-number-form', 3, 14]]],
  ['empty value', plan('issuer:'), [['empty-value', 3, 1]]],
  ['empty string', plan('issuer: ""'), [['empty-value', 3, 9]]],
  ['phase without dates', plan('phases:\n  - { name: 甲 }'), [['phase-date-missing', 4, 5]]],
  ['phase without dates, with other problems', plan('phases:\n  - { name: 1, tasks: 5, foo: 1 }'), [['phase-date-missing', 4, 5], ['wrong-type', 4, 13], ['wrong-type', 4, 23], ['unknown-field', 4, 26]]],
  ['all problems at once', plan('isuer: a\nissuer: 1\ndate: x'), [['unknown-field', 3, 1], ['wrong-type', 4, 9], ['invalid-date', 5, 7]]],
];

describe('schema problems map to rule ids at the value', () => {
  it.each(cases)('%s', (_name, text, expected) => {
    expect(triples(check(text))).toEqual(expected);
  });
});

describe('messages', () => {
  it('suggests the key the clerk meant, in both languages', () => {
    const [d] = check(plan('isuer: 某街道'));
    expect(d?.args).toEqual({ field: 'isuer', suggestion: 'issuer' });
    expect(formatMessage(d!.ruleId, d!.args, 'zh')).toBe('未知字段“isuer”，是否应为“issuer”？');
    expect(formatMessage(d!.ruleId, d!.args, 'en')).toBe('Unknown field "isuer"; did you mean "issuer"?');
  });
  it('drops the did-you-mean phrase when nothing is close', () => {
    const [d] = check(plan('zzzzzz: 1'));
    expect(formatMessage(d!.ruleId, d!.args, 'zh')).toBe('未知字段“zzzzzz”');
  });
  it('names the expected type in plain words', () => {
    const [d] = check(plan('recipients: 各社区'));
    expect(formatMessage(d!.ruleId, d!.args, 'zh')).toBe('“recipients”应为文字列表，如 [甲, 乙]');
    expect(formatMessage(d!.ruleId, d!.args, 'en')).toBe('"recipients" should be a list of text, e.g. [A, B]');
  });
  it('collapses oneOf noise into one message', () => {
    expect(check(plan('signer: 5'))).toHaveLength(1);
  });
});

describe('suggest', () => {
  it.each([
    ['titel', ['title', 'issuer'], 'title'],
    ['Title', ['title'], 'title'],
    ['copy-number', ['copy_number'], 'copy_number'],
    ['标题', ['title'], 'title'],
    ['标题', ['name'], undefined],
    ['ab', ['cc', 'date'], undefined],
    ['zzzzzz', ['title'], undefined],
  ] as const)('%s → %s', (key, allowed, want) => {
    expect(suggest(key, allowed)).toBe(want);
  });
});

describe('YAML 1.2 core schema', () => {
  it('keeps an unquoted date a string, so the date pattern applies', () => {
    expect(parseDocument('date: 2025-06-03').toJS()).toEqual({ date: '2025-06-03' });
  });
});

describe('schema file', () => {
  const schema = JSON.parse(readFileSync(new URL('../../schemas/plan.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  it('closes every object and documents every property', () => {
    const problems: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
      if (typeof node !== 'object' || node === null) return;
      const o = node as Record<string, unknown>;
      // A map whose values the schema constrains (rules: { id: off }) is closed enough.
      if (o['type'] === 'object' && o['additionalProperties'] !== false && typeof o['additionalProperties'] !== 'object') problems.push(`${where}: open object`);
      if (o['properties']) {
        for (const [k, v] of Object.entries(o['properties'] as Record<string, Record<string, unknown>>)) {
          if (typeof v['title'] !== 'string' || typeof v['description'] !== 'string') problems.push(`${where}/properties/${k}: no title/description`);
        }
      }
      for (const [k, v] of Object.entries(o)) walk(v, `${where}/${k}`);
    };
    walk(schema, '#');
    expect(problems).toEqual([]);
  });
  it('covers every field of the format contract', () => {
    const text = readFileSync(new URL('../../docs/format.md', import.meta.url), 'utf8');
    const props = Object.keys(schema['properties'] as object);
    for (const p of props) expect(text, `docs/format.md mentions ${p}`).toContain(`\`${p}\``);
    expect(props.sort()).toEqual(
      ['title', 'issuer', 'number', 'date', 'recipients', 'template', 'leaders', 'phases', 'targets', 'groups', 'duties', 'attachments', 'cc', 'printer', 'printed', 'copy_number', 'secrecy', 'urgency', 'signer', 'mark', 'note', 'rules'].sort(),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { isRecord } from '../../src/util/is-record.js';

describe('isRecord', () => {
  it.each([
    ['{}', true],
    ['{"a": 1}', true],
    ['[]', false],
    ['[{"a": 1}]', false],
    ['null', false],
    ['"text"', false],
    ['1', false],
    ['true', false],
  ])('JSON %s → %s', (json, expected) => {
    expect(isRecord(JSON.parse(json))).toBe(expected);
  });

  it('undefined is no record', () => expect(isRecord(undefined)).toBe(false));
});

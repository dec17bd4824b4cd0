import { describe, expect, it } from 'vitest';
import { chineseNumeral, firstDay, formatNumber, groupTargets, keepTogether, lastDay, parseIsoDate, parsePlanDate, rangeText, targetSentence } from '../../src/model/wording.js';

const d = (iso: string) => {
  const p = parseIsoDate(iso);
  if (!p) throw new Error(`bad test date ${iso}`);
  return p;
};

describe('chineseNumeral', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [19, '十九'],
    [20, '二十'],
    [21, '二十一'],
    [99, '九十九'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [111, '一百一十一'],
    [1000, '一千'],
    [1010, '一千零一十'],
  ])('%i → %s', (n, text) => expect(chineseNumeral(n)).toBe(text));
});

describe('parseIsoDate', () => {
  it('prints dates without zero padding (GB/T 9704 §7.3.5.4)', () => {
    expect(d('2025-06-03').text).toBe('2025年6月3日');
  });
  it.each(['2025-02-30', '2025-13-01', '2025-00-10', '2023-02-29', '2025-6-3', 'tomorrow'])('refuses %s', (iso) => {
    expect(parseIsoDate(iso)).toBeNull();
  });
  it('knows leap years', () => {
    expect(parseIsoDate('2024-02-29')).not.toBeNull();
    expect(parseIsoDate('2000-02-29')).not.toBeNull();
    expect(parseIsoDate('1900-02-29')).toBeNull();
  });
});

describe('rangeText', () => {
  it('a range within the plan year has no year', () => {
    expect(rangeText(d('2025-06-05'), d('2025-06-15'), 2025)).toBe('6月5日—6月15日');
  });
  it('a deadline alone reads …前', () => {
    expect(rangeText(undefined, d('2025-08-31'), 2025)).toBe('8月31日前');
  });
  it('a start alone reads …起', () => {
    expect(rangeText(d('2025-09-01'), undefined, 2025)).toBe('9月1日起');
  });
  it('shows the year where it differs from the plan year', () => {
    expect(rangeText(d('2025-12-20'), d('2026-01-10'), 2025)).toBe('12月20日—2026年1月10日');
    expect(rangeText(d('2026-01-05'), d('2026-01-20'), 2025)).toBe('2026年1月5日—1月20日');
  });
  it('uses U+2014 between the dates', () => {
    expect(rangeText(d('2025-06-05'), d('2025-06-15'), 2025)).toContain('\u2014');
  });
});

describe('targetSentence', () => {
  it.each([
    [{ name: '辖区消防设施完好率', op: '>=' as const, value: 98, unit: '%' }, '辖区消防设施完好率达到98%以上'],
    [{ name: '成人肥胖率', op: '<=' as const, value: 12, unit: '%' }, '成人肥胖率控制在12%以内'],
    [{ name: '较大以上火灾事故', op: '=' as const, value: 0, unit: '起' }, '较大以上火灾事故为0起'],
    [{ name: '新增就业岗位', value: 50, unit: '个' }, '新增就业岗位50个'],
    [{ name: '投诉办结时间', op: '<' as const, value: 3, unit: '天' }, '投诉办结时间低于3天'],
    [{ name: '参与人数', op: '>' as const, value: 500, unit: '人' }, '参与人数超过500人'],
    [{ name: '经常参加体育锻炼人口比例', op: '>=' as const, value: 32.5, unit: '%' }, '经常参加体育锻炼人口比例达到32.5%以上'],
  ])('%o', (t, text) => expect(targetSentence(t, 2025)).toBe(text));
  it('puts a deadline first', () => {
    expect(targetSentence({ name: '重点单位检查覆盖率', op: '>=', value: 100, unit: '%', by: d('2025-07-31') }, 2025)).toBe(
      '7月31日前，重点单位检查覆盖率达到100%',
    );
  });
  it('does not say 以上 of 100%', () => {
    expect(targetSentence({ name: '覆盖率', op: '>=', value: 100, unit: '%' }, 2025)).toBe('覆盖率达到100%');
    expect(targetSentence({ name: '完成户数', op: '>=', value: 100, unit: '户' }, 2025)).toBe('完成户数达到100户以上');
  });
  it('never prints floating-point noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
  });
});

describe('month and year dates (issue 10 F)', () => {
  const p = (iso: string | number) => {
    const x = parsePlanDate(iso);
    if (!x) throw new Error(`bad test date ${iso}`);
    return x;
  };
  it('parses a month and a year, and refuses impossible ones', () => {
    expect(p('2025-10')).toMatchObject({ year: 2025, month: 10, precision: 'month', text: '2025年10月' });
    expect(p(2025)).toMatchObject({ year: 2025, precision: 'year', text: '2025年' });
    expect(p('2025')).toMatchObject({ precision: 'year' });
    expect(parsePlanDate('2025-13')).toBeNull();
    expect(parsePlanDate('2025-00')).toBeNull();
    expect(parsePlanDate('2025-1')).toBeNull();
    // Full dates only where a full date is required.
    expect(parseIsoDate('2025-10')).toBeNull();
  });
  it('a month spans its first to its last day; a year to 12-31', () => {
    expect(firstDay(p('2025-02'))).toBe('2025-02-01');
    expect(lastDay(p('2024-02'))).toBe('2024-02-29');
    expect(lastDay(p('2025-02'))).toBe('2025-02-28');
    expect(lastDay(p(2025))).toBe('2025-12-31');
    expect(lastDay(p('2025-06-03'))).toBe('2025-06-03');
  });
  it('a phase that starts and ends the same day prints one date', () => {
    expect(rangeText(d('2025-01-10'), d('2025-01-10'), 2025)).toBe('1月10日');
    expect(rangeText(d('2026-01-10'), d('2026-01-10'), 2025)).toBe('2026年1月10日');
    expect(rangeText(p('2025-10'), p('2025-10'), 2025)).toBe('10月');
  });
  it('a month as an end reads 10月底, as a start 10月', () => {
    expect(rangeText(undefined, p('2025-10'), 2025)).toBe('10月底前');
    expect(rangeText(p('2025-10'), undefined, 2025)).toBe('10月起');
    expect(rangeText(p('2025-09'), p('2025-10'), 2025)).toBe('9月—10月底');
    expect(rangeText(d('2025-09-15'), p('2025-10'), 2025)).toBe('9月15日—10月底');
    expect(rangeText(p('2026-03'), p('2026-05'), 2025)).toBe('2026年3月—5月底');
  });
  it('deadlines: 10月底前 for a month, 到2025年 for a year', () => {
    expect(targetSentence({ name: '覆盖率', op: '>=', value: 90, unit: '%', by: p('2025-10') }, 2025)).toBe('10月底前，覆盖率达到90%以上');
    expect(targetSentence({ name: '覆盖率', op: '>=', value: 90, unit: '%', by: p(2026) }, 2025)).toBe('到2026年，覆盖率达到90%以上');
    expect(targetSentence({ name: '覆盖率', op: '>=', value: 90, unit: '%', by: d('2025-07-31') }, 2025)).toBe('7月31日前，覆盖率达到90%以上');
  });
});

describe('groupTargets', () => {
  it('says a shared deadline once, at the place of the first target that has it', () => {
    const by = d('2025-12-31');
    const groups = groupTargets(
      [
        { name: 'A', op: '>=', value: 98, unit: '%', by },
        { name: 'C', op: '=', value: 0, unit: '起' },
        { name: 'B', op: '<=', value: 12, unit: '%', by, owner: '区卫健局' },
      ],
      2025,
    );
    expect(groups.map((g) => g.sentence)).toEqual(['到12月31日，A达到98%以上，B控制在12%以内（责任单位：区卫健局）', 'C为0起']);
    expect(groups.map((g) => g.targets)).toEqual([[0, 2], [1]]);
  });
  it('keeps targets with different deadlines apart, and a lone deadline as …前', () => {
    const groups = groupTargets(
      [
        { name: 'A', value: 1, unit: '个', by: d('2025-07-31') },
        { name: 'B', value: 2, unit: '个', by: d('2025-08-31') },
        { name: 'C', value: 3, unit: '个', by: parsePlanDate(2026)! },
        { name: 'D', value: 4, unit: '个', by: parsePlanDate('2026')! },
      ],
      2025,
    );
    expect(groups.map((g) => g.sentence)).toEqual(['7月31日前，A1个', '8月31日前，B2个', '到2026年，C3个，D4个']);
  });
});

describe('keepTogether', () => {
  it('joins the characters of a name with U+2060, once', () => {
    expect(keepTogether('黄贤帅')).toBe('黄\u2060贤\u2060帅');
    expect(keepTogether(keepTogether('黄贤帅'))).toBe('黄\u2060贤\u2060帅');
    expect(keepTogether('王')).toBe('王');
  });
});

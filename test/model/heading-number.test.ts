import { describe, expect, it } from 'vitest';
import { HeadingCounter, headingMarker, splitTypedMarker } from '../../src/model/heading-number.js';

describe('headingMarker', () => {
  it('numbers the four levels as GB/T 9704 §7.3.3 does', () => {
    expect(headingMarker(1, 1)).toBe('一、');
    expect(headingMarker(1, 11)).toBe('十一、');
    expect(headingMarker(2, 3)).toBe('（三）');
    expect(headingMarker(3, 2)).toBe('2.');
    expect(headingMarker(4, 12)).toBe('（12）');
  });
});

describe('HeadingCounter', () => {
  it('resets deeper levels when a shallower heading comes', () => {
    const c = new HeadingCounter();
    expect([c.next(1), c.next(2), c.next(2), c.next(3), c.next(1), c.next(2), c.next(3)]).toEqual(['一、', '（一）', '（二）', '1.', '二、', '（一）', '1.']);
  });
  it('counts up to 十一、 and beyond', () => {
    const c = new HeadingCounter();
    const all = Array.from({ length: 12 }, () => c.next(1));
    expect(all.slice(9)).toEqual(['十、', '十一、', '十二、']);
  });
});

describe('splitTypedMarker', () => {
  it.each([
    ['一、指导思想', '一、', '指导思想'],
    ['十一、其他', '十一、', '其他'],
    ['（二）迎检阶段', '（二）', '迎检阶段'],
    ['(二)迎检阶段', '(二)', '迎检阶段'],
    ['1、准备阶段', '1、', '准备阶段'],
    ['1. 准备阶段', '1.', '准备阶段'],
    ['（3）入户走访', '（3）', '入户走访'],
    ['第一，统一思想', '第一，', '统一思想'],
  ])('%s', (text, typed, rest) => {
    expect(splitTypedMarker(text)).toEqual({ typed, rest });
  });
  it.each(['指导思想', '2025年工作安排', '3.5级以上地震应急', '一'])('leaves %s alone', (text) => {
    expect(splitTypedMarker(text)).toEqual({ typed: '', rest: text });
  });
});

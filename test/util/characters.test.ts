import { describe, expect, it } from 'vitest';
import { codeName, findCharacters, invisibleKind, terminalSafe, unwritableKind, xmlSafe } from '../../src/util/characters.js';

describe('unwritableKind / invisibleKind', () => {
  it.each([
    [0x00, 'control'],
    [0x1b, 'control'],
    [0x0d, 'control'],
    [0x1f, 'control'],
    [0xd800, 'surrogate'],
    [0xdfff, 'surrogate'],
    [0xfdd0, 'noncharacter'],
    [0xfdef, 'noncharacter'],
    [0xfffe, 'noncharacter'],
    [0xffff, 'noncharacter'],
    [0x1fffe, 'noncharacter'],
    [0x10ffff, 'noncharacter'],
  ])('%i is %s', (code, kind) => expect(unwritableKind(code)).toBe(kind));
  it.each([0x09, 0x0a, 0x20, 0x4e00, 0xfdcf, 0xfdf0, 0xfffd, 0x1fffd, 0x20000, 0xe000])('%i is writable', (code) => {
    expect(unwritableKind(code)).toBeUndefined();
  });
  it.each([
    [0x200b, 'zeroWidth'],
    [0x200d, 'zeroWidth'],
    [0x2060, 'zeroWidth'],
    [0xfeff, 'zeroWidth'],
    [0x202e, 'bidi'],
    [0x2066, 'bidi'],
    [0x2069, 'bidi'],
    [0x200f, 'bidi'],
  ])('%i is %s', (code, kind) => expect(invisibleKind(code)).toBe(kind));
  it('leaves ordinary text alone', () => {
    expect([...'关于开展2025年工作的方案，“一”（二）\t\n'].every((c) => !unwritableKind(c.codePointAt(0)!) && !invisibleKind(c.codePointAt(0)!))).toBe(true);
  });
});

describe('findCharacters', () => {
  it('finds each kind at its UTF-16 index, runs of one kind together', () => {
    const t = 'a\u0001b\uFFFE\u{1FFFE}\uD800x\u200B\u200B\u202Ey\u{1F600}\u001b[31m';
    expect(findCharacters(t)).toEqual([
      { index: 1, length: 1, code: 1, kind: 'control' },
      { index: 3, length: 3, code: 0xfffe, kind: 'noncharacter' },
      { index: 6, length: 1, code: 0xd800, kind: 'surrogate' },
      { index: 8, length: 2, code: 0x200b, kind: 'zeroWidth' },
      { index: 10, length: 1, code: 0x202e, kind: 'bidi' },
      { index: 14, length: 1, code: 0x1b, kind: 'control' },
    ]);
  });
  it('takes a surrogate pair as one character, a trailing high surrogate as lone', () => {
    expect(findCharacters('\u{1F600}\u{20000}')).toEqual([]);
    expect(findCharacters('x\uDBFF')).toEqual([{ index: 1, length: 1, code: 0xdbff, kind: 'surrogate' }]);
    expect(findCharacters('\uDC00x')).toEqual([{ index: 0, length: 1, code: 0xdc00, kind: 'surrogate' }]);
  });
});

describe('xmlSafe', () => {
  it('replaces every unwritable character by U+FFFD and keeps the rest', () => {
    expect(xmlSafe('a\u0001b\uFFFE\u{10FFFF}\uD800\uDC00\uDFFF\t\n\u{1F600}\u200B')).toBe('a\uFFFDb\uFFFD\uFFFD\u{10000}\uFFFD\t\n\u{1F600}\u200B');
  });
});

describe('terminalSafe', () => {
  it('shows controls and bidi overrides by code point', () => {
    expect(terminalSafe('\u001b[2J标题\u202E反\u009b\u007f\ttab\n')).toBe('<U+001B>[2J标题<U+202E>反<U+009B><U+007F>\ttab\n');
    expect(codeName(0x1fffe)).toBe('U+1FFFE');
  });
});

import { describe, expect, it } from 'vitest';
import { decodeSource, MAX_SOURCE_BYTES } from '../../src/read/decode.js';
import { decodeBytes } from '../../src/read/read-file.js';
import { makeSource, offsetAt, positionAt } from '../../src/read/source.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** GB18030 bytes for a few characters, written out so the test needs no encoder. */
const gbk = {
  // 消防 = CF FB B7 C0, 检查 = BC EC B2 E9
  text: '消防检查',
  bytes: [0xcf, 0xfb, 0xb7, 0xc0, 0xbc, 0xec, 0xb2, 0xe9],
};

describe('decodeSource', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeSource(utf8('标题'))).toMatchObject({ ok: true, text: '标题', bom: false });
    expect(decodeSource(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('标题')]))).toMatchObject({ ok: true, text: '标题', bom: true });
  });
  it('normalises CRLF and CR to LF', () => {
    expect(decodeSource(utf8('a\r\nb\rc\n'))).toMatchObject({ ok: true, text: 'a\nb\nc\n' });
  });
  it('recognises GBK/GB18030 and decodes it correctly', () => {
    const bytes = new Uint8Array([...utf8('title: '), ...gbk.bytes, 0x0a]);
    expect(decodeSource(bytes)).toMatchObject({ ok: true, encoding: 'gb18030', text: `title: ${gbk.text}\n` });
  });
  it('refuses UTF-16, binary and oversized files', () => {
    expect(decodeSource(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toMatchObject({ ok: false, reason: 'utf16' });
    expect(decodeSource(new Uint8Array([0x41, 0x00, 0x42]))).toMatchObject({ ok: false, reason: 'binary', offset: 1 });
    expect(decodeSource(new Uint8Array(MAX_SOURCE_BYTES + 1).fill(0x41))).toMatchObject({ ok: false, reason: 'too-large' });
  });
  it('refuses bytes that are neither UTF-8 nor Chinese GB18030 rather than guess', () => {
    // Latin-1 "café crème" style bytes decode as GB18030 to unlikely characters.
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65, 0xff]);
    expect(decodeSource(latin1)).toMatchObject({ ok: false, reason: 'undecodable' });
  });
});

describe('decodeBytes', () => {
  it('warns about GBK files and reports undecodable ones at a position', () => {
    const ok = decodeBytes(new Uint8Array(gbk.bytes), 'a.md');
    expect(ok.ok).toBe(true);
    expect(ok.diagnostics.map((d) => d.ruleId)).toEqual(['encoding-gbk']);
    const bad = decodeBytes(new Uint8Array([0x61, 0x0a, 0x62, 0x63, 0xe9, 0xff]), 'b.md');
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0]).toMatchObject({ ruleId: 'encoding-unknown', line: 2, column: 3 });
  });
});

describe('positions', () => {
  it('maps offsets to 1-based line and column and back', () => {
    const s = makeSource('x.md', 'ab\n标题\n\nend');
    expect(positionAt(s, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(s, 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt(s, 7)).toEqual({ line: 4, column: 1 });
    expect(positionAt(s, 999)).toEqual({ line: 4, column: 4 });
    expect(offsetAt(s, 2, 2)).toBe(4);
  });
});

describe('nesting limit', () => {
  it('finds block quotes and lists nested past the limit before any recursive parser runs', async () => {
    const { findTooDeep, MAX_NESTING, parsePlan } = await import('../../src/parse/parse-plan.js');
    expect(findTooDeep('> '.repeat(MAX_NESTING) + 'x')).toBeUndefined();
    expect(findTooDeep('a\n' + '> '.repeat(MAX_NESTING + 1) + 'x')).toMatchObject({ offset: 2, ruleId: 'nesting-too-deep', args: { depth: MAX_NESTING + 1 } });
    expect(findTooDeep('- '.repeat(5000) + 'x')?.offset).toBe(0);
    expect(findTooDeep(' '.repeat(4 * (MAX_NESTING + 1)) + 'x')).toBeDefined();
    const parsed = parsePlan(makeSource('p.md', '---\ntitle: t\n---\n\n' + '>'.repeat(100000) + ' x\n'));
    expect(parsed.refused?.offset).toBe(18);
    expect(parsed.body.children).toEqual([]);
    expect(parsed.yaml?.doc.toJS()).toEqual({ title: 't' });
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonPlaces } from '../../src/util/json-places.js';

describe('jsonPlaces', () => {
  it('places every value by JSON Pointer', () => {
    const text = '{ "a": [1, {"b~/c": null}], "d": "x\\"y" }';
    const r = jsonPlaces(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.fromEntries(r.places)).toEqual({ '': 0, '/a': 7, '/a/0': 8, '/a/1': 11, '/a/1/b~0~1c': 20, '/d': 33 });
    expect(Object.fromEntries(r.keys)).toEqual({ '/a': 2, '/a/1/b~0~1c': 12, '/d': 28 });
  });

  it.each([
    ['', 0],
    ['{', 1],
    ['{"a":}', 5],
    ['[1,]', 3],
    ['{"a":1,}', 7],
    ['{"a" 1}', 5],
    ['01', 1],
    ['"\\x"', 1],
    ['"tab\there"', 4],
    ['[1] 2', 4],
    ['tru', 0],
  ])('finds where %j stops being JSON', (text, offset) => {
    expect(jsonPlaces(text)).toEqual({ ok: false, offset });
  });

  it('refuses nesting beyond its limit without recursing', () => {
    expect(jsonPlaces('['.repeat(200_000) + ']'.repeat(200_000))).toEqual({ ok: false, offset: 64 });
    expect(jsonPlaces('[[[1]]]', 3).ok).toBe(true);
  });

  it('agrees with JSON.parse on what is JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(jsonPlaces(text).ok).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(jsonPlaces(text).ok).toBe(parses);
      }),
      { numRuns: 500 },
    );
  });
});

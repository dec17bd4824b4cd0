import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { checkSource } from '../../src/pipeline.js';
import { decodeBytes } from '../../src/read/read-file.js';
import { makeSource, type SourceText } from '../../src/read/source.js';

const ctx = { planDir: '/plans', fileExists: () => false };

/** Pieces that steer random text into front matter, headings, pairs and placeholders. */
const piece = fc.oneof(
  fc.constantFrom('---\n', 'title: ', 'date: 2025-02-30\n', 'number: 某发[2025]8号\n', 'phases:\n  - { name: 甲, start: 2025-06-05, end: 2025-06-01 }\n', 'targets:\n  - { name: 率, value: 120, unit: "%" }\n'),
  fc.constantFrom('## ', '#### 一、', '###### ', '\n', '\n\n', '“', '”', '（', ')', '《', '【填写】', 'xx', '20xx', '06月05日', '会议,', '`', '```\n', '{{', '}}', 'https://x.cn/xx', '\t', ' ', '>', '- ', '[', ']', '<b>', '\u3000', '\ud800', '&a ', '*a', ': |\n  ', '"', "'", '%'),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const planText = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));

function expectInside(source: SourceText, list: readonly Diagnostic[]): void {
  const lines = source.text.split('\n');
  for (const d of list) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeLessThanOrEqual((lines[d.line - 1] ?? '').length + 1);
  }
}

describe('check never throws and stays inside the file', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(planText, (text) => {
        const source = makeSource('p.md', text);
        expectInside(source, checkSource(source, '/plans/p.md', ctx).diagnostics);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary bytes', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      planText.map((t) => new TextEncoder().encode(t)),
      planText.map((t) => Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(t.replace(/\n/g, '\r\n'))])),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const read = decodeBytes(b, 'p.md');
        if (!read.ok) return;
        expectInside(read.source, checkSource(read.source, '/plans/p.md', ctx).diagnostics);
      }),
      { numRuns: 300 },
    );
  });
});

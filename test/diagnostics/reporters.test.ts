import { describe, expect, it } from 'vitest';
import { formatReport, type FileReport } from '../../src/diagnostics/reporters/index.js';
import { diagnostic } from '../../src/diagnostics/report.js';
import { catalogue, formatMessage } from '../../src/diagnostics/catalogue.js';

const files: FileReport[] = [
  {
    file: 'b.md',
    diagnostics: [diagnostic('b.md', 9, 1, 'phase-overlap', { phase: '检查', previous: '部署' }), diagnostic('b.md', 3, 7, 'impossible-date', { value: '2025-02-30' })],
  },
  { file: 'a.md', diagnostics: [] },
];

describe('reporters', () => {
  it('stylish sorts by file and position and ends with a count', () => {
    const out = formatReport('stylish', files, 'zh');
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('b.md');
    expect(lines[1]).toBe('  b.md:3:7  错误  日期不存在：2025-02-30  impossible-date');
    expect(lines[2]).toContain('b.md:9:1  警告');
    expect(lines.at(-1)).toBe('✖ 2 个问题（1 个错误，1 个警告）');
  });
  it('stylish speaks English with lang en', () => {
    expect(formatReport('stylish', files, 'en')).toContain('b.md:3:7  error  No such date: 2025-02-30  impossible-date');
  });
  it('stylish prints nothing for clean files', () => {
    expect(formatReport('stylish', [{ file: 'a.md', diagnostics: [] }], 'zh')).toBe('');
  });
  it('json has the ESLint shape, paths absolute', () => {
    const parsed = JSON.parse(formatReport('json', files, 'en', { cwd: '/work/plans' })) as Array<Record<string, unknown>>;
    expect(parsed.map((r) => r['filePath'])).toEqual(['/work/plans/a.md', '/work/plans/b.md']);
    expect(parsed[1]).toMatchObject({ errorCount: 1, warningCount: 1 });
    expect((parsed[1]?.['messages'] as unknown[])[0]).toMatchObject({ ruleId: 'impossible-date', severity: 2, line: 3, column: 7 });
  });
  it('github writes workflow annotations with escaped properties', () => {
    const out = formatReport('github', [{ file: 'x,y.md', diagnostics: [diagnostic('x,y.md', 2, 4, 'placeholder', { text: 'xx' })] }], 'zh');
    expect(out).toBe('::error file=x%2Cy.md,line=2,col=4,title=placeholder::留有范文占位符“xx”，请填写实际内容\n');
  });
});

describe('catalogue', () => {
  it('every entry has both languages and only known placeholders filled', () => {
    for (const [id, entry] of Object.entries(catalogue)) {
      expect(entry.zh, id).toBeTruthy();
      expect(entry.en, id).toBeTruthy();
      const zhNames = [...entry.zh.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const enNames = [...entry.en.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(zhNames, `${id} placeholders differ between zh and en`).toEqual(enNames);
    }
  });
  it('leaves an empty suggestion out', () => {
    expect(formatMessage('unknown-field', { field: 'titel' }, 'en')).toBe('Unknown field "titel"');
  });
});

describe('duplicates', () => {
  it('says the same problem at the same place once', () => {
    const d = diagnostic('t.hbs', 7, 3, 'template-forbidden', { name: 'constructor' });
    const out = formatReport('json', [{ file: 't.hbs', diagnostics: [d, { ...d }, diagnostic('t.hbs', 7, 3, 'template-forbidden', { name: 'other' })] }], 'en');
    expect((JSON.parse(out) as Array<{ messages: unknown[] }>)[0]?.messages).toHaveLength(2);
  });
  it('no reporter sends a control or bidi character from a plan raw to the terminal', () => {
    const name = '\u001b]0;x\u0007a\u202e.md';
    const hostile: FileReport[] = [{ file: name, diagnostics: [diagnostic(name, 1, 1, 'duplicate-duty-unit', { unit: '平安办\u001b[2J\u009b31m', firstLine: 2 })] }];
    for (const format of ['stylish', 'github'] as const) {
      const out = formatReport(format, hostile, 'zh');
      expect(out, format).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(out, format).toContain('平安办<U+001B>[2J<U+009B>31m');
      expect(out, format).toContain('<U+001B>]0;x<U+0007>a<U+202E>.md');
    }
    // JSON escapes controls itself; the text is kept as it is.
    expect(JSON.parse(formatReport('json', hostile, 'zh', { cwd: '/p' }))[0].filePath).toBe(`/p/${name}`);
  });
});

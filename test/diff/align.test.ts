import { describe, expect, test } from 'vitest';
import { alignParagraphs, diffText, semanticCleanup, similarity, type SeenParagraph } from '../../src/diff/align.js';
import { excerpts, markdownSummary, summarise, textSummary } from '../../src/diff/index.js';

const body = (text: string, section = ''): SeenParagraph => ({ kind: 'body', text, section });

describe('diffText', () => {
  test('a two-character edit in Chinese is a two-character change', () => {
    expect(diffText('各社区要配齐垃圾桶。', '各社区要尽快配齐垃圾桶。')).toEqual([
      { op: 'same', text: '各社区要' },
      { op: 'insert', text: '尽快' },
      { op: 'same', text: '配齐垃圾桶。' },
    ]);
  });

  test('numbers change whole: 33 → 35, 11月30日 → 12月31日', () => {
    expect(diffText('达到33%以上', '达到35%以上')).toEqual([
      { op: 'same', text: '达到' },
      { op: 'delete', text: '33' },
      { op: 'insert', text: '35' },
      { op: 'same', text: '%以上' },
    ]);
    const parts = diffText('11月30日前', '12月31日前');
    expect(parts.filter((p) => p.op === 'delete').map((p) => p.text)).toEqual(['11', '30']);
    expect(parts.filter((p) => p.op === 'insert').map((p) => p.text)).toEqual(['12', '31']);
  });

  test('the clean-up folds a stray common character into the rewrite around it', () => {
    const cleaned = semanticCleanup([
      { op: 'delete', text: '甲乙' },
      { op: 'insert', text: '丙丁' },
      { op: 'same', text: '的' },
      { op: 'delete', text: '戊己' },
      { op: 'insert', text: '庚辛' },
    ]);
    expect(cleaned).toEqual([
      { op: 'delete', text: '甲乙的戊己' },
      { op: 'insert', text: '丙丁的庚辛' },
    ]);
  });

  test('a character outside the BMP is one character, never split', () => {
    const parts = diffText('𠀋字', '𠀌字');
    expect(parts).toEqual([
      { op: 'delete', text: '𠀋' },
      { op: 'insert', text: '𠀌' },
      { op: 'same', text: '字' },
    ]);
  });

  test('similarity is the share of common characters', () => {
    expect(similarity('甲乙丙丁', '甲乙丙丁')).toBe(1);
    expect(similarity('甲乙丙丁', '戊己庚辛')).toBe(0);
    expect(similarity('甲乙丙丁', '甲乙戊己')).toBe(0.5);
  });
});

describe('alignParagraphs', () => {
  test('an inserted paragraph is an insertion; the paragraphs after it stay the same', () => {
    const steps = alignParagraphs([body('一'), body('二'), body('三')], [body('一'), body('新的一段'), body('二'), body('三')]);
    expect(steps).toEqual([
      { op: 'same', old: 0, new: 0 },
      { op: 'insert', new: 1 },
      { op: 'same', old: 1, new: 2 },
      { op: 'same', old: 2, new: 3 },
    ]);
  });

  test('an edited paragraph is paired with its old self and diffed by character', () => {
    const steps = alignParagraphs([body('开头'), body('各社区要配齐垃圾桶。'), body('结尾')], [body('开头'), body('各社区要尽快配齐垃圾桶。'), body('结尾')]);
    expect(steps[1]).toMatchObject({ op: 'change', old: 1, new: 1 });
  });

  test('a paragraph with nothing in common is deleted and another inserted', () => {
    const steps = alignParagraphs([body('开头'), body('甲乙丙丁戊'), body('结尾')], [body('开头'), body('一二三'), body('新增'), body('结尾')]);
    expect(steps.filter((s) => s.op === 'delete')).toHaveLength(1);
    expect(steps.filter((s) => s.op === 'insert')).toHaveLength(2);
  });

  test('cells of a row that stayed are edits even when the whole cell changed', () => {
    const cell = (text: string): SeenParagraph => ({ kind: 'cell', text, section: '' });
    const steps = alignParagraphs([cell('组长'), cell('张三')], [cell('组长'), cell('李四')]);
    expect(steps[1]).toEqual({ op: 'change', old: 1, new: 1, parts: [{ op: 'delete', text: '张三' }, { op: 'insert', text: '李四' }] });
  });
});

describe('summary', () => {
  const old = [body('一、目标', '一、目标'), body('覆盖率达到90%以上。', '一、目标'), body('删去的内容在此。', '一、目标')];
  const now = [body('一、目标', '一、目标'), body('覆盖率达到95%以上。', '一、目标'), body('二、措施', '二、措施'), body('增加的措施。', '二、措施')];
  const changes = summarise(alignParagraphs(old, now), old, now);

  test('text: section by section, old → new', () => {
    const text = textSummary(changes, { old: 'a.md', new: 'b.md' }, 'zh');
    expect(text).toContain('修订摘要：a.md → b.md');
    expect(text).toContain('一、目标\n  改  覆盖率达到90%以上。\n    → 覆盖率达到95%以上。');
    expect(text).toContain('  删  删去的内容在此。');
    expect(text).toContain('二、措施\n  增  二、措施\n  增  增加的措施。');
    expect(textSummary(changes, { old: 'a.md', new: 'b.md' }, 'en')).toContain('  changed  覆盖率达到90%以上。');
  });

  test('markdown: deletions struck through, insertions bold, Markdown characters escaped', () => {
    const md = markdownSummary(changes, { old: 'a.md', new: 'b.md' }, 'zh');
    expect(md).toContain('- 改：覆盖率达到~~90~~**95**%以上。');
    expect(md).toContain('- 删：~~删去的内容在此。~~');
    expect(markdownSummary([{ op: 'insert', section: '', text: 'a*b' }], { old: 'x', new: 'y' }, 'en')).toContain('**a\\*b**');
  });

  test('a long paragraph is cut to the change and a little context', () => {
    const long = '甲'.repeat(40);
    const { before, after } = excerpts(diffText(`${long}旧${long}`, `${long}新${long}`));
    expect(before).toBe(`…${'甲'.repeat(12)}旧${'甲'.repeat(12)}…`);
    expect(after).toBe(`…${'甲'.repeat(12)}新${'甲'.repeat(12)}…`);
  });
});

describe('long rewrites', () => {
  test('two long paragraphs with nothing in common are replaced whole, quickly', () => {
    const a = '甲乙丙丁'.repeat(2000);
    const b = '子丑寅卯'.repeat(2000);
    const started = performance.now();
    expect(diffText(a, b)).toEqual([
      { op: 'delete', text: a },
      { op: 'insert', text: b },
    ]);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

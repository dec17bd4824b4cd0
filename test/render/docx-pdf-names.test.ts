/**
 * Personal names never break across lines (黄贤 / 帅 was seen in a printed plan): checked
 * where it shows, in LibreOffice's render. A member list is laid out so that a name falls
 * across the end of the first line; the same words written as plain body text are the
 * control, proving the name really sits at the line end. Skipped without soffice/pdftotext.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const hasSoffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
const hasPoppler = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;

// "成员：" and five three-character names with 、 fill the first line up to two characters
// short: the sixth name, 黄贤帅, falls across the line end.
const names = ['甲某某', '乙某某', '丙某某', '丁某某', '戊某某', '黄贤帅', '己某某', '庚某某'];
const plan = `---
title: 关于开展人名换行测试的工作方案
date: 2025-06-03
leaders:
  group: 测试工作领导小组
  members:
    - { role: 成员, name: [${names.join(', ')}] }
---

## 组织领导

{{> leaders}}

## 对照

成员：${names.join('、')}
`;

describe.skipIf(!hasSoffice || !hasPoppler)('names in the LibreOffice render', () => {
  const t = tempDir('plangen-names-');
  let lines: string[] = [];
  beforeAll(async () => {
    writeFileSync(path.join(t.dir, 'names.md'), plan);
    const r = await runCli(['build', 'names.md'], t.dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const profile = `file://${path.join(t.dir, 'lo-profile')}`;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', t.dir, path.join(t.dir, 'names.docx')], { stdio: 'ignore', timeout: 120_000 });
    lines = execFileSync('pdftotext', ['-layout', path.join(t.dir, 'names.pdf'), '-'], { encoding: 'utf8' })
      .split('\n')
      // A justified line comes out of pdftotext with spaces between the characters.
      .map((l) => l.replaceAll('\u2060', '').replace(/\s+/g, ''))
      .filter((l) => l !== '');
    expect(readFileSync(path.join(t.dir, 'names.pdf')).subarray(0, 4).toString()).toBe('%PDF');
  }, 180_000);
  afterAll(() => t.cleanup());

  /** The lines of the paragraph that starts with 成员：, the n-th time it is printed. */
  const paragraph = (n: number): string[] => {
    const starts = lines.flatMap((l, i) => (l.startsWith('成员：') ? [i] : []));
    const at = starts[n];
    expect(at, lines.join('\n')).toBeDefined();
    return lines.slice(at, at! + 2);
  };

  test('the control (body text) breaks inside the name: the name sits at the line end', () => {
    const [first, second] = paragraph(1);
    expect(first!.endsWith('黄贤') || first!.endsWith('黄'), lines.join('\n')).toBe(true);
    expect(second!.startsWith('帅') || second!.startsWith('贤帅')).toBe(true);
  });

  test('the member list keeps 黄贤帅 whole, moving it to the next line', () => {
    const [first, second] = paragraph(0);
    expect(first, lines.join('\n')).not.toContain('黄');
    expect(second!.startsWith('黄贤帅')).toBe(true);
    for (const n of names) expect(paragraph(0).join('')).toContain(n);
  });

  test('the PDF text check accepts the joined names (build --pdf succeeds)', async () => {
    const r = await runCli(['build', 'names.md', '--pdf', '-o', 'names-pdf.docx'], t.dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).not.toContain('pdf-text-lost');
  }, 180_000);
});

/**
 * plangen diff end to end: two versions of a plan through the whole pipeline, the result
 * opened and its Word revisions (w:ins / w:del) checked for count, author, date and text.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { readDocx, select } from '../helpers/docx-xml.js';

const base = readFileSync(new URL('../fixtures/diff-base/plan.md', import.meta.url), 'utf8');
const made: Array<() => void> = [];
afterAll(() => made.forEach((cleanup) => cleanup()));

function folder(): string {
  const t = tempDir('plangen-diff-');
  made.push(t.cleanup);
  return t.dir;
}

interface Revision {
  readonly kind: 'ins' | 'del';
  readonly author: string;
  readonly date: string;
  readonly text: string;
}

/** Text revisions in document order, and the row and paragraph-mark revisions. */
function revisionsOf(docxBytes: Uint8Array) {
  const docx = readDocx(docxBytes);
  const attr = (n: Node, name: string) => (n as Element).getAttribute(name) ?? '';
  const text: Revision[] = (select('//w:ins[w:r] | //w:del[w:r]', docx.document) as Node[]).map((n) => ({
    kind: (n as Element).localName as 'ins' | 'del',
    author: attr(n, 'w:author'),
    date: attr(n, 'w:date'),
    text: (select('.//w:t | .//w:delText', n) as Node[]).map((t) => t.textContent ?? '').join(''),
  }));
  return {
    text,
    inserted: text.filter((r) => r.kind === 'ins').map((r) => r.text),
    deleted: text.filter((r) => r.kind === 'del').map((r) => r.text),
    rowsInserted: (select('//w:trPr/w:ins', docx.document) as Node[]).length,
    rowsDeleted: (select('//w:trPr/w:del', docx.document) as Node[]).length,
    marksInserted: (select('//w:pPr/w:rPr/w:ins', docx.document) as Node[]).length,
    marksDeleted: (select('//w:pPr/w:rPr/w:del', docx.document) as Node[]).length,
    ids: (select('//w:ins/@w:id | //w:del/@w:id', docx.document) as Attr[]).map((a) => a.value),
  };
}

/** Diff the base plan against an edited copy; returns the CLI result and the revisions. */
async function diffOf(edit: (plan: string) => string, extra: string[] = []) {
  const dir = folder();
  writeFileSync(path.join(dir, 'old.md'), base);
  writeFileSync(path.join(dir, 'new.md'), edit(base));
  const result = await runCli(['diff', 'old.md', 'new.md', '-o', 'out.docx', '--author', '审稿人', '--date', '2025-06-03', ...extra], dir);
  const file = path.join(dir, 'out.docx');
  const bytes = existsSync(file) ? new Uint8Array(readFileSync(file)) : undefined;
  return { dir, result, bytes, revisions: bytes ? revisionsOf(bytes) : undefined };
}

function replaced(from: string, to: string): (plan: string) => string {
  return (plan) => {
    if (!plan.includes(from)) throw new Error(`the base plan has no ${from}`);
    return plan.replace(from, to);
  };
}

describe('plangen diff: the revisions in the document', () => {
  test('an inserted phrase is one insertion of just that phrase, with author and date', async () => {
    const { result, bytes, revisions } = await diffOf(replaced('配齐四类垃圾桶', '配齐四类垃圾桶和提示牌'));
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(revisions!.text).toEqual([{ kind: 'ins', author: '审稿人', date: '2025-06-03T00:00:00Z', text: '和提示牌' }]);
    // Track changes stays on for the reviewer's own edits.
    expect(select('//w:settings/w:trackRevisions', readDocx(bytes!).settings)).toHaveLength(1);
  });

  test('a deleted sentence is one deletion in w:delText; the rest of the paragraph stays', async () => {
    const { revisions } = await diffOf(replaced('投放点要有明显标识，方便居民投放。', ''));
    expect(revisions!.inserted).toEqual([]);
    expect(revisions!.deleted).toEqual(['投放点要有明显标识，方便居民投放。']);
    expect(revisions!.text[0]).toMatchObject({ author: '审稿人', date: '2025-06-03T00:00:00Z' });
  });

  test('a changed target value shows inside the sentence that prints it', async () => {
    const { bytes, revisions } = await diffOf(replaced('value: 90,', 'value: 95,'));
    expect(revisions!.deleted).toEqual(['90']);
    expect(revisions!.inserted).toEqual(['95']);
    // The revision sits in the target's sentence, between its unchanged words.
    const xml = readDocx(bytes!).text('word/document.xml');
    expect(xml).toMatch(/生活垃圾分类覆盖率达到<\/w:t>.*<w:del [^>]*>.*90.*<\/w:del><w:ins [^>]*>.*95.*<\/w:ins>.*%以上/);
  });

  test('an added leader is a whole new paragraph: its text and its paragraph mark inserted', async () => {
    const { revisions } = await diffOf(replaced('    - { role: 成员,', '    - { role: 副组长, name: 孙某某, post: 街道办事处副主任 }\n    - { role: 成员,'));
    expect(revisions!.deleted).toEqual([]);
    // Names are kept on one line by word joiners, which print as nothing.
    expect(revisions!.inserted.join('').replaceAll('\u2060', '')).toBe('副组长：孙某某（街道办事处副主任）');
    expect(revisions!.marksInserted).toBe(1);
  });

  test('a moved deadline changes only the date in the target sentence', async () => {
    const { revisions } = await diffOf(replaced('by: 2025-11-30', 'by: 2025-12-31'));
    expect(revisions!.deleted).toEqual(['11', '30']);
    expect(revisions!.inserted).toEqual(['12', '31']);
  });

  test('an added table row is an inserted row with its cells inserted', async () => {
    const { revisions } = await diffOf(replaced('| 西湖社区 | 8 | 7月底 |', '| 西湖社区 | 8 | 7月底 |\n| 南山社区 | 10 | 8月底 |'));
    expect(revisions!.rowsInserted).toBe(1);
    expect(revisions!.inserted).toEqual(['南山社区', '10', '8月底']);
    expect(revisions!.deleted).toEqual([]);
  });

  test('a removed table row comes back as a deleted row', async () => {
    const { revisions } = await diffOf(replaced('| 东风社区 | 12 | 6月底 |\n', ''));
    expect(revisions!.rowsDeleted).toBe(1);
    expect(revisions!.deleted).toEqual(['东风社区', '12', '6月底']);
    expect(revisions!.inserted).toEqual([]);
  });

  test('a new section renumbers the headings after it without a single revision there', async () => {
    const edit = (plan: string) =>
      plan.replace('## 三、主要任务', '## 三、工作原则\n\n坚持居民自愿、社区引导。\n\n## 四、主要任务').replace('## 四、保障措施', '## 五、保障措施');
    const { bytes, revisions } = await diffOf(edit);
    expect(revisions!.deleted).toEqual([]);
    expect(revisions!.inserted).toEqual(['三、', '工作原则', '坚持居民自愿、社区引导。']);
    expect(revisions!.marksInserted).toBe(2);
    // The headings that moved print their new numbers, as plain text.
    const xml = readDocx(bytes!).text('word/document.xml');
    expect(xml).toContain('<w:t xml:space="preserve">四、</w:t>');
    expect(xml).toContain('<w:t xml:space="preserve">五、</w:t>');
  });

  test('a deleted paragraph comes back as a deleted paragraph, with its paragraph mark deleted', async () => {
    const { revisions } = await diffOf(replaced('\n## 四、保障措施\n\n街道将垃圾分类工作纳入社区年度考核。\n', '\n'));
    expect(revisions!.inserted).toEqual([]);
    expect(revisions!.deleted.join('')).toBe('四、保障措施街道将垃圾分类工作纳入社区年度考核。');
    expect(revisions!.marksDeleted).toBe(2);
  });

  test('a changed 发文字号 is a revision inside the red header’s number line', async () => {
    const dir = folder();
    cpSync(new URL('../../examples/', import.meta.url), dir, { recursive: true });
    const plan = readFileSync(path.join(dir, 'fire-inspection.md'), 'utf8');
    writeFileSync(path.join(dir, 'fire-new.md'), replaced('某街发〔2025〕11号', '某街发〔2025〕12号')(plan));
    const r = await runCli(['diff', 'fire-inspection.md', 'fire-new.md', '-o', 'out.docx', '--author', '审稿人'], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const revs = revisionsOf(new Uint8Array(readFileSync(path.join(dir, 'out.docx'))));
    expect(revs.text.map((x) => [x.kind, x.text, x.author, x.date])).toEqual([
      ['del', '11', '审稿人', '2025-06-03T00:00:00Z'],
      ['ins', '12', '审稿人', '2025-06-03T00:00:00Z'],
    ]);
  });

  test('the same two versions give no revisions, and the same bytes every time', async () => {
    const same = await diffOf((plan) => plan);
    expect(same.revisions!.text).toEqual([]);
    const a = await diffOf(replaced('value: 90,', 'value: 95,'));
    const b = await diffOf(replaced('value: 90,', 'value: 95,'));
    expect(Buffer.from(a.bytes!).equals(Buffer.from(b.bytes!))).toBe(true);
    // Ids are unique in the document and counted from 1.
    expect(new Set(a.revisions!.ids).size).toBe(a.revisions!.ids.length);
    expect([...a.revisions!.ids].sort()).toEqual(['1', '2']);
  });

  test('without --author and --date the revisions take the new plan’s issuer and date', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'old.md'), base);
    writeFileSync(path.join(dir, 'new.md'), base.replace('value: 90,', 'value: 95,'));
    const r = await runCli(['diff', 'old.md', 'new.md'], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toContain('修订稿已写出：new-changes.docx');
    const revs = revisionsOf(new Uint8Array(readFileSync(path.join(dir, 'new-changes.docx'))));
    expect(revs.text.map((x) => [x.author, x.date])).toEqual([
      ['某某街道办事处', '2025-03-01T00:00:00Z'],
      ['某某街道办事处', '2025-03-01T00:00:00Z'],
    ]);
  });
});

describe('plangen diff: summaries, problems and git', () => {
  test('reads plangen.config.yaml as build does: its rule levels apply to both versions', async () => {
    const { dir } = await diffOf((plan) => plan);
    const withBlank = base + '\n于20__年底前全面完成。\n';
    writeFileSync(path.join(dir, 'old.md'), withBlank);
    writeFileSync(path.join(dir, 'new.md'), withBlank.replace('value: 90,', 'value: 95,'));
    const refused = await runCli(['diff', 'old.md', 'new.md', '--format', 'text'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('placeholder');
    writeFileSync(path.join(dir, 'plangen.config.yaml'), 'rules:\n  placeholder: warn\n');
    const r = await runCli(['diff', 'old.md', 'new.md', '--format', 'text'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('修改 1 处');
    writeFileSync(path.join(dir, 'plangen.config.yaml'), 'rules: [\n');
    const broken = await runCli(['diff', 'old.md', 'new.md', '--format', 'text'], dir);
    expect(broken.code).toBe(2);
  });

  test('--format text prints section, old → new, and writes no document', async () => {
    const { dir } = await diffOf((plan) => plan);
    writeFileSync(path.join(dir, 'new.md'), base.replace('value: 90,', 'value: 95,'));
    const r = await runCli(['diff', 'old.md', 'new.md', '--format', 'text'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('修订摘要：old.md → new.md（修改 1 处，新增 0 段，删除 0 段）');
    expect(r.stdout).toContain('一、工作目标\n  改  …，生活垃圾分类覆盖率达到90%以上。\n    → …，生活垃圾分类覆盖率达到95%以上。');
    expect(existsSync(path.join(dir, 'new-changes.docx'))).toBe(false);
  });

  test('--format text shows a new heading with the number it prints with', async () => {
    const { dir } = await diffOf((plan) => plan);
    writeFileSync(path.join(dir, 'new.md'), base.replace('## 三、主要任务', '## 三、工作原则\n\n坚持居民自愿、社区引导。\n\n## 四、主要任务').replace('## 四、保障措施', '## 五、保障措施'));
    const r = await runCli(['diff', 'old.md', 'new.md', '--format', 'text'], dir);
    expect(r.stdout).toContain('（修改 0 处，新增 2 段，删除 0 段）\n\n三、工作原则\n  增  三、工作原则\n  增  坚持居民自愿、社区引导。\n');
  });

  test('--format github appends Markdown to the job summary', async () => {
    const { dir } = await diffOf((plan) => plan);
    writeFileSync(path.join(dir, 'new.md'), base.replace('配齐四类垃圾桶', '配齐四类垃圾桶和提示牌'));
    const summary = path.join(dir, 'summary.md');
    writeFileSync(summary, 'earlier step\n');
    const r = await runCli(['diff', 'old.md', 'new.md', '--format', 'github', '--lang', 'en'], dir, { ...process.env, GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const written = readFileSync(summary, 'utf8');
    expect(written.startsWith('earlier step\n### Changes: old.md → new.md (1 changed, 0 added, 0 deleted)')).toBe(true);
    expect(written).toContain('- changed：各社区要在小区内设置分类投放点，配齐四类垃圾桶**和提示牌**。');
  });

  test('a version with errors is reported at its line, nothing is written, exit 1', async () => {
    const { dir } = await diffOf((plan) => plan);
    writeFileSync(path.join(dir, 'new.md'), base.replace('date: 2025-03-01', 'date: 2025-02-30'));
    const r = await runCli(['diff', 'old.md', 'new.md', '-o', 'bad.docx'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/new\.md:4:7 .*impossible-date/);
    expect(existsSync(path.join(dir, 'bad.docx'))).toBe(false);
  });

  test('one plan without --git, or a bad --date, is a usage mistake (exit 2)', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'plan.md'), base);
    const one = await runCli(['diff', 'plan.md'], dir);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('plangen diff 需要两个方案文件');
    const date = await runCli(['diff', 'plan.md', 'plan.md', '--date', '2025-02-30', '--lang', 'en'], dir);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('--date takes a date such as 2025-06-03, not "2025-02-30"');
  });

  const hasGit = spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;
  test.skipIf(!hasGit)('--git REV compares the plan at REV with the working copy; REV1..REV2 two commits', async () => {
    const dir = folder();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_AUTHOR_DATE: '2025-05-20T08:00:00Z', GIT_COMMITTER_DATE: '2025-05-20T08:00:00Z' } });
    git('init', '-q');
    git('config', 'user.name', '起草人');
    git('config', 'user.email', 'drafter@example.invalid');
    git('config', 'commit.gpgsign', 'false');
    writeFileSync(path.join(dir, 'plan.md'), base);
    git('add', 'plan.md');
    git('commit', '-qm', '征求意见稿');
    writeFileSync(path.join(dir, 'plan.md'), base.replace('value: 90,', 'value: 95,'));
    const working = await runCli(['diff', '--git', 'HEAD', 'plan.md', '-o', 'w.docx'], dir);
    expect(working.code, working.stdout + working.stderr).toBe(0);
    expect(revisionsOf(new Uint8Array(readFileSync(path.join(dir, 'w.docx')))).inserted).toEqual(['95']);

    git('commit', '-qam', '送审稿');
    const range = await runCli(['diff', '--git', 'HEAD~1..HEAD', 'plan.md', '-o', 'r.docx'], dir);
    expect(range.code, range.stdout + range.stderr).toBe(0);
    const revs = revisionsOf(new Uint8Array(readFileSync(path.join(dir, 'r.docx'))));
    expect(revs.text.map((r) => [r.kind, r.text, r.author, r.date])).toEqual([
      ['del', '90', '起草人', '2025-05-20T08:00:00Z'],
      ['ins', '95', '起草人', '2025-05-20T08:00:00Z'],
    ]);

    const missing = await runCli(['diff', '--git', 'no-such-rev', 'plan.md', '--format', 'text'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('无法从 git 取出“plan.md”在“no-such-rev”时的版本');
    const option = await runCli(['diff', '--git', '--output=x', 'plan.md', '--format', 'text'], dir);
    expect(option.code).toBe(2);
  });

  test.skipIf(!hasGit)('--git outside a repository is a clear run failure (exit 2)', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'plan.md'), base);
    const r = await runCli(['diff', '--git', 'HEAD', 'plan.md', '--format', 'text'], dir, { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(dir) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('“plan.md”不在 git 仓库里');
  });
});

const run = promisify(execFile);
const hasSoffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
const hasPoppler = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;

describe('plangen diff: the document other programs read', () => {
  /** Every kind of change at once: a phrase, a sentence, a value, a leader, a row in, a row out, a section. */
  const everything = (plan: string) =>
    plan
      .replace('配齐四类垃圾桶', '配齐四类垃圾桶和提示牌')
      .replace('投放点要有明显标识，方便居民投放。', '')
      .replace('value: 90,', 'value: 95,')
      .replace('    - { role: 成员,', '    - { role: 副组长, name: 孙某某, post: 街道办事处副主任 }\n    - { role: 成员,')
      .replace('| 东风社区 | 12 | 6月底 |\n', '')
      .replace('| 西湖社区 | 8 | 7月底 |', '| 西湖社区 | 8 | 7月底 |\n| 南山社区 | 10 | 8月底 |')
      .replace('## 三、主要任务', '## 三、工作原则\n\n坚持居民自愿、社区引导。\n\n## 四、主要任务')
      .replace('## 四、保障措施', '## 五、保障措施');

  test('the Open XML validator accepts it', async () => {
    const { dir, bytes } = await diffOf(everything);
    expect(bytes).toBeDefined();
    const bin = path.resolve('node_modules/.bin/ooxml-validator');
    const result = await run(bin, [path.join(dir, 'out.docx')]).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code?: number; stdout?: string }) => ({ code: e.code ?? -1, out: e.stdout ?? '' }),
    );
    expect(result.out).toContain('"ok": true');
    expect(result.code, result.out).toBe(0);
  }, 60_000);

  test.skipIf(!hasSoffice || !hasPoppler)('LibreOffice prints the changes: every revised character drawn in the change colour', async () => {
    const changed = await diffOf(everything);
    const same = await diffOf((plan) => plan);
    const dir = changed.dir;
    writeFileSync(path.join(dir, 'same.docx'), same.bytes!);
    const profile = `file://${path.join(dir, 'profile')}`;
    await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'out.docx'), path.join(dir, 'same.docx')], { timeout: 150_000 });
    const text = (await run('pdftotext', ['-layout', path.join(dir, 'out.pdf'), '-'])).stdout.replace(/\s+/g, '');
    // Both sides of every edit are on the page: deleted text is shown, not dropped.
    const shown = ['和提示牌', '投放点要有明显标识，方便居民投放。', '9095', '副组长：孙某某', '东风社区', '南山社区', '坚持居民自愿、社区引导。'];
    expect(shown.filter((s) => text.includes(s))).toEqual(shown);
    // Count the glyphs LibreOffice drew in a colour (it colours changes by author).
    const coloured = async (pdf: string) => {
      await run('pdftocairo', ['-svg', path.join(dir, pdf), path.join(dir, `${pdf}.svg`)]);
      const svg = readFileSync(path.join(dir, `${pdf}.svg`), 'utf8');
      let count = 0;
      for (const m of svg.matchAll(/<g style="fill:rgb\(([^)]*)\);fill-opacity:1;">([\s\S]*?)<\/g>/g)) {
        if (m[1] !== '0%,0%,0%') count += (m[2]!.match(/<use/g) ?? []).length;
      }
      return count;
    };
    const revised = changed.revisions!.text.map((r) => r.text.replaceAll('\u2060', '')).join('');
    expect(await coloured('same.pdf')).toBe(0);
    // At least every revised character; LibreOffice may colour a little more (a mark's glyph).
    const count = await coloured('out.pdf');
    expect(count).toBeGreaterThanOrEqual([...revised].length);
    expect(count).toBeLessThan([...revised].length * 1.5);
  }, 200_000);
});

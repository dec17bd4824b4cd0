/**
 * The pasted-text corpus: test/fixtures/pasted/paste-<case>/ holds input.md (text in the
 * shapes Word and web pages paste), expected.txt (the `check` report, stylish, Chinese) and,
 * where the case is about what prints, expected-doc.txt: the built DOCX read back, one line
 * per paragraph (`style<TAB>[face]text…`, a face change inside a paragraph starting a new
 * `[face]`) and per table row (`Table<TAB>cell | cell`). `npm run fixtures:update` rewrites
 * both; review the diff. Other cases in that folder belong to other areas.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/diagnostics/reporters/index.js';
import { buildDocx, checkFile } from '../../src/pipeline.js';
import { compareExpected, documentLines, pastedCases, pastedRoot } from '../helpers/pasted.js';
import { runCli } from '../helpers/cli.js';

const root = pastedRoot;
const cases = pastedCases('paste');

describe('pasted text', () => {
  it('has at least twelve cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)('%s', async (name) => {
    const dir = path.join(root, name);
    const checked = await checkFile(path.join(dir, 'input.md'), 'input.md');
    const report = formatReport('stylish', [{ file: 'input.md', diagnostics: checked.diagnostics }], 'zh');
    compareExpected(path.join(dir, 'expected.txt'), report);
    const docFile = path.join(dir, 'expected-doc.txt');
    if (!existsSync(docFile)) return;
    const built = await buildDocx(checked);
    if (!built.docx) {
      expect(existsSync(docFile), `${name} does not build`).toBe(false);
      return;
    }
    compareExpected(docFile, documentLines(built.docx).join('\n') + '\n');
  });

  it('shows the converted table with --verbose', async () => {
    const dir = path.join(root, 'paste-tab-table');
    const plain = await runCli(['check', 'input.md'], dir);
    expect(plain.stdout).toContain('pasted-table');
    expect(plain.stderr).toBe('');
    const verbose = await runCli(['check', '--verbose', 'input.md'], dir);
    expect(verbose.stderr).toContain('| 社区 | 联系人 | 联系电话 |\n| --- | --- | --- |\n| 东风社区 | 王某某 | 12345678 |');
    expect(verbose.code).toBe(0);
  });

  it('fails check on a fenced code block, exit 1', async () => {
    const r = await runCli(['check', 'input.md'], path.join(root, 'paste-code-fence'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('code-fence');
  });
});

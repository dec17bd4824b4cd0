/**
 * The proofreading corpus: test/fixtures/pasted/proof-<case>/ holds input.md (a plan as a
 * clerk types it with a Chinese input method: full-width colons and commas, blanks to fill,
 * dates and document numbers written the everyday way), expected.txt (the `check` report,
 * stylish, Chinese) and, where the case is about what prints, expected-doc.txt: the DOCX read
 * back, one line per paragraph (`style<TAB>[face]text…`, a face change starting a new
 * `[face]`, 粗 for bold). `npm run fixtures:update` rewrites both; review the diff. Other
 * cases in that folder belong to other areas.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/diagnostics/reporters/index.js';
import { buildDocx, checkFile } from '../../src/pipeline.js';
import { jsonMessages, runCli } from '../helpers/cli.js';
import { compareExpected, documentLines, pastedCases, pastedRoot } from '../helpers/pasted.js';

const root = pastedRoot;
const cases = pastedCases('proof');

describe('proofreading corpus', () => {
  it('has at least twelve cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)('%s', async (name) => {
    const dir = path.join(root, name);
    const checked = await checkFile(path.join(dir, 'input.md'), 'input.md');
    compareExpected(path.join(dir, 'expected.txt'), formatReport('stylish', [{ file: 'input.md', diagnostics: checked.diagnostics }], 'zh'));
    const docFile = path.join(dir, 'expected-doc.txt');
    if (!existsSync(docFile)) return;
    // What would print once the clerk keeps the text on purpose: placeholders set aside,
    // every other error still stops the build.
    const kept = { ...checked, diagnostics: checked.diagnostics.filter((d) => d.ruleId !== 'placeholder') };
    const built = await buildDocx(kept);
    expect(built.docx, 'the case builds once placeholders are set aside').toBeDefined();
    compareExpected(docFile, documentLines(built.docx!).join('\n') + '\n');
  });
});

describe('check on the command line', () => {
  it('exits 1 on a full-width colon, naming it at its column, Chinese by default', async () => {
    const r = await runCli(['check', 'input.md'], path.join(root, 'proof-fullwidth-colon-top'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('input.md:2:6');
    expect(r.stdout).toContain('全角冒号“：”');
    expect(r.stdout).not.toMatch(/Implicit keys|YAML syntax/);
  });

  it('says the same in English with --lang en, with no Chinese but the plan’s own words', async () => {
    const r = await runCli(['check', 'input.md', '--lang', 'en'], path.join(root, 'proof-yaml-indent-member'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('input.md:11:8');
    expect(r.stdout).toContain('indented deeper than the field above');
    expect(r.stdout).not.toMatch(/[\u3400-\u9fff]/);
  });

  it('reports an attachment’s problems under the attachment’s own path', async () => {
    const cwd = path.join(root, 'proof-attachment-blanks');
    const r = await runCli(['check', 'input.md', '--format', 'json'], cwd);
    expect(r.code).toBe(1);
    const files = new Set(jsonMessages(r.stdout, cwd).map((m) => m.file));
    expect([...files]).toEqual(['附件/登记表.md']);
  });
});

import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { formatReport } from '../../src/diagnostics/reporters/index.js';
import { buildDocx, checkFile } from '../../src/pipeline.js';

/**
 * The `wording-*` cases of the pasted-plan corpus (test/fixtures/pasted/): data worded as the
 * original would say it, warnings that never block, rules switched off, data sections placed
 * where they belong. Each case is input.md with
 * - expected.txt: the stylish report in Chinese, info notes (check --verbose) included;
 * - paragraphs.txt: the built document's paragraphs, one a line, present exactly when the
 *   plan builds (no errors). Word joiners inside names are shown as ^ so the file shows
 *   which names are kept on one line.
 * `UPDATE_FIXTURES=1 npx vitest run test/pasted/wording.test.ts` rewrites both; review the diff.
 */
const root = fileURLToPath(new URL('../fixtures/pasted/', import.meta.url));
const update = process.env['UPDATE_FIXTURES'] === '1';
const cases = existsSync(root)
  ? readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name.startsWith('wording-') && existsSync(path.join(root, d.name, 'input.md')))
      .map((d) => d.name)
      .sort()
  : [];

/** The text of each w:p of a DOCX's main part, empty ones left out. */
function paragraphs(docx: Uint8Array): string[] {
  const xml = strFromU8(unzipSync(docx)['word/document.xml'] ?? new Uint8Array());
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .map((t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replaceAll('\u2060', '^'))
    .filter((t) => t.trim() !== '');
}

describe('pasted corpus: wording cases', () => {
  it('has at least ten cases, two or more for each class', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const cls of ['wording-data-', 'wording-warnings-', 'wording-rules-', 'wording-sections-']) {
      expect(cases.filter((c) => c.startsWith(cls)).length, cls).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(cases)('%s', async (name) => {
    const dir = path.join(root, name);
    const checked = await checkFile(path.join(dir, 'input.md'), 'input.md');
    const all = [...checked.diagnostics, ...(checked.expansion?.notes ?? [])];
    const report = formatReport('stylish', [{ file: 'input.md', diagnostics: all }], 'zh');
    const built = hasErrors(checked.diagnostics) ? undefined : await buildDocx(checked);
    const text = built?.docx ? paragraphs(built.docx).join('\n') + '\n' : undefined;
    const expectedReport = path.join(dir, 'expected.txt');
    const expectedText = path.join(dir, 'paragraphs.txt');
    if (update) {
      writeFileSync(expectedReport, report);
      if (text === undefined) rmSync(expectedText, { force: true });
      else writeFileSync(expectedText, text);
    }
    expect(report).toBe(readFileSync(expectedReport, 'utf8'));
    // Errors, and only errors, stop a build.
    expect(built?.docx !== undefined, 'builds exactly when there are no errors').toBe(existsSync(expectedText));
    if (text !== undefined) expect(text).toBe(readFileSync(expectedText, 'utf8'));
  });
});

/**
 * The pasted-text corpus: test/fixtures/pasted/paste-<case>/ holds input.md (text in the
 * shapes Word and web pages paste), expected.txt (the `check` report, stylish, Chinese) and,
 * where the case is about what prints, expected-doc.txt: the built DOCX read back, one line
 * per paragraph (`style<TAB>[face]text…`, a face change inside a paragraph starting a new
 * `[face]`) and per table row (`Table<TAB>cell | cell`). `npm run fixtures:update` rewrites
 * both; review the diff. Other cases in that folder belong to other areas.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/diagnostics/reporters/index.js';
import { buildDocx, checkFile } from '../../src/pipeline.js';
import { attr, readDocx, select, select1 } from '../helpers/docx-xml.js';
import { runCli } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../fixtures/pasted/', import.meta.url));
const update = process.env['UPDATE_FIXTURES'] === '1';
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name.startsWith('paste-'))
  .map((d) => d.name)
  .sort();

/** The body of a DOCX as lines: paragraphs with their style and faces, table rows. */
function documentLines(docx: Uint8Array): string[] {
  const doc = readDocx(docx).document;
  const lines: string[] = [];
  for (const node of select('/w:document/w:body/*', doc)) {
    const name = (node as Element).localName;
    if (name === 'tbl') {
      for (const row of select('./w:tr', node)) {
        lines.push(`Table\t${select('./w:tc', row).map((c) => select('.//w:t', c).map((t) => t.textContent).join('')).join(' | ')}`);
      }
      continue;
    }
    if (name !== 'p') continue;
    let text = '';
    let face = '';
    for (const run of select('./w:r[w:t]', node)) {
      const font = attr(select1('./w:rPr/w:rFonts', run), 'w:eastAsia') ?? '';
      const bold = select1('./w:rPr/w:b', run) ? '粗' : '';
      const runFace = `${font}${bold}`;
      if (runFace !== face) text += `[${runFace}]`;
      face = runFace;
      text += select('./w:t', run).map((t) => t.textContent).join('');
    }
    if (text === '') continue;
    lines.push(`${attr(select1('./w:pPr/w:pStyle', node), 'w:val') ?? 'Body'}\t${text}`);
  }
  return lines;
}

function compare(file: string, actual: string): void {
  if (update) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('pasted text', () => {
  it('has at least twelve cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)('%s', async (name) => {
    const dir = path.join(root, name);
    const checked = await checkFile(path.join(dir, 'input.md'), 'input.md');
    const report = formatReport('stylish', [{ file: 'input.md', diagnostics: checked.diagnostics }], 'zh');
    compare(path.join(dir, 'expected.txt'), report);
    const docFile = path.join(dir, 'expected-doc.txt');
    if (!existsSync(docFile)) return;
    const built = await buildDocx(checked);
    if (!built.docx) {
      expect(existsSync(docFile), `${name} does not build`).toBe(false);
      return;
    }
    compare(docFile, documentLines(built.docx).join('\n') + '\n');
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

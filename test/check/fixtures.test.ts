import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/diagnostics/reporters/index.js';
import { checkFile } from '../../src/pipeline.js';

/**
 * Fixture folders test/fixtures/<area>-<case>/: input.md and expected.txt, the stylish
 * report in Chinese. `npm run fixtures:update` (UPDATE_FIXTURES=1) rewrites expected.txt;
 * review the diff before committing it.
 */
const root = fileURLToPath(new URL('../fixtures/', import.meta.url));
const update = process.env['UPDATE_FIXTURES'] === '1';
const dirs = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'input.md')))
  .map((d) => d.name)
  .sort();

describe('fixtures', () => {
  it('has one for every area', () => {
    for (const area of ['yaml-', 'schema-', 'rules-', 'read-', 'valid-']) expect(dirs.some((d) => d.startsWith(area)), area).toBe(true);
  });

  it.each(dirs)('%s', async (name) => {
    const checked = await checkFile(path.join(root, name, 'input.md'), 'input.md');
    const report = formatReport('stylish', [{ file: 'input.md', diagnostics: checked.diagnostics }], 'zh');
    const expectedFile = path.join(root, name, 'expected.txt');
    if (update) writeFileSync(expectedFile, report);
    if (name.startsWith('valid-')) expect(report, 'valid fixtures check clean').toBe('');
    else expect(report, 'invalid fixtures report something').not.toBe('');
    expect(report).toBe(readFileSync(expectedFile, 'utf8'));
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/diagnostics/catalogue.js';
import { rules } from '../../src/validate/rules/index.js';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));
const reported = readdirSync(root)
  .map((d) => path.join(root, d, 'expected.txt'))
  .flatMap((f) => {
    try {
      return [readFileSync(f, 'utf8')];
    } catch {
      return [];
    }
  })
  .join('\n');

/** Ids the validate stage reports besides its semantic rules (invalid-value is a fallback no valid schema path reaches). */
const stageIds = ['nesting-too-deep', 'front-matter-missing', 'yaml-syntax', 'yaml-not-mapping', 'unknown-field', 'required-field', 'wrong-type', 'invalid-choice', 'empty-value', 'copy-number-form', 'phase-date-missing', 'invalid-date', 'encoding-gbk', 'fullwidth-colon', 'colon-without-space', 'fullwidth-space-indent', 'fullwidth-comma-in-list', 'fullwidth-bracket-list'];

describe('rule ids', () => {
  const ruleIds = rules.flatMap((r) => r.ids);
  it('are in the catalogue, one module each', () => {
    for (const id of ruleIds) expect(Object.keys(catalogue), id).toContain(id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
  });
  it('each appear in a fixture’s expected report', () => {
    const missing = [...ruleIds, ...stageIds].filter((id) => !reported.includes(`  ${id}\n`));
    expect(missing).toEqual([]);
  });
});

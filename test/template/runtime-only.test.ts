import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkFile } from '../../src/pipeline.js';
import { handlebarsCompilerLoaded } from '../../src/template/handlebars-run.js';
import { tempDir } from '../helpers/cli.js';

/**
 * A plan that uses only built-in templates and no `{{…}}` of its own is checked and
 * expanded with Handlebars' runtime alone: its compiler (about three times the runtime's
 * code) loads only for a text plangen was not built with. Each test file runs in fresh
 * modules, so nothing here has loaded it before.
 */
describe("Handlebars' compiler, loaded only when needed", () => {
  it('is not loaded for built-in templates and placements alone, and is for a value in the body', async () => {
    const plain = path.resolve('examples/civilised-city.md');
    expect(readFileSync(plain, 'utf8')).not.toContain('{{');
    const checked = await checkFile(plain, 'civilised-city.md');
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(checked.expansion?.tree.children.length).toBeGreaterThan(0);
    const placements = path.resolve('examples/fire-inspection.md');
    expect(readFileSync(placements, 'utf8')).toContain('{{> leaders}}');
    expect((await checkFile(placements, 'fire-inspection.md')).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(handlebarsCompilerLoaded()).toBe(false);

    const t = tempDir();
    try {
      const file = path.join(t.dir, 'plan.md');
      writeFileSync(file, readFileSync(plain, 'utf8').replace(/\n## /, '\n本方案由{{issuer}}负责解释。\n\n## '));
      const withValue = await checkFile(file, 'plan.md');
      expect(withValue.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(handlebarsCompilerLoaded()).toBe(true);
      expect(JSON.stringify(withValue.expansion?.tree)).not.toContain('{{issuer}}');
    } finally {
      t.cleanup();
    }
  });
});

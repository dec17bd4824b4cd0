import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/diagnostics/catalogue.js';

const doc = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
const documented = new Set([...doc.matchAll(/^### `([a-z0-9-]+)`$/gm)].map((m) => m[1]));

describe('docs/rules.md', () => {
  it('documents every catalogue id under its own heading', () => {
    const missing = Object.keys(catalogue).filter((id) => !documented.has(id));
    expect(missing, 'ids missing from docs/rules.md').toEqual([]);
  });
  it('documents no id the catalogue lacks', () => {
    expect([...documented].filter((id) => !(id! in catalogue))).toEqual([]);
  });
  it('states each id’s severity as the catalogue does', () => {
    for (const [id, entry] of Object.entries(catalogue)) {
      const section = doc.split(`### \`${id}\`\n`)[1]?.split('\n### ')[0] ?? '';
      expect(section.startsWith(entry.severity === 'error' ? '错误' : entry.severity === 'warning' ? '警告' : '提示'), id).toBe(true);
    }
  });
});

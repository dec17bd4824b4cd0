import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check, plan, triples } from './helpers.js';

describe('the precompiled schema validator', () => {
  it('is up to date with schemas/plan.schema.json (else run npm run schema:compile)', () => {
    const script = fileURLToPath(new URL('../../scripts/compile-schema.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
  it('treats a blank string as empty', () => {
    expect(triples(check(plan('issuer: "   "')))).toEqual([['empty-value', 3, 9]]);
  });
});

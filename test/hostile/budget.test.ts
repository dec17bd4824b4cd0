import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostileRoot, runCase } from './run-case.js';
import { limiter } from '../../src/util/map-limited.js';

/**
 * The budget-* hostile cases (test/fixtures/hostile/): each must end with the expected
 * diagnostics and exit code, within its time limit, without a crash or a stack trace, in
 * under 1 GB of resident memory. UPDATE_FIXTURES=1 rewrites the expected diagnostics and
 * exit code (review the diff before committing).
 */
const cases = readdirSync(hostileRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name.startsWith('budget-'))
  .map((d) => d.name)
  .sort();

const CASE_TIMEOUT_MS = 20_000;
const MAX_RSS_KB = 1024 * 1024;
const update = process.env['UPDATE_FIXTURES'] === '1';

// Three processes at a time: enough to finish the corpus in seconds, few enough for two cores.
const limited = limiter(3);

describe('hostile inputs: budgets', () => {
  it('has the corpus', () => expect(cases.length).toBeGreaterThanOrEqual(22));

  it.concurrent.each(cases)('%s', { timeout: 3 * CASE_TIMEOUT_MS }, async (name) => {
    const { expected, run } = await limited(() => runCase(name, CASE_TIMEOUT_MS));
    if (update) {
      const file = path.join(hostileRoot, name, 'expected.json');
      const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify({ ...json, exit: run.code, diagnostics: run.diagnostics }, null, 2) + '\n');
      return;
    }
    expect(run.timedOut, `${name} ran past ${CASE_TIMEOUT_MS} ms`).toBe(false);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(run.code).toBe(expected.exit);
    expect(run.diagnostics).toEqual(expected.diagnostics);
    expect(run.diagnostics.length).toBeGreaterThan(0);
    expect(run.maxRssKb).toBeLessThan(MAX_RSS_KB);
  });
});

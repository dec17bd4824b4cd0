import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/cli.js';
import { leadersPlan } from '../helpers/plans.js';

/*
 * yaml reads LOG_TOKENS and LOG_STREAM from process.env at every token (its own debugging
 * switches, printed to standard output). The bundles hand yaml an empty env instead
 * (src/util/yaml-process.ts): the reads cost a fifth of a front matter's parse, and a switch
 * left set must not put yaml's tokens into plangen's output.
 */
const bin = fileURLToPath(new URL('../../bin/plangen.js', import.meta.url));
const base = { ...process.env, SOURCE_DATE_EPOCH: '1700000000', NO_COLOR: '1', FORCE_COLOR: undefined, LOG_TOKENS: undefined, LOG_STREAM: undefined };
const debugging = { ...base, LOG_TOKENS: '1', LOG_STREAM: '1' };

let t: ReturnType<typeof tempDir>;
beforeAll(() => {
  t = tempDir();
  writeFileSync(path.join(t.dir, 'plan.md'), leadersPlan('夏季消防安全检查'));
});
afterAll(() => t.cleanup());

const run = (env: NodeJS.ProcessEnv, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: t.dir, env, encoding: 'buffer' });

describe("yaml's debugging switches in the environment", () => {
  it('leave check and its report as they are', () => {
    const quiet = run(base, 'check', 'plan.md', '--format', 'json');
    const loud = run(debugging, 'check', 'plan.md', '--format', 'json');
    expect(loud.status).toBe(quiet.status);
    expect(loud.stdout.toString('utf8')).not.toMatch(/^\| /m);
    expect(loud.stdout.toString('utf8')).toBe(quiet.stdout.toString('utf8'));
  });

  it('leave a DOCX written to standard output byte for byte', () => {
    const quiet = run(base, 'build', 'plan.md', '-o', '-', '--no-cache');
    const loud = run(debugging, 'build', 'plan.md', '-o', '-', '--no-cache');
    expect(quiet.status).toBe(0);
    expect(quiet.stdout.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(Buffer.compare(loud.stdout, quiet.stdout)).toBe(0);
  });
});

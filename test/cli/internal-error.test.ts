/** What the clerk sees when plangen itself fails: the catalogue's message in their language, no stack. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/io/io.js';

/** An environment that throws on any read stands for a fault inside plangen. */
async function crash(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io: Io = {
    cwd: process.cwd(),
    env: new Proxy({}, { get: () => { throw new Error('环境读不出 env unreadable'); } }) as NodeJS.ProcessEnv,
    stdout: { write: () => true },
    stderr: { write: (s: string) => ((stderr += s), true) },
  };
  return { code: await main(argv, io), stderr };
}

describe('an internal error', () => {
  it('is the catalogue message, Chinese by default, English with --lang en, exit 2, no stack', async () => {
    const zh = await crash(['check', 'examples/fire-inspection.md']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toBe('plangen: 内部错误：环境读不出 env unreadable（请加 --verbose 重试并报告此问题）\n');
    const en = await crash(['check', 'examples/fire-inspection.md', '--lang', 'en']);
    expect(en.stderr).toBe('plangen: Internal error: 环境读不出 env unreadable (rerun with --verbose and report it)\n');
    expect((await crash(['--lang=en', 'check', 'examples/fire-inspection.md'])).stderr).toMatch(/^plangen: Internal error/);
  });

  it('shows the stack only with --verbose', async () => {
    const r = await crash(['check', 'examples/fire-inspection.md', '--verbose']);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

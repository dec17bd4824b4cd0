import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const t = tempDir();
afterAll(() => t.cleanup());
writeFileSync(path.join(t.dir, 'plan.md'), '---\ntitle: 关于开展工作的方案\nissuer: 某某街道办事处\ndate: 2025-06-03\n---\n\n## 要求\n\n会议,请参加。\n');

describe('--lang before the command', () => {
  it.each([
    [['--lang', 'en', 'check', 'plan.md']],
    [['--lang=en', 'check', 'plan.md']],
    [['check', 'plan.md', '--lang', 'en']],
  ])('%j speaks English', async (argv) => {
    const r = await runCli(argv, t.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Half-width "," after Chinese text');
  });
  it('reaches a command inside the template group', async () => {
    const r = await runCli(['--lang', 'en', 'template', 'eject', 'nosuch', 'out'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Template "nosuch" not found');
  });
  it('is still a usage error with no command after it', async () => {
    expect((await runCli(['--lang', 'en'], t.dir)).code).toBe(2);
  });
});

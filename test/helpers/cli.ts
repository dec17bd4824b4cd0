import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/io/io.js';

/** Run the CLI in-process on real files, capturing its output. */
export async function runCli(argv: string[], cwd: string, env: Record<string, string | undefined> = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    cwd,
    env,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix = 'plangen-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

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

interface EslintMessage {
  readonly ruleId: string;
  readonly severity: number;
  readonly line: number;
  readonly column: number;
}

/**
 * `--format json` output with each entry's `filePath` made relative to `cwd` again (the
 * report gives absolute paths, as ESLint's does), so tests can name files as typed.
 */
export function jsonReport(stdout: string, cwd: string): Array<{ file: string; errorCount: number; warningCount: number; messages: EslintMessage[] }> {
  if (stdout.trim() === '') return [];
  const parsed = JSON.parse(stdout) as Array<{ filePath: string; errorCount: number; warningCount: number; messages: EslintMessage[] }>;
  return parsed.map((r) => ({ ...r, file: shown(cwd, r.filePath) }));
}

/** Every message of a `--format json` report with the file it is filed under, relative to `cwd`. */
export function jsonMessages(stdout: string, cwd: string): Array<EslintMessage & { file: string }> {
  return jsonReport(stdout, cwd).flatMap((r) => r.messages.map((m) => ({ ...m, file: r.file })));
}

/** A path as plangen shows it (its displayPath): relative to `cwd` inside it, else absolute. */
function shown(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

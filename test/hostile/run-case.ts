import { jsonMessages } from '../helpers/cli.js';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Hostile cases: test/fixtures/hostile/<case>/ holds the inputs, `expected.json` (command,
 * exit code, diagnostics as rule id + file + line + column, optional env) and, for inputs
 * too big to commit, `generate.json`: file name → pieces, each `{ "text", "repeat" }` or
 * `{ "hex" }`, concatenated. A case runs as a real `plangen` process (so the worker, the
 * heap cap and the exit code are the ones a user gets) in a temporary copy of its folder.
 */
export const hostileRoot = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/plangen.js', import.meta.url));
const preload = fileURLToPath(new URL('./max-rss.cjs', import.meta.url));

export interface Expected {
  readonly command: 'check' | 'build';
  readonly args?: readonly string[];
  readonly exit: number;
  readonly env?: Readonly<Record<string, string>>;
  readonly diagnostics: readonly { ruleId: string; file: string; line: number; column: number }[];
}

export interface CaseRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stderr: string;
  readonly diagnostics: { ruleId: string; file: string; line: number; column: number }[];
  /** Peak resident memory of the process, KB. */
  readonly maxRssKb: number;
  readonly ms: number;
}

type Piece = { text: string; repeat?: number } | { hex: string };

/** Write a case's generated inputs into `dir`. */
export function generateInputs(caseDir: string, dir: string): void {
  const spec = path.join(caseDir, 'generate.json');
  if (!existsSync(spec)) return;
  const files = JSON.parse(readFileSync(spec, 'utf8')) as Record<string, Piece[]>;
  for (const [name, pieces] of Object.entries(files)) {
    const parts = pieces.map((p) => ('hex' in p ? Buffer.from(p.hex, 'hex') : Buffer.from(p.text.repeat(p.repeat ?? 1), 'utf8')));
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), Buffer.concat(parts));
  }
}

/** Run one case; `plan.md` is the plan unless expected.json gives other arguments. */
export async function runCase(name: string, timeoutMs: number): Promise<{ expected: Expected; run: CaseRun }> {
  const caseDir = path.join(hostileRoot, name);
  const expected = JSON.parse(readFileSync(path.join(caseDir, 'expected.json'), 'utf8')) as Expected;
  const dir = mkdtempSync(path.join(tmpdir(), `plangen-${name}-`));
  try {
    cpSync(caseDir, dir, { recursive: true });
    generateInputs(caseDir, dir);
    const argv = [expected.command, ...(expected.args ?? ['plan.md']), '--format', 'json', ...(expected.command === 'build' ? ['--out-dir', 'out'] : [])];
    return { expected, run: await runPlangen(dir, argv, expected.env ?? {}, timeoutMs) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run plangen as a process in `dir` with a JSON report, killed after `timeoutMs`. */
export async function runPlangen(dir: string, args: readonly string[], env: Readonly<Record<string, string>>, timeoutMs: number): Promise<CaseRun> {
  const rssFile = path.join(dir, '.max-rss');
  rmSync(rssFile, { force: true });
  const started = Date.now();
  const child = spawn(process.execPath, ['--require', preload, bin, ...args], { cwd: dir, env: { ...process.env, ...env, PLANGEN_TEST_RSS_FILE: rssFile } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  clearTimeout(timer);
  const ms = Date.now() - started;
  let diagnostics: CaseRun['diagnostics'] = [];
  try {
    diagnostics = jsonMessages(stdout, dir).map((m) => ({ ruleId: m.ruleId ?? '', file: m.file, line: m.line, column: m.column }));
  } catch {
    // Not JSON: the assertions on the diagnostics will show stdout is wrong.
  }
  const maxRssKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : Number.NaN;
  return { code, signal, timedOut, stderr, diagnostics, maxRssKb, ms };
}

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadYaml } from './command-lines.js';

interface ActionStep {
  readonly id?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
  readonly 'working-directory'?: string;
}
export interface ActionFile {
  readonly inputs: Record<string, { readonly default?: string; readonly description?: string }>;
  readonly outputs: Record<string, { readonly value: string }>;
  readonly runs: { readonly using: string; readonly steps: ActionStep[] };
}

export const action = loadYaml('action.yml').value as ActionFile;

/** `${{ inputs.name }}` filled from the inputs given, else the action's defaults; any other expression throws. */
export function expand(value: string, inputs: Readonly<Record<string, string>>): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_whole, expr: string) => {
    const m = /^inputs\.([\w-]+)$/.exec(expr);
    if (!m) throw new Error(`unexpected expression \${{ ${expr} }}`);
    const name = m[1] ?? '';
    if (!(name in action.inputs)) throw new Error(`undeclared input ${name}`);
    return inputs[name] ?? String(action.inputs[name]?.default ?? '');
  });
}

/**
 * Run the action's plangen step as the runner would: its script under bash, its `env:`
 * filled from `inputs`, in its working directory below `workspace`, with
 * `GITHUB_ACTION_PATH` pointing at `actionPath` (the real checkout, or a stand-in whose
 * bin/plangen.js records its arguments). Returns the exit code and the step's outputs.
 */
export function runActionStep(inputs: Readonly<Record<string, string>>, workspace: string, actionPath: string, extraEnv: Record<string, string> = {}) {
  const step = action.runs.steps.find((s) => s.id === 'run');
  if (!step?.run) throw new Error('action.yml has no step with id: run');
  const scratch = path.join(workspace, '.runner');
  mkdirSync(scratch, { recursive: true });
  const script = path.join(scratch, 'step.sh');
  const outputFile = path.join(scratch, 'output');
  writeFileSync(script, step.run);
  writeFileSync(outputFile, '');
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? workspace, GITHUB_ACTION_PATH: actionPath, GITHUB_OUTPUT: outputFile, ...extraEnv };
  for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(String(v), inputs);
  const cwd = path.resolve(workspace, expand(step['working-directory'] ?? '.', inputs));
  // GitHub runs a bash step as `bash --noprofile --norc -eo pipefail {0}`.
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs };
}

/** A stand-in for the action's checkout whose plangen writes its arguments to `argvFile` and exits with `code`. */
export function recordingAction(dir: string, argvFile: string, code = 0): string {
  mkdirSync(path.join(dir, 'bin'), { recursive: true });
  writeFileSync(
    path.join(dir, 'bin', 'plangen.js'),
    `require('node:fs').appendFileSync(${JSON.stringify(argvFile)}, JSON.stringify(process.argv.slice(2)) + '\\n');\nprocess.exit(${code});\n`,
  );
  return dir;
}

/** The argument lists recorded by `recordingAction`, one per run. */
export function recorded(argvFile: string): string[][] {
  return readFileSync(argvFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string[]);
}

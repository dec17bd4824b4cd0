/**
 * The action's plangen step, run under bash as the runner runs it, with the real plangen of
 * this checkout (dist/, built by `npm test`) or with a stand-in that records its arguments.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/cli.js';
import { recorded, recordingAction, runActionStep } from './action-script.js';
import { repoRoot } from './command-lines.js';
import { shortPlan } from '../helpers/plans.js';

const plan = shortPlan;

const onWindows = process.platform === 'win32';
let t: ReturnType<typeof tempDir>;
let w: string;
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(w, rel)), { recursive: true });
  writeFileSync(path.join(w, rel), text);
};

beforeEach(() => {
  t = tempDir('plangen-action-');
  w = path.join(t.dir, 'workspace');
  mkdirSync(path.join(w, '.git'), { recursive: true });
});
afterEach(() => t.cleanup());

describe.skipIf(onWindows)('the action’s plangen step', () => {
  it('passes paths through as typed: spaces kept, $(…) never run', { timeout: 60_000 }, () => {
    write('plans/工作 方案.md', plan('甲'));
    write('plans/$(touch pwned).md', plan('乙'));
    const r = runActionStep({ command: 'check', paths: 'plans/工作 方案.md\r\n\nplans/$(touch pwned).md\n', format: 'json' }, w, repoRoot);
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs).toEqual({ 'exit-code': '0' });
    const report = JSON.parse(r.stdout) as { filePath: string }[];
    expect(report.map((f) => path.basename(f.filePath)).sort()).toEqual(['$(touch pwned).md', '工作 方案.md']);
    expect(existsSync(path.join(w, 'pwned'))).toBe(false);
  });

  it('fails the step with plangen’s exit code, and still reports it as an output', { timeout: 60_000 }, () => {
    write('plans/a.md', plan('甲').replace('date: 2025-06-03', 'date: 2025-02-30'));
    const r = runActionStep({ command: 'check', paths: 'plans', format: 'stylish', args: '--lang en' }, w, repoRoot);
    expect(r.code).toBe(1);
    expect(r.outputs).toEqual({ 'exit-code': '1' });
    expect(r.stdout).toContain('impossible-date');
  });

  it('builds a shard into the out dir in the working directory and names its manifest', { timeout: 120_000 }, () => {
    write('office/plans/a.md', plan('甲'));
    write('office/plans/b.md', plan('乙'));
    const r = runActionStep({ command: 'build', paths: 'plans', 'out-dir': 'out', shard: '2/2', format: 'stylish', 'working-directory': 'office', args: '--no-cache' }, w, repoRoot);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.outputs).toEqual({ 'exit-code': '0', manifest: 'out/manifest-2-of-2.json' });
    const manifest = JSON.parse(readFileSync(path.join(w, 'office/out/manifest-2-of-2.json'), 'utf8')) as { outputs: { path: string }[] };
    expect(manifest.outputs.map((o) => o.path)).toEqual(['b.docx']);
  });

  it('splits args at white space without running anything in them', () => {
    const argvFile = path.join(t.dir, 'argv.jsonl');
    const fake = recordingAction(path.join(t.dir, 'action'), argvFile, 3);
    const r = runActionStep({ command: 'check', paths: 'plans/*.md', args: "--lang en;\ttouch pwned2 $(touch pwned3) `touch pwned4` '--strict'" }, w, fake);
    expect(r.code).toBe(3);
    expect(r.outputs).toEqual({ 'exit-code': '3' });
    expect(recorded(argvFile)).toEqual([['check', 'plans/*.md', '--format', 'github', '--lang', 'en;', 'touch', 'pwned2', '$(touch', 'pwned3)', '`touch', "pwned4`", "'--strict'"]]);
    for (const f of ['pwned2', 'pwned3', 'pwned4']) expect(existsSync(path.join(w, f))).toBe(false);
  });

  it('turns the inputs into plangen’s options for each command', () => {
    const argvFile = path.join(t.dir, 'argv.jsonl');
    const fake = recordingAction(path.join(t.dir, 'action'), argvFile);
    runActionStep({ command: 'build', paths: 'plans\nextra/x.md', pdf: 'true', shard: '3/4', 'out-dir': 'out dir' }, w, fake);
    runActionStep({ command: 'build', paths: 'plans', pdf: 'false' }, w, fake);
    runActionStep({ command: 'manifest-merge', paths: 'out/manifest-*-of-4.json', 'out-dir': 'out' }, w, fake);
    runActionStep({ command: 'manifest-merge', paths: 'a.json\nb.json', format: 'stylish' }, w, fake);
    expect(recorded(argvFile)).toEqual([
      ['build', 'plans', 'extra/x.md', '--format', 'github', '--pdf', '--shard', '3/4', '--out-dir', 'out dir'],
      ['build', 'plans', '--format', 'github'],
      ['manifest', 'merge', 'out/manifest-*-of-4.json', '-o', 'out/manifest.json', '--format', 'github'],
      ['manifest', 'merge', 'a.json', 'b.json', '-o', './manifest.json', '--format', 'stylish'],
    ]);
  });
});

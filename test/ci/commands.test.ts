/**
 * The CI files and docs/ci.md are what offices copy. Every plangen command line in them must
 * be one the real command line accepts: each is run through `main()` with the commands'
 * work replaced by a recorder, so an option that does not exist, a value a choice refuses or
 * a contradiction (`--pdf --to docx`) fails here, and nothing is built.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/io/io.js';
import { tempDir } from '../helpers/cli.js';
import { action, recorded, recordingAction, runActionStep } from './action-script.js';
import { ciExamples, codeBlocks, loadYaml, plangenCommands, repoRoot, scriptsOf } from './command-lines.js';

const calls = vi.hoisted(() => [] as { command: string; paths: readonly string[]; options: Record<string, unknown> }[]);
vi.mock('../../src/cli/build.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/cli/build.js')>()),
  runBuild: async (paths: readonly string[], options: Record<string, unknown>) => (calls.push({ command: 'build', paths, options }), 0),
}));
vi.mock('../../src/cli/check.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/cli/check.js')>()),
  runCheck: async (paths: readonly string[], options: Record<string, unknown>) => (calls.push({ command: 'check', paths, options }), 0),
}));
vi.mock('../../src/cli/manifest.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/cli/manifest.js')>()),
  runManifestMerge: async (paths: readonly string[], options: Record<string, unknown>) => (calls.push({ command: 'manifest merge', paths, options }), 0),
}));

const t = tempDir('plangen-ci-commands-');
afterAll(() => t.cleanup());

/** Parse `argv` as the CLI would; the recorded call, or what went wrong. */
async function parse(argv: readonly string[]) {
  calls.length = 0;
  let stderr = '';
  const io: Io = { cwd: t.dir, env: {}, stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } };
  const code = await main(argv, io);
  return { code, stderr, call: calls.length === 1 ? calls[0] : undefined };
}

const examples = ciExamples.map((file) => ({ file, doc: loadYaml(file).doc }));
const exampleCommands = examples.flatMap(({ file, doc }) => scriptsOf(doc).flatMap((s) => plangenCommands(s.text).map((argv) => ({ where: `${file}${s.where}`, argv }))));
const docCommands = codeBlocks('docs/ci.md').flatMap((b) => plangenCommands(b.text).map((argv) => ({ where: `docs/ci.md:${b.line}`, argv })));

beforeEach(() => {
  calls.length = 0;
});

describe('plangen command lines in examples/ci and docs/ci.md', () => {
  it('are found where expected (the extraction is not empty)', () => {
    expect(exampleCommands.map((c) => c.argv.slice(0, 2).join(' '))).toEqual(expect.arrayContaining(['check plans', 'build plans', 'manifest merge']));
    expect(docCommands.length).toBeGreaterThanOrEqual(8);
    expect(docCommands.map((c) => c.argv[0])).toEqual(expect.arrayContaining(['check', 'build', 'manifest']));
  });

  it.each([...exampleCommands, ...docCommands].map((c) => [c.where, c.argv.join(' '), c.argv] as const))('%s: plangen %s', async (_where, _line, argv) => {
    expect(['check', 'build', 'manifest'], 'a command this test knows how to run without side effects').toContain(argv[0]);
    const r = await parse(argv);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.call?.command).toBe(argv[0] === 'manifest' ? 'manifest merge' : argv[0]);
  });

  it('would catch an option that does not exist, a refused value and a contradiction', async () => {
    for (const argv of [
      ['build', 'plans', '--out-dir', 'out', '--sharding', '1/4'],
      ['check', 'plans', '--shard', '1/4'],
      ['check', 'plans', '--format', 'junit'],
      ['build', 'plans', '--pdf', '--to', 'docx'],
      ['manifest', 'merge', 'out/manifest-*.json', '--out', 'x.json'],
      ['manifest', 'combine', 'a.json'],
    ]) {
      const r = await parse(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.call, argv.join(' ')).toBeUndefined();
    }
  });

  it('reads a shard from a matrix or from GitLab’s node index as I/N', async () => {
    const gitlab = exampleCommands.find((c) => c.where.startsWith('examples/ci/gitlab-ci.yml') && c.argv[0] === 'build');
    expect(gitlab?.argv).toEqual(['build', 'plans', '--out-dir', 'out', '--pdf', '--shard', '1/4']);
    const r = await parse(gitlab?.argv ?? []);
    expect(r.call?.options).toMatchObject({ shard: '1/4', outDir: 'out', to: 'both' });
  });
});

/** The values of `key` under every step that uses the plangen action, with its job's matrix. */
function plangenSteps(doc: ReturnType<typeof loadYaml>['doc']): { job: string; with: Record<string, string>; matrix: Record<string, unknown[]> }[] {
  const found: { job: string; with: Record<string, string>; matrix: Record<string, unknown[]> }[] = [];
  const workflow = doc.toJS() as { jobs?: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[]; strategy?: { matrix?: Record<string, unknown[]> } }> };
  for (const [job, body] of Object.entries(workflow.jobs ?? {})) {
    for (const step of body.steps ?? []) {
      if (step.uses === 'plangen/plangen@v1' || step.uses === './') {
        found.push({ job, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)])), matrix: body.strategy?.matrix ?? {} });
      }
    }
  }
  return found;
}

describe('the composite action in the GitHub examples', () => {
  const github = examples.filter((e) => e.file.includes('/github-'));
  const steps = github.flatMap((e) => plangenSteps(e.doc).map((s) => ({ file: e.file, ...s })));

  it('is used for check, build and manifest-merge', () => {
    expect(steps.map((s) => s.with['command'])).toEqual(expect.arrayContaining(['check', 'build', 'manifest-merge']));
  });

  it.each(steps.map((s) => [s.file, s.job, s] as const))('%s, job %s: gives only declared inputs, and plangen accepts what the action runs', async (_file, _job, step) => {
    for (const name of Object.keys(step.with)) expect(Object.keys(action.inputs), name).toContain(name);
    const shards = (step.matrix['shard'] ?? [undefined]) as unknown[];
    for (const shard of shards) {
      const inputs = Object.fromEntries(Object.entries(step.with).map(([k, v]) => [k, v.replace(/\$\{\{\s*matrix\.shard\s*\}\}/g, String(shard))]));
      expect(Object.values(inputs).join(' ')).not.toContain('${{');
      const dir = path.join(t.dir, `action-${step.job}-${String(shard)}`);
      mkdirSync(dir, { recursive: true });
      const argvFile = path.join(dir, 'argv.jsonl');
      const r = runActionStep(inputs, dir, recordingAction(path.join(dir, 'action'), argvFile));
      expect(r.code, r.stderr).toBe(0);
      const [argv] = recorded(argvFile);
      const parsed = await parse(argv ?? []);
      expect(parsed.stderr).toBe('');
      expect(parsed.code).toBe(0);
      if (inputs['command'] === 'build') expect(parsed.call?.options).toMatchObject({ shard: `${String(shard)}/4`, outDir: 'out', to: 'both', format: 'github' });
      if (inputs['command'] === 'manifest-merge') expect(parsed.call).toMatchObject({ paths: ['out/manifest-*-of-4.json'], options: { output: 'out/manifest.json' } });
    }
  });
});

describe('the CI files themselves', () => {
  it.each(['action.yml', ...ciExamples])('%s parses as YAML', (file) => {
    expect(loadYaml(file).errors).toEqual([]);
  });

  it.each(['action.yml', ...ciExamples])('%s writes no ${{ … }} expression into a script (script injection)', (file) => {
    const scripts = scriptsOf(loadYaml(file).doc);
    for (const s of scripts) expect(s.text, s.where).not.toMatch(/\$\{\{/);
  });

  it.each(['action.yml', ...ciExamples.filter((f) => f.includes('/github-'))])('%s pins every other action by a major tag', (file) => {
    const uses: string[] = [];
    const visit = (node: unknown) => {
      if (isMap(node)) for (const p of node.items) isScalar(p.key) && p.key.value === 'uses' && isScalar(p.value) ? uses.push(String(p.value.value)) : visit(p.value as Node);
      else if (isSeq(node)) node.items.forEach(visit);
    };
    visit(loadYaml(file).doc.contents);
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses.filter((x) => x !== './' && x !== 'plangen/plangen@v1')) expect(u).toMatch(/^[\w.-]+\/[\w./-]+@v\d+$/);
  });

  it('action.yml declares every input it uses and uses every input it declares', () => {
    const text = readFileSync(path.join(repoRoot, 'action.yml'), 'utf8');
    const body = text.slice(text.indexOf('\noutputs:'));
    const used = new Set([...body.matchAll(/\binputs\.([\w-]+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toBeTruthy();
  });

  it('action.yml is a composite action whose outputs come from its plangen step', () => {
    expect(action.runs.using).toBe('composite');
    expect(scriptsOf(loadYaml('action.yml').doc).map((s) => s.where)).toHaveLength(3);
    for (const o of Object.values(action.outputs)) expect(o.value).toMatch(/^\$\{\{ steps\.run\.outputs\.[\w-]+ \}\}$/);
  });
});

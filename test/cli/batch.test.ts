import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/io/io.js';
import { parseShard, pickShard } from '../../src/cli/shard.js';
import { jsonMessages, runCli, tempDir } from '../helpers/cli.js';
import { leadersPlan } from '../helpers/plans.js';

const plan = leadersPlan;

const env = { ...process.env, SOURCE_DATE_EPOCH: undefined, NO_COLOR: undefined, FORCE_COLOR: undefined };

let t: ReturnType<typeof tempDir>;
let w: string;
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(w, rel)), { recursive: true });
  writeFileSync(path.join(w, rel), text);
};
const at = (rel: string) => path.join(w, rel);
const build = (...args: string[]) => runCli(['build', ...args, '--lang', 'en'], w, env);
/** Outputs get an old mtime, so a rewrite in the same second still shows. */
const age = (...rels: string[]) => {
  for (const r of rels) utimesSync(at(r), new Date(2001, 0, 1), new Date(2001, 0, 1));
};
const untouched = (rel: string) => statSync(at(rel)).mtime.getFullYear() === 2001;

beforeEach(async () => {
  t = tempDir();
  w = path.join(t.dir, 'office');
  mkdirSync(path.join(w, '.git'), { recursive: true });
  write('plans/a.md', plan('甲').replace('date:', 'template: ../tpl\ndate:'));
  write('plans/b.md', plan('乙'));
  write('plans/c.md', plan('丙'));
  expect((await runCli(['template', 'eject', 'plan', 'tpl'], w, env)).code).toBe(0);
});
afterEach(() => t.cleanup());

describe('build cache', () => {
  it('skips unchanged plans without rewriting their outputs, and rebuilds a changed one', async () => {
    const first = await build('plans', '--out-dir', 'out');
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stderr).toContain('3 built, 0 unchanged, 0 failed');
    expect(readdirSync(at('.plangen-cache')).filter((f) => f.endsWith('.json'))).toHaveLength(3);
    const before = readFileSync(at('out/b.docx'));
    age('out/a.docx', 'out/b.docx', 'out/c.docx');

    const again = await build('plans', '--out-dir', 'out');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('0 built, 3 unchanged, 0 failed');
    expect(['out/a.docx', 'out/b.docx', 'out/c.docx'].every(untouched)).toBe(true);
    // The manifest still lists the outputs kept from the last build.
    const manifest = JSON.parse(readFileSync(at('out/manifest.json'), 'utf8')) as { outputs: { path: string }[] };
    expect(manifest.outputs.map((o) => o.path)).toEqual(['a.docx', 'b.docx', 'c.docx']);

    write('plans/b.md', plan('乙', '另加一句。'));
    const changed = await build('plans', '--out-dir', 'out');
    expect(changed.stderr).toContain('1 built, 2 unchanged');
    expect(untouched('out/b.docx')).toBe(false);
    expect(untouched('out/a.docx') && untouched('out/c.docx')).toBe(true);
    expect(readFileSync(at('out/b.docx')).equals(before)).toBe(false);
  });

  it('rebuilds only the plans that use a partial that changed', async () => {
    expect((await build('plans', '--out-dir', 'out')).code).toBe(0);
    age('out/a.docx', 'out/b.docx', 'out/c.docx');
    appendFileSync(at('tpl/partials/leaders.hbs'), '\n');
    const r = await build('plans', '--out-dir', 'out');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toContain('1 built, 2 unchanged');
    expect(untouched('out/a.docx')).toBe(false);
    expect(untouched('out/b.docx') && untouched('out/c.docx')).toBe(true);
  });

  it('rebuilds an output that was deleted or edited, and when the options change', async () => {
    expect((await build('plans', '--out-dir', 'out')).code).toBe(0);
    writeFileSync(at('out/a.docx'), 'edited by hand');
    const edited = await build('plans', '--out-dir', 'out');
    expect(edited.stderr).toContain('1 built, 2 unchanged');
    expect(readFileSync(at('out/a.docx')).subarray(0, 2).toString('latin1')).toBe('PK');
    const epoch = await runCli(['build', 'plans', '--out-dir', 'out', '--lang', 'en'], w, { ...env, SOURCE_DATE_EPOCH: '1700000000' });
    expect(epoch.stderr).toContain('3 built, 0 unchanged');
  });

  it('ignores a corrupt or foreign cache entry and rebuilds, noting it only with --verbose', async () => {
    expect((await build('plans', '--out-dir', 'out')).code).toBe(0);
    const entries = readdirSync(at('.plangen-cache')).sort();
    writeFileSync(path.join(at('.plangen-cache'), entries[0]!), '{"format":"plangen-build-cache/1","key":');
    const foreign = JSON.parse(readFileSync(path.join(at('.plangen-cache'), entries[1]!), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(at('.plangen-cache'), entries[1]!), JSON.stringify({ ...foreign, reads: 'everything' }));
    const quiet = await build('plans', '--out-dir', 'out');
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toContain('2 built, 1 unchanged');
    expect(quiet.stderr).not.toContain('cache file');
    // Rewritten: the next run trusts them again.
    const after = await build('plans', '--out-dir', 'out', '--verbose');
    expect(after.stderr).toContain('0 built, 3 unchanged');
    writeFileSync(path.join(at('.plangen-cache'), entries[0]!), 'not json');
    const verbose = await build('plans', '--out-dir', 'out', '--verbose');
    expect(verbose.stderr).toMatch(/Build cache file \.plangen-cache\/[0-9a-f]+\.json is not a plangen record/);
  });

  it('takes no message from an entry that the catalogue cannot word: the entry is ignored and the plan rebuilt', async () => {
    expect((await build('plans/b.md', '--out-dir', 'out')).code).toBe(0);
    const [name] = readdirSync(at('.plangen-cache'));
    const entry = JSON.parse(readFileSync(path.join(at('.plangen-cache'), name!), 'utf8')) as { diagnostics: unknown[] };
    entry.diagnostics.push({ file: 'plans/b.md', line: 1, column: 1, ruleId: 'made-up-rule', severity: 'warning', args: {} });
    writeFileSync(path.join(at('.plangen-cache'), name!), JSON.stringify(entry));
    const r = await build('plans/b.md', '--out-dir', 'out');
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('made-up-rule');
    expect(readFileSync(path.join(at('.plangen-cache'), name!), 'utf8')).not.toContain('made-up-rule');
  });

  it('keys the config by what it sets: a comment edit rebuilds nothing, a changed setting rebuilds its plans', async () => {
    write('plans/plangen.config.yaml', '# 全街道的方案\nrules:\n  placeholder: warn\n');
    expect((await build('plans', '--out-dir', 'out')).code).toBe(0);
    age('out/a.docx', 'out/b.docx', 'out/c.docx');
    write('plans/plangen.config.yaml', '# 全街道的方案（已核对）\nrules:\n  placeholder: warn\n');
    const comment = await build('plans', '--out-dir', 'out');
    expect(comment.stderr).toContain('0 built, 3 unchanged');
    write('plans/plangen.config.yaml', '# 全街道的方案\nrules:\n  placeholder: error\n');
    const setting = await build('plans', '--out-dir', 'out');
    expect(setting.stderr).toContain('3 built, 0 unchanged');
    // A -M default is part of the key too.
    age('out/a.docx', 'out/b.docx', 'out/c.docx');
    const meta = await build('plans', '--out-dir', 'out', '-M', 'note=此件公开发布');
    expect(meta.stderr).toContain('3 built, 0 unchanged');
    expect(untouched('out/a.docx')).toBe(false);
  });

  it('--no-cache rebuilds everything; --cache-dir moves the cache', async () => {
    expect((await build('plans', '--out-dir', 'out', '--cache-dir', 'elsewhere/c')).code).toBe(0);
    expect(existsSync(at('.plangen-cache'))).toBe(false);
    expect(readdirSync(at('elsewhere/c'))).toHaveLength(3);
    expect((await build('plans', '--out-dir', 'out', '--cache-dir', 'elsewhere/c')).stderr).toContain('3 unchanged');
    const none = await build('plans', '--out-dir', 'out', '--no-cache');
    expect(none.stderr).toContain('3 built, 0 unchanged');
    expect(existsSync(at('.plangen-cache'))).toBe(false);
  });

  it('reports a cached plan’s warnings again, so --max-warnings counts the same', async () => {
    write('plans/b.md', plan('乙', '时间为2025年06月03日。'));
    const first = await build('plans/b.md', '--max-warnings', '0');
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('date-zero-padding');
    age('plans/b.docx');
    const again = await build('plans/b.md', '--max-warnings', '0');
    expect(again.stderr).toContain('0 built, 1 unchanged');
    expect(untouched('plans/b.docx')).toBe(true);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe(first.stdout);
  });
});

describe('a batch with a bad plan', () => {
  it('builds every other plan, lists the failures together and exits 1', async () => {
    write('plans/b.md', plan('乙').replace('date: 2025-06-03', 'date: 2025-02-30'));
    write('plans/d.md', plan('丁').replace('title:', 'titel:'));
    const r = await build('plans', '--out-dir', 'out');
    expect(r.code).toBe(1);
    expect(['a', 'c'].every((n) => existsSync(at(`out/${n}.docx`)))).toBe(true);
    expect(existsSync(at('out/b.docx')) || existsSync(at('out/d.docx'))).toBe(false);
    expect(r.stdout).toContain('plans/b.md:4:7');
    expect(r.stderr).toContain('2 built, 0 unchanged, 2 failed');
    expect(r.stderr).toContain('Plans not built: plans/b.md, plans/d.md');
    // Failed plans are not cached: fixed, they build.
    write('plans/b.md', plan('乙'));
    const fixed = await build('plans', '--out-dir', 'out');
    expect(fixed.stderr).toContain('1 built, 2 unchanged, 1 failed');
  });
});

describe('--shard', () => {
  it('splits any list into shards that never overlap and together cover it', () => {
    for (let n = 0; n <= 23; n++) {
      const list = Array.from({ length: n }, (_, i) => i);
      for (let count = 1; count <= 7; count++) {
        const parts = Array.from({ length: count }, (_, i) => pickShard(list, { index: i + 1, count }));
        expect(parts.flat()).toEqual(list);
        expect(Math.max(...parts.map((p) => p.length)) - Math.min(...parts.map((p) => p.length))).toBeLessThanOrEqual(1);
      }
    }
  });
  it.each(['1/1', '2/4', '7/7'])('accepts %s', (s) => expect(parseShard(s)).toBeDefined());
  it.each(['0/3', '4/3', '1/0', 'a/b', '1', '1/2/3', '-1/2', ''])('refuses %j', (s) => expect(parseShard(s)).toBeUndefined());

  it('builds each plan in exactly one shard, whatever order the arguments name them in', async () => {
    const built: string[] = [];
    for (const s of ['1/2', '2/2']) {
      const r = await build('plans/c.md', 'plans/a.md', 'plans/b.md', '--shard', s, '--out-dir', `out${s[0]}`, '--no-cache');
      expect(r.code, r.stderr).toBe(0);
      built.push(...readdirSync(at(`out${s[0]}`), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.docx')).map((f) => path.basename(f)));
    }
    expect(built.sort()).toEqual(['a.docx', 'b.docx', 'c.docx']);
    expect(new Set(built).size).toBe(3);
  });
  it('writes manifest-I-of-N.json per shard, and the shard manifests together list every output once', async () => {
    const listed: string[] = [];
    for (const s of ['1/3', '2/3', '3/3']) {
      const r = await build('plans', '--shard', s, '--out-dir', 'out', '--no-cache');
      expect(r.code, r.stderr).toBe(0);
      const [i, n] = s.split('/');
      const m = JSON.parse(readFileSync(at(`out/manifest-${i}-of-${n}.json`), 'utf8')) as { outputs: { path: string; sha256: string }[] };
      for (const o of m.outputs) {
        // Each entry is the file as it is on disk.
        expect(createHash('sha256').update(readFileSync(at(path.join('out', o.path)))).digest('hex')).toBe(o.sha256);
        listed.push(o.path);
      }
    }
    expect(listed.sort()).toEqual(['a.docx', 'b.docx', 'c.docx']);
    expect(existsSync(at('out/manifest.json'))).toBe(false);
    // More shards than plans: the empty one still leaves its (empty) manifest for the combining job.
    const empty = await build('plans/a.md', '--shard', '1/2', '--out-dir', 'solo');
    expect(empty.code).toBe(0);
    expect(JSON.parse(readFileSync(at('solo/manifest-1-of-2.json'), 'utf8'))).toMatchObject({ outputs: [] });
  });

  it('refuses a manifest named over a plan (of any shard) or over a document, before anything is written', async () => {
    const before = readFileSync(at('plans/b.md'), 'utf8');
    // Shard 1/3 builds a.md alone: b.md is another shard's plan, and still the clerk's.
    for (const [args, file, over] of [
      [['plans/a.md', '--manifest', 'plans/a.md'], 'plans/a.md', 'this plan'],
      [['plans', '--shard', '1/3', '--manifest', 'plans/B.md'], 'plans/b.md', 'this plan'],
      [['plans/a.md', '-o', 'named.docx', '--manifest', 'named.docx'], 'plans/a.md', 'a file this plan writes'],
      [['plans', '--out-dir', 'out-m', '--pdf', '--manifest', 'out-m/c.pdf'], 'plans/c.md', 'a file this plan writes'],
    ] as const) {
      const r = await build(...args, '--format', 'json', '--no-cache');
      expect(r.code, args.join(' ')).toBe(2);
      const messages = jsonMessages(r.stdout, w);
      expect(messages.map((m) => [m.ruleId, m.file])).toEqual([['manifest-clash', file]]);
      expect(r.stdout).toContain(over);
    }
    expect(readFileSync(at('plans/a.md'), 'utf8')).toContain('---');
    expect(readFileSync(at('plans/b.md'), 'utf8')).toBe(before);
    expect(existsSync(at('named.docx')) || existsSync(at('out-m'))).toBe(false);
  });

  it('an empty shard whose manifest cannot be written says so and fails, as a full one does', async () => {
    write('not-a-folder', 'x');
    for (const s of ['1/2', '2/2']) {
      const r = await build('plans/a.md', '--shard', s, '--manifest', 'not-a-folder/manifest.json', '--format', 'json', '--no-cache');
      expect(r.code, `${s}: ${r.stderr}`).toBe(2);
      expect(r.stdout).toContain('output-failed');
      expect(r.stdout).toContain('not-a-folder/manifest.json');
    }
  });

  it('an empty shard builds nothing and succeeds; a malformed one is a usage error', async () => {
    const empty = await build('plans/a.md', '--shard', '2/3');
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain('Shard 2/3 has no plans');
    expect(existsSync(at('plans/a.docx'))).toBe(false);
    const bad = await build('plans', '--shard', '3/2');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--shard takes I/N');
  });
});

describe('progress', () => {
  const run = async (tty: boolean, extraEnv: Record<string, string | undefined> = {}, args: string[] = []) => {
    let stderr = '';
    const io: Io = { cwd: w, env: { ...env, ...extraEnv }, stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s), isTTY: tty } };
    const code = await main(['build', 'plans', '--out-dir', 'out', '--no-cache', '--lang', 'en', ...args], io);
    return { code, stderr };
  };
  it('writes one line per plan and a summary in a log, without colour', async () => {
    const r = await run(false);
    expect(r.stderr.split('\n').filter((l) => /^\[\d\/3\] DOCX plans\/[abc]\.md → out\/[abc]\.docx$/.test(l))).toHaveLength(3);
    expect(r.stderr).toMatch(/^3 built, 0 unchanged, 0 failed, 0 warnings, \d+\.\d s$/m);
    expect(r.stderr).not.toContain('\x1b[');
    expect(r.stderr).not.toContain('\r');
  });
  it('redraws one line on a terminal, in colour unless NO_COLOR', async () => {
    const r = await run(true);
    expect(r.stderr).toContain('\r\x1b[2K[2/3] DOCX plans/b.md');
    expect(r.stderr.split('\n').filter((l) => l.includes('[1/3]'))).toHaveLength(1);
    expect(r.stderr).toMatch(/\x1b\[32m3 built/);
    const plain = await run(true, { NO_COLOR: '1' });
    expect(plain.stderr).toContain('\r\x1b[2K');
    expect(plain.stderr).not.toMatch(/\x1b\[\d+m/);
    const forced = await run(false, { FORCE_COLOR: '1' });
    expect(forced.stderr).toMatch(/\x1b\[32m3 built/);
  });
  it('says nothing with --quiet', async () => {
    const r = await run(true, {}, ['--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('build --watch', () => {
  it('builds, rebuilds the one plan that changed, reports an error and goes on watching', async () => {
    const { runWatch } = await import('../../src/cli/watch.js');
    let stderr = '';
    let stdout = '';
    const io: Io = { cwd: w, env, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
    const stop = new AbortController();
    const codes: number[] = [];
    let wake: (() => void) | undefined;
    const nextBuild = () => new Promise<void>((resolve) => (wake = resolve));
    let built = nextBuild();
    const watching = runWatch(['plans'], { format: 'stylish', lang: 'en', quiet: false, verbose: false, to: 'docx', outDir: 'out' }, io, {
      signal: stop.signal,
      debounceMs: 50,
      onBuild: (code) => {
        codes.push(code);
        wake?.();
      },
    });
    await built;
    expect(codes).toEqual([0]);
    expect(stderr).toContain('3 built');
    // Wait for the watcher to be ready before changing anything.
    for (let i = 0; i < 100 && !stderr.includes('Watching for changes'); i++) await new Promise((r) => setTimeout(r, 20));
    age('out/a.docx', 'out/b.docx', 'out/c.docx');
    built = nextBuild();
    write('plans/b.md', plan('乙', '另加一句。'));
    await built;
    expect(codes).toEqual([0, 0]);
    expect(stderr).toContain('plans/b.md changed; rebuilding');
    expect(stderr).toContain('1 built, 2 unchanged');
    expect(untouched('out/b.docx')).toBe(false);
    expect(untouched('out/a.docx') && untouched('out/c.docx')).toBe(true);

    built = nextBuild();
    write('plans/c.md', plan('丙').replace('date: 2025-06-03', 'date: 2025-02-30'));
    await built;
    expect(codes).toEqual([0, 0, 1]);
    expect(stdout).toContain('plans/c.md:4:7');
    stop.abort();
    expect(await watching).toBe(0);
    expect(readdirSync(at('out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 30_000);
});

describe('build --watch without hooks', () => {
  it('still builds first, then stops when told', async () => {
    const { runWatch } = await import('../../src/cli/watch.js');
    const io: Io = { cwd: w, env, stdout: { write: () => true }, stderr: { write: () => true } };
    const stop = new AbortController();
    stop.abort();
    expect(await runWatch(['plans/b.md'], { format: 'stylish', lang: 'en', quiet: true, verbose: false, to: 'docx' }, io, { signal: stop.signal })).toBe(0);
    expect(existsSync(at('plans/b.docx'))).toBe(true);
  });
});

/**
 * The hostile corpus, output cases (test/fixtures/hostile/output-*): nothing corrupt is
 * written, nothing is left behind, no surprises in what is written where. Each case folder
 * holds its inputs and expected.json:
 *
 *   why          what the case is about
 *   args         the command line after `plangen` (run in a copy of the folder)
 *   env          extra environment (PATH "" hides LibreOffice; SOFFICE "fake-…" a stand-in)
 *   rename       files to rename after copying ({"input.md": "\u001b[31m.md"}): names git should not hold
 *   exit         the exit code
 *   diagnostics  [rule id, file, line, column] of every problem (from -f json), in order
 *   stderr / stdout   texts the output must contain
 *   notStdout    texts it must not contain
 *   exists / absent   files (in the copy) that must / must not be there afterwards
 *   docx         DOCX files whose every XML part must be well-formed
 *   docxText     texts the first of them must hold (in word/document.xml)
 *   signal       a process case: {"send": "SIGINT"|"SIGKILL", "when": "tmp-file"|"soffice"}
 *   then         after a process case, the next run (its exit is `exit`)
 *   staleTemps   temporary files to make before the run, [name, minutes old]; {dead} and
 *                {alive} in a name stand for a pid that never runs and this test's own
 *   tmpLeft      the *.tmp files expected in the folder afterwards (default none)
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonMessages, runCli, tempDir } from '../helpers/cli.js';
import { findSoffice } from '../../src/render/pdf/tools.js';

interface Case {
  readonly why: string;
  readonly args: string[];
  readonly env?: Record<string, string>;
  readonly rename?: Record<string, string>;
  readonly exit: number;
  readonly diagnostics?: Array<[string, string, number, number]>;
  readonly stderr?: string[];
  readonly stdout?: string[];
  readonly notStdout?: string[];
  readonly exists?: string[];
  readonly absent?: string[];
  readonly docx?: string[];
  readonly docxText?: string[];
  readonly signal?: { readonly send: 'SIGINT' | 'SIGTERM' | 'SIGKILL'; readonly when: 'tmp-file' | 'soffice' };
  readonly staleTemps?: Array<[string, number]>;
  readonly tmpLeft?: string[];
  readonly then?: string[];
  readonly needsSoffice?: boolean;
}

const root = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));
const cases = readdirSync(root)
  .filter((d) => d.startsWith('output-'))
  .sort()
  .map((name) => ({ name, spec: JSON.parse(readFileSync(path.join(root, name, 'expected.json'), 'utf8')) as Case }));

const scratch = tempDir('plangen-hostile-output-');
afterAll(() => {
  // Should a case fail, what it started must not outlive the suite: only processes that
  // name this suite's own scratch folder are ended.
  if (process.platform === 'linux') {
    for (const p of processes().filter((x) => x.cmd.includes(scratch.dir) && x.pid !== process.pid)) {
      try {
        // A group of its own (LibreOffice, the watchdog) goes whole; anything else alone, as
        // it may share this runner's group.
        process.kill(p.pgid === p.pid ? -p.pgid : p.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
  scratch.cleanup();
});

const hasSoffice = findSoffice(process.env) !== undefined;
const onLinux = process.platform === 'linux';
const built = existsSync(fileURLToPath(new URL('../../dist/cli.mjs', import.meta.url)));
const bin = fileURLToPath(new URL('../../bin/plangen.js', import.meta.url));
// Above the largest pid Linux hands out (2^22): never a running process.
const DEAD_PID = 4194305;

/**
 * Stand-in LibreOffice scripts. `hang` starts a child and waits, as soffice's wrapper waits
 * for soffice.bin; `none` produces nothing; `slow-write` is not needed: the real write is
 * made slow by size instead.
 */
function fakeSoffice(dir: string, mode: string): string {
  const file = path.join(dir, `fake-soffice-${mode}`);
  const body =
    mode === 'hang'
      ? 'sleep 300 &\nwait\n'
      : mode === 'none'
        ? 'echo "Error: source file could not be loaded" >&2\nexit 0\n'
        : `echo "unknown mode ${mode}" >&2\nexit 1\n`;
  writeFileSync(file, `#!/bin/sh\n${body}`);
  chmodSync(file, 0o755);
  return file;
}

/** {dead} and {alive} in a file name: a pid that never runs, and this test's own. */
function withPid(name: string): string {
  return name.replace('{dead}', String(DEAD_PID)).replace('{alive}', String(process.pid));
}

function environment(spec: Case, dir: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env['SOURCE_DATE_EPOCH'];
  for (const [k, v] of Object.entries(spec.env ?? {})) {
    if (k === 'SOFFICE') env['PLANGEN_SOFFICE'] = fakeSoffice(dir, v.replace(/^fake-/, ''));
    else env[k] = v;
  }
  return env;
}

/** Copy a case into the scratch folder, apply renames and stale temp files. */
function prepare(name: string, spec: Case): string {
  const dir = path.join(scratch.dir, name);
  cpSync(path.join(root, name), dir, { recursive: true });
  for (const [from, to] of Object.entries(spec.rename ?? {})) renameSync(path.join(dir, from), path.join(dir, to));
  for (const [file, minutes] of spec.staleTemps ?? []) {
    const named = withPid(file);
    writeFileSync(path.join(dir, named), 'half a docx');
    const t = new Date(Date.now() - minutes * 60_000);
    utimesSync(path.join(dir, named), t, t);
  }
  return dir;
}

function xmlProblems(docx: Uint8Array): string[] {
  const out: string[] = [];
  const parts = unzipSync(docx);
  for (const [name, data] of Object.entries(parts)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const xml = strFromU8(data);
    for (const ch of xml) {
      const c = ch.codePointAt(0)!;
      const ok = c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;
      if (!ok || (c & 0xfffe) === 0xfffe || (c >= 0xfdd0 && c <= 0xfdef)) out.push(`${name}: U+${c.toString(16)}`);
    }
    new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') out.push(`${name}: ${message}`);
      },
    }).parseFromString(xml, 'text/xml');
  }
  return out;
}

interface Proc {
  readonly pid: number;
  readonly pgid: number;
  readonly cmd: string;
}

/** Running processes (zombies are not: they only wait to be reaped). */
function processes(): Proc[] {
  const out: Proc[] = [];
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z' || fields[0] === 'X') continue;
      out.push({ pid: Number(p), pgid: Number(fields[2]), cmd: readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      // gone while looking
    }
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(test: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(25)) if (test()) return true;
  return test();
}

/**
 * Loaded into the plangen process of a write case: every fsync takes two seconds, so the
 * moment between creating the temporary file and renaming it is long enough to hit. Test
 * code only; plangen itself has no such hook.
 */
const SLOW_SYNC = `import { promises as fsp } from 'node:fs';
const h = await fsp.open(process.execPath, 'r');
const proto = Object.getPrototypeOf(h);
await h.close();
const sync = proto.sync;
proto.sync = async function () { await new Promise((r) => setTimeout(r, 2000)); return sync.call(this); };
`;

/** Run bin/plangen.js as a process and send it a signal at the moment the case names. */
async function runSignalled(spec: Case, dir: string, tmpRoot: string): Promise<{ signal: NodeJS.Signals | null; groups: number[] }> {
  const preload = path.join(scratch.dir, 'slow-sync.mjs');
  writeFileSync(preload, SLOW_SYNC);
  const nodeArgs = spec.signal!.when === 'tmp-file' ? ['--import', pathToFileURL(preload).href] : [];
  const child = spawn(process.execPath, [...nodeArgs, bin, ...spec.args], { cwd: dir, env: { ...environment(spec, dir), TMPDIR: tmpRoot }, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, s) => resolve(s)));
  // LibreOffice (or its stand-in) is the process whose command line names the run's folder.
  const office = () => processes().filter((p) => p.cmd.includes(tmpRoot) && !p.cmd.includes('plangen-watchdog'));
  const ready = spec.signal!.when === 'tmp-file' ? () => readdirSync(dir).some((f) => /^\..*\.tmp$/.test(f)) : () => office().length > 0;
  expect(await waitFor(ready, 60_000), `the moment to send ${spec.signal!.send} came`).toBe(true);
  const groups = [...new Set(office().map((p) => p.pgid))];
  child.kill(spec.signal!.send);
  return { signal: await exited, groups };
}

describe('hostile corpus: output cases', () => {
  it('has at least 15 cases', () => expect(cases.length).toBeGreaterThanOrEqual(15));

  for (const { name, spec } of cases) {
    const skip = (spec.needsSoffice && !hasSoffice) || ((spec.signal || spec.env?.['SOFFICE']) && !onLinux) || (spec.signal && !built);
    it.skipIf(skip)(`${name}: ${spec.why}`, { timeout: 120_000 }, async () => {
      const dir = prepare(name, spec);
      if (spec.signal) {
        const tmpRoot = path.join(scratch.dir, `${name}-tmp`);
        mkdirSync(tmpRoot);
        const { signal, groups } = await runSignalled(spec, dir, tmpRoot);
        expect(signal).toBe(spec.signal.send);
        // Nothing of the run may outlive it: no LibreOffice (nor anything it started), no
        // watchdog, no temporary folder.
        const left = () => processes().filter((p) => p.cmd.includes(tmpRoot) || groups.includes(p.pgid));
        expect(await waitFor(() => left().length === 0, 15_000), left().map((p) => p.cmd).join('\n')).toBe(true);
        expect(await waitFor(() => readdirSync(tmpRoot).length === 0, 5_000), readdirSync(tmpRoot).join(', ')).toBe(true);
        if (spec.then) {
          // The next run in the folder, as a process too (its start is what "older than the run" means).
          const next = spawnSync(process.execPath, [bin, ...spec.then], { cwd: dir, env: environment(spec, dir), encoding: 'utf8' });
          expect(next.status, next.stdout + next.stderr).toBe(spec.exit);
        }
      } else {
        const json = spec.args.includes('-f') ? spec.args : [...spec.args, '-f', 'json'];
        const r = await runCli(json, dir, environment(spec, dir));
        expect(r.code, r.stdout + r.stderr).toBe(spec.exit);
        if (spec.diagnostics) {
          expect(jsonMessages(r.stdout, dir).map((m) => [m.ruleId, m.file, m.line, m.column])).toEqual(spec.diagnostics);
        }
        for (const s of spec.stderr ?? []) expect(r.stderr).toContain(s);
        if (spec.stdout || spec.notStdout) {
          // The text reporters too: what a clerk's terminal and a CI log receive.
          for (const format of ['stylish', 'github']) {
            const t = await runCli([...spec.args, '-f', format], dir, environment(spec, dir));
            for (const s of spec.stdout ?? []) expect(t.stdout, format).toContain(s);
            for (const s of spec.notStdout ?? []) expect(t.stdout + t.stderr, format).not.toContain(s);
          }
        }
      }
      for (const f of spec.exists ?? []) expect(existsSync(path.join(dir, f)), `${f} exists`).toBe(true);
      for (const f of spec.absent ?? []) expect(existsSync(path.join(dir, f)), `${f} absent`).toBe(false);
      for (const f of spec.docx ?? []) expect(xmlProblems(readFileSync(path.join(dir, f))), f).toEqual([]);
      if (spec.docxText) {
        const document = strFromU8(unzipSync(readFileSync(path.join(dir, spec.docx![0]!)))['word/document.xml']!);
        for (const t of spec.docxText) expect(document).toContain(t);
      }
      // Temporary files left in the folder afterwards: none, unless the case lists some.
      const tmpLeft = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
      expect(tmpLeft.sort()).toEqual((spec.tmpLeft ?? []).map(withPid).sort());
    });
  }
});

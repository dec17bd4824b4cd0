import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/cli.js';
import { leadersPlan } from '../helpers/plans.js';

/**
 * The build cache and --jobs through the built bundle, where each plan runs in a worker
 * thread: the files a plan reads are recorded inside the worker and must reach the cache,
 * and several workers must give the same bytes and the same report as one.
 */
const bin = fileURLToPath(new URL('../../bin/plangen.js', import.meta.url));
const env = { ...process.env, SOURCE_DATE_EPOCH: undefined, NO_COLOR: '1', FORCE_COLOR: undefined };

const plan = leadersPlan;

let t: ReturnType<typeof tempDir>;
let w: string;
const at = (rel: string) => path.join(w, rel);
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(at(rel)), { recursive: true });
  writeFileSync(at(rel), text);
};
const plangen = (...args: string[]) => spawnSync(process.execPath, [bin, ...args, '--lang', 'en'], { cwd: w, env, encoding: 'utf8' });
const age = (...rels: string[]) => rels.forEach((r) => utimesSync(at(r), new Date(2001, 0, 1), new Date(2001, 0, 1)));
const untouched = (rel: string) => statSync(at(rel)).mtime.getFullYear() === 2001;
const docxs = (dir: string) =>
  readdirSync(at(dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.docx'))
    .sort()
    .map((f) => [f, readFileSync(at(path.join(dir, f))).toString('base64')]);

beforeAll(() => {
  t = tempDir();
  w = path.join(t.dir, 'office');
  mkdirSync(path.join(w, '.git'), { recursive: true });
  expect(plangen('template', 'eject', 'plan', 'tpl').status).toBe(0);
  for (let i = 0; i < 6; i++) write(`plans/p${i}.md`, plan(`第${i}项`).replace('date:', i % 2 === 0 ? 'template: ../tpl\ndate:' : 'date:'));
  // A bad plan in the middle, and one with a warning (a blank to fill, lowered to a warning).
  write('plans/p3.md', plan('第3项').replace('date: 2025-06-03', 'date: 2025-13-40'));
  write('plans/p4.md', plan('第4项', '于20__年完成。').replace('date:', 'template: ../tpl\nrules:\n  placeholder: warn\ndate:'));
});
afterAll(() => t.cleanup());

describe('--jobs through the bundle', () => {
  it('gives the same documents and the same report with one worker or three', () => {
    const one = plangen('build', 'plans', '--out-dir', 'one', '--no-cache', '--jobs', '1', '--format', 'json');
    const three = plangen('build', 'plans', '--out-dir', 'three', '--no-cache', '--jobs', '3', '--format', 'json');
    expect(one.status).toBe(1);
    expect(three.status).toBe(1);
    expect(docxs('three')).toEqual(docxs('one'));
    expect(docxs('one').map(([f]) => f)).toEqual(['p0.docx', 'p1.docx', 'p2.docx', 'p4.docx', 'p5.docx']);
    expect(three.stdout).toBe(one.stdout);
    const report = JSON.parse(three.stdout) as { filePath: string; errorCount: number; warningCount: number }[];
    expect(report.filter((r) => r.errorCount > 0).map((r) => path.basename(r.filePath))).toEqual(['p3.md']);
    expect(report.filter((r) => r.warningCount > 0).map((r) => path.basename(r.filePath))).toEqual(['p4.md']);
    // Every plan was attempted, the failure named once in the summary.
    expect(three.stderr).toContain('5 built, 0 unchanged, 1 failed');
    expect(three.stderr).toContain('Plans not built: plans/p3.md');
  });

  it('check gives the same report with one worker or three', () => {
    const one = plangen('check', 'plans', '--jobs', '1', '--format', 'json');
    const three = plangen('check', 'plans', '-j', '3', '--format', 'json');
    expect(one.status).toBe(1);
    expect(three.stdout).toBe(one.stdout);
  });

  it('lists in the manifest, for each document, the sha256 its worker computed: that of the file written', () => {
    const r = plangen('build', 'plans', '--out-dir', 'hashed', '--no-cache', '--jobs', '2');
    expect(r.status).toBe(1);
    const m = JSON.parse(readFileSync(at('hashed/manifest.json'), 'utf8')) as { outputs: { path: string; sha256: string; size: number }[] };
    expect(m.outputs.map((o) => o.path)).toEqual(['p0.docx', 'p1.docx', 'p2.docx', 'p4.docx', 'p5.docx']);
    for (const o of m.outputs) {
      const bytes = readFileSync(at(path.join('hashed', o.path)));
      expect([o.sha256, o.size]).toEqual([createHash('sha256').update(bytes).digest('hex'), bytes.length]);
    }
  });

  it('a plan whose worker runs out of memory mid-batch leaves no file, half-written or whole, and the plans sent after it are built', () => {
    // Small plans fit in a 24 MB heap; the bench's generated 1 MB plan does not (since a long
    // body is parsed a section at a time a 300 KB one does, and 600 KB is the least that fails).
    write('heavy/a.md', plan('甲'));
    const made = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/make-large-plan.mjs', import.meta.url)), at('heavy/b.md'), '--kb', '1000'], { encoding: 'utf8' });
    expect(made.status).toBe(0);
    for (const n of ['c', 'd', 'e']) write(`heavy/${n}.md`, plan(n));
    const r = spawnSync(process.execPath, [bin, 'build', 'heavy', '--out-dir', 'heavy-out', '--no-cache', '--jobs', '2', '--lang', 'en', '--format', 'json'], {
      cwd: w,
      env: { ...env, PLANGEN_MAX_HEAP_MB: '24' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    const report = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    expect(report.filter((x) => x.messages.length > 0).map((x) => [path.basename(x.filePath), x.messages.map((d) => d.ruleId)])).toEqual([['b.md', ['resource-limit']]]);
    // Only whole documents of the other plans, and no temporary file left beside them.
    expect(readdirSync(at('heavy-out')).sort()).toEqual(['a.docx', 'c.docx', 'd.docx', 'e.docx', 'manifest.json']);
    const alone = plangen('build', 'heavy/d.md', '-o', 'heavy-d.docx', '--no-cache');
    expect(alone.status).toBe(0);
    expect(readFileSync(at('heavy-out/d.docx')).equals(readFileSync(at('heavy-d.docx')))).toBe(true);
  });

  it('refuses --jobs 0 and words as a usage error', () => {
    for (const bad of ['0', 'many', '-2']) {
      const r = plangen('build', 'plans', '--jobs', bad);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--jobs takes a whole number from 1');
    }
  });
});

describe('the build cache through the bundle (reads recorded in the workers)', () => {
  it('skips unchanged plans, and a touched partial rebuilds only the plans whose template uses it', () => {
    const first = plangen('build', 'plans', '--out-dir', 'out', '--jobs', '2');
    expect(first.status).toBe(1);
    expect(first.stderr).toContain('5 built, 0 unchanged, 1 failed');
    const built = ['p0', 'p1', 'p2', 'p4', 'p5'].map((p) => `out/${p}.docx`);
    age(...built);
    const again = plangen('build', 'plans', '--out-dir', 'out', '--jobs', '2');
    // The failed plan is tried again; the rest are kept, warnings reported again.
    expect(again.stderr).toContain('0 built, 5 unchanged, 1 failed');
    expect(again.stdout).toContain('placeholder');
    expect(built.every(untouched)).toBe(true);
    appendFileSync(at('tpl/partials/leaders.hbs'), '\n');
    const partial = plangen('build', 'plans', '--out-dir', 'out', '--jobs', '2');
    // p0, p2 and p4 use ../tpl; p1 and p5 the built-in template.
    expect(partial.stderr).toContain('3 built, 2 unchanged, 1 failed');
    expect(['out/p1.docx', 'out/p5.docx'].every(untouched)).toBe(true);
    expect(['out/p0.docx', 'out/p2.docx', 'out/p4.docx'].some(untouched)).toBe(false);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { manifestBytes, type ManifestEntry } from '../../src/cli/manifest-json.js';
import { version } from '../../src/version.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { leadersPlan } from '../helpers/plans.js';

const env = { ...process.env, SOURCE_DATE_EPOCH: undefined, NO_COLOR: '1', GITHUB_STEP_SUMMARY: undefined };

let t: ReturnType<typeof tempDir>;
let w: string;
const write = (rel: string, text: string | Uint8Array) => {
  mkdirSync(path.dirname(path.join(w, rel)), { recursive: true });
  writeFileSync(path.join(w, rel), text);
};
const read = (rel: string) => readFileSync(path.join(w, rel), 'utf8');
const merge = (...args: string[]) => runCli(['manifest', 'merge', ...args, '--lang', 'en'], w, env);

const entry = (p: string, n: number): ManifestEntry => ({ path: p, source: `plans/${p.replace(/\.(docx|pdf)$/, '.md')}`, template: n % 2 ? 'official' : '', sha256: n.toString(16).padStart(64, '0'), size: 1000 + n });
const part = (entries: ManifestEntry[], v = version) => JSON.stringify({ plangen: v, outputs: entries }, null, 2) + '\n';

beforeEach(() => {
  t = tempDir();
  w = path.join(t.dir, 'office');
  mkdirSync(path.join(w, '.git'), { recursive: true });
});
afterEach(() => t.cleanup());

describe('plangen manifest merge', () => {
  it('writes the union of the parts sorted by path, in the bytes build writes', async () => {
    write('out/manifest-1-of-3.json', part([entry('b.docx', 2), entry('a.docx', 1)]));
    write('out/manifest-2-of-3.json', part([]));
    write('out/manifest-3-of-3.json', part([entry('2025/c.pdf', 4), entry('2025/c.docx', 3)]));
    const r = await merge('out/manifest-*-of-3.json', '-o', 'out/manifest.json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toContain('out/manifest.json written: 3 manifest(s) merged, 4 file(s) listed');
    const merged = JSON.parse(read('out/manifest.json')) as { plangen: string; outputs: ManifestEntry[] };
    expect(merged.plangen).toBe(version);
    expect(merged.outputs.map((e) => e.path)).toEqual(['2025/c.docx', '2025/c.pdf', 'a.docx', 'b.docx']);
    expect(merged.outputs[2]).toEqual(entry('a.docx', 1));
    expect(read('out/manifest.json')).toBe(new TextDecoder().decode(manifestBytes(version, [entry('2025/c.docx', 3), entry('2025/c.pdf', 4), entry('a.docx', 1), entry('b.docx', 2)])));
  });

  it('rebases paths from each part’s folder to the output’s, and keeps source as built', async () => {
    write('parts/documents-1/manifest-1-of-2.json', part([entry('a.docx', 1)]));
    write('parts/documents-2/manifest-2-of-2.json', part([entry('sub/b.docx', 2)]));
    const r = await merge('parts/documents-1/manifest-1-of-2.json', 'parts/documents-2/manifest-2-of-2.json', '-o', 'parts/manifest.json');
    expect(r.code, r.stderr).toBe(0);
    const merged = JSON.parse(read('parts/manifest.json')) as { outputs: ManifestEntry[] };
    expect(merged.outputs.map((e) => [e.path, e.source])).toEqual([
      ['documents-1/a.docx', 'plans/a.md'],
      ['documents-2/sub/b.docx', 'plans/sub/b.md'],
    ]);
  });

  it('gives the same bytes whatever the order of the arguments, and merging again changes nothing', async () => {
    write('out/manifest-1-of-2.json', part([entry('b.docx', 2), entry('d.docx', 4)]));
    write('out/manifest-2-of-2.json', part([entry('c.docx', 3), entry('a.docx', 1)]));
    expect((await merge('out/manifest-1-of-2.json', 'out/manifest-2-of-2.json', '-o', 'one.json')).code).toBe(0);
    expect((await merge('out/manifest-2-of-2.json', 'out/manifest-1-of-2.json', '-o', 'two.json')).code).toBe(0);
    expect(read('two.json')).toBe(read('one.json'));
    // A pattern that also matches the output (a second run into the same folder) leaves it out.
    expect((await merge('out/*.json', '-o', 'out/manifest.json')).code).toBe(0);
    const first = read('out/manifest.json');
    const again = await merge('out/*.json', '-o', 'out/manifest.json');
    expect(again.code, again.stderr).toBe(0);
    expect(read('out/manifest.json')).toBe(first);
    expect(JSON.parse(first).outputs).toHaveLength(4);
  });

  it('refuses a path listed in two parts, naming both, at the second one’s line, and writes nothing', async () => {
    write('out/manifest-1-of-2.json', part([entry('a.docx', 1), entry('b.docx', 2)]));
    write('out/manifest-2-of-2.json', part([entry('c.docx', 3), entry('b.docx', 9)]));
    write('out/manifest.json', 'old\n');
    const r = await merge('out/manifest-1-of-2.json', 'out/manifest-2-of-2.json', '-o', 'out/manifest.json');
    expect(r.code).toBe(2);
    // Second entry of the second part: its "path" value on line 12, after `      "path": `.
    expect(r.stdout).toMatch(/out\/manifest-2-of-2\.json:12:15\s+error\s+b\.docx is also listed in out\/manifest-1-of-2\.json: two manifests list one output.*manifest-duplicate-path/);
    expect(r.stderr).toContain('out/manifest.json was not written because of the problems above');
    expect(read('out/manifest.json')).toBe('old\n');
  });

  it('takes names that differ only in case for one file, as Windows and macOS do', async () => {
    write('p1.json', part([entry('方案.docx', 1)]));
    write('p2.json', part([entry('方案.DOCX', 2)]));
    const r = await merge('p1.json', 'p2.json', '-o', 'm.json');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('方案.DOCX is also listed in p1.json (as 方案.docx, which differs only in case');
    expect(existsSync(path.join(w, 'm.json'))).toBe(false);
  });

  it('refuses parts written by different plangen versions, at the second one’s version', async () => {
    write('p1.json', part([entry('a.docx', 1)], '0.1.0'));
    write('p2.json', part([entry('b.docx', 2)], '0.2.0'));
    const r = await merge('p1.json', 'p2.json', '-o', 'm.json');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/p2\.json:2:14\s+error\s+This manifest was written by plangen 0\.2\.0, but p1\.json by plangen 0\.1\.0/);
  });

  it.each([
    ['cut short', '{\n  "plangen": "0.1.0",\n  "outputs": [\n    { "path": "a.docx", ', '4:25', 'manifest-part-garbled'],
    ['a trailing comma', '{ "plangen": "0.1.0", "outputs": [], }', '1:38', 'manifest-part-garbled'],
    ['empty', '', '1:1', 'manifest-part-garbled'],
    ['nested without end', '['.repeat(100_000), '1:65', 'manifest-part-garbled'],
    ['a list, not an object', '[]', '1:1', 'manifest-part-shape'],
    ['no outputs', '{ "plangen": "0.1.0" }', '1:1', 'manifest-part-shape'],
    ['a field it does not know', '{ "plangen": "0.1.0", "outputs": [], "date": "2025-06-03" }', '1:38', 'manifest-part-shape'],
    ['a bad sha256', `{ "plangen": "0.1.0", "outputs": [\n{ "path": "a.docx", "source": "a.md", "template": "", "sha256": "ABC", "size": 1 }] }`, '2:65', 'manifest-part-shape'],
    ['a size that is not a whole number', `{ "plangen": "0.1.0", "outputs": [\n{ "path": "a.docx", "source": "a.md", "template": "", "sha256": "${'0'.repeat(64)}", "size": 1.5 }] }`, '2:141', 'manifest-part-shape'],
    ['an entry without size', `{ "plangen": "0.1.0", "outputs": [\n{ "path": "a.docx", "source": "a.md", "template": "", "sha256": "${'0'.repeat(64)}" }] }`, '2:1', 'manifest-part-shape'],
  ])('reports a part %s at its line and column, exit 2', async (_name, text, place, id) => {
    write('good.json', part([entry('z.docx', 1)]));
    write('bad.json', text);
    const r = await merge('good.json', 'bad.json', '-o', 'm.json');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`bad\\.json:${place}\\s+error\\s.*${id}`));
    expect(r.stdout).not.toContain('good.json');
    expect(existsSync(path.join(w, 'm.json'))).toBe(false);
  });

  it('says which field is wrong and why, in Chinese by default', async () => {
    write('bad.json', `{ "plangen": "0.1.0", "outputs": [{ "path": "a.docx", "source": "a.md", "template": "", "sha256": "ABC", "size": 1 }] }`);
    const r = await runCli(['manifest', 'merge', 'bad.json'], w, env);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('清单中的“outputs[0].sha256”应为 64 位小写十六进制数字（SHA-256）');
    expect(r.stderr).toContain('因为上面的问题，没有写出 manifest.json');
  });

  it('reports missing parts, patterns that match nothing, folders and non-text files', async () => {
    write('good.json', part([entry('z.docx', 1)]));
    mkdirSync(path.join(w, 'folder.json'));
    write('binary.json', new Uint8Array([0xff, 0xfe, 0x00, 0x7b]));
    const r = await merge('good.json', 'missing.json', 'artifacts/*/manifest-*.json', 'folder.json', 'binary.json', '-o', 'm.json');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Manifest file "missing.json" not found');
    expect(r.stdout).toContain('Manifest file "artifacts/*/manifest-*.json" not found: it does not exist, or the pattern matched no file');
    expect(r.stdout).toContain('Cannot read manifest file "folder.json": it is a folder');
    expect(r.stdout).toContain('Cannot read manifest file "binary.json": it is not a UTF-8 text file');
    expect(r.stdout).not.toMatch(/internal|Error:|at .*\.ts/);
  });

  it('gives GitHub annotations with --format github, and no job summary', async () => {
    const summary = path.join(w, 'summary.md');
    write('summary.md', '');
    write('p1.json', part([entry('a.docx', 1)]));
    write('p2.json', part([entry('a.docx', 2)]));
    const r = await runCli(['manifest', 'merge', 'p1.json', 'p2.json', '-f', 'github', '--lang', 'en'], w, { ...env, GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^::error file=p2\.json,line=5,.*manifest-duplicate-path/m);
    expect(read('summary.md')).toBe('');
  });

  it('takes --lang before the command group too', async () => {
    write('p1.json', part([entry('a.docx', 1)]));
    const r = await runCli(['--lang', 'en', 'manifest', 'merge', 'p1.json', '-o', 'm.json'], w, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('m.json written: 1 manifest(s) merged, 1 file(s) listed');
  });
});

const plan = leadersPlan;

describe('a sharded build, merged', () => {
  it('lists exactly what one unsharded build lists, in the same bytes', { timeout: 120_000 }, async () => {
    for (const [rel, title] of [['plans/a.md', '甲'], ['plans/b.md', '乙'], ['plans/2025/c.md', '丙'], ['plans/2025/d.md', '丁'], ['plans/2026/e.md', '戊']] as const) write(rel, plan(title));
    write('plans/2026/e.md', plan('戊').replace('date:', 'template: official\nnumber: 某街发〔2025〕12号\nrecipients: [各社区居委会]\ndate:'));
    for (const i of [1, 2, 3]) {
      const r = await runCli(['build', 'plans', '--shard', `${i}/3`, '--out-dir', 'out', '--no-cache', '-q'], w, env);
      expect(r.code, r.stdout + r.stderr).toBe(0);
    }
    const shards = [1, 2, 3].map((i) => JSON.parse(read(`out/manifest-${i}-of-3.json`)) as { outputs: ManifestEntry[] });
    expect(shards.map((s) => s.outputs.length)).toEqual([1, 2, 2]);
    const merged = await merge('out/manifest-*-of-3.json', '-o', 'out/manifest.json');
    expect(merged.code, merged.stdout + merged.stderr).toBe(0);

    const whole = await runCli(['build', 'plans', '--out-dir', 'all', '--no-cache', '-q'], w, env);
    expect(whole.code, whole.stdout + whole.stderr).toBe(0);
    expect(read('out/manifest.json')).toBe(read('all/manifest.json'));
    const listed = JSON.parse(read('out/manifest.json')) as { outputs: ManifestEntry[] };
    expect(listed.outputs.map((e) => e.path)).toEqual(['2025/c.docx', '2025/d.docx', '2026/e.docx', 'a.docx', 'b.docx']);
    expect(listed.outputs.find((e) => e.path === '2026/e.docx')?.template).toBe('official');
  });
});

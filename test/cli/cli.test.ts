import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { jsonReport, runCli, tempDir } from '../helpers/cli.js';
import { version } from '../../src/version.js';

const plan = (title: string) => `---\ntitle: ${title}\ndate: 2025-06-03\n---\n\n## 指导思想\n\n正文。\n`;

let t: ReturnType<typeof tempDir>;
beforeAll(() => {
  t = tempDir();
  mkdirSync(path.join(t.dir, 'plans', 'sub'), { recursive: true });
  mkdirSync(path.join(t.dir, 'plans', 'node_modules'), { recursive: true });
  writeFileSync(path.join(t.dir, 'plans', 'b.md'), plan('乙'));
  writeFileSync(path.join(t.dir, 'plans', 'sub', 'a.md'), plan('甲'));
  writeFileSync(path.join(t.dir, 'plans', 'README.md'), '# 说明\n\n这不是方案。\n');
  writeFileSync(path.join(t.dir, 'plans', 'node_modules', 'x.md'), plan('丙'));
  writeFileSync(path.join(t.dir, 'binary.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]));
});
afterAll(() => t.cleanup());

describe('plangen (in-process)', () => {
  it('--help lists the commands and exits 0', async () => {
    const r = await runCli(['--help'], t.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/check/);
    expect(r.stdout).toMatch(/build/);
  });
  it('--version prints the package version', async () => {
    const r = await runCli(['--version'], t.dir);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version).toBe(pkg.version);
  });
  it('a mistyped command is a usage error (exit 2) with a suggestion', async () => {
    const r = await runCli(['chek', 'x.md'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/check/);
  });
  it('a missing file is exit 2 with its name', async () => {
    const r = await runCli(['check', 'nope.md'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('nope.md');
    expect(r.stdout).toContain('file-not-found');
  });
  it('a file that is not text is reported at its position (exit 1)', async () => {
    const r = await runCli(['check', 'binary.md'], t.dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('binary.md:1:1');
    expect(r.stdout).toContain('file-binary');
  });
  it('walks folders for plans, sorted, skipping non-plans and node_modules', async () => {
    const r = await runCli(['check', 'plans', '--format', 'json'], t.dir);
    const files = jsonReport(r.stdout, t.dir).map((f) => f.file);
    expect(files).toEqual(['plans/b.md', 'plans/sub/a.md']);
  });
  it('refuses an unknown reporter', async () => {
    const r = await runCli(['check', 'plans', '--format', 'xml'], t.dir);
    expect(r.code).toBe(2);
  });
});

describe('bin/plangen.js (as a process)', () => {
  const bin = path.resolve('bin/plangen.js');
  it('runs the built bundle and sets the exit code', () => {
    const ok = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim()).toBe(version);
    // `--version` alone takes a short path past the CLI; -V and the full CLI must agree with it.
    const short = spawnSync(process.execPath, [bin, '-V'], { encoding: 'utf8' });
    expect(short.status).toBe(0);
    expect(short.stdout).toBe(ok.stdout);
    const full = spawnSync(process.execPath, [bin, '--lang', 'en', '--version'], { encoding: 'utf8' });
    expect(full.status).toBe(0);
    expect(full.stdout).toBe(ok.stdout);
    const bad = spawnSync(process.execPath, [bin, 'check', path.join(t.dir, 'binary.md')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('file-binary');
    expect(bad.stderr).not.toMatch(/\bat .*\.[cm]?js:\d+/); // no stack trace
  });
});

describe('check runs the template stage too', () => {
  it('reports a misspelt template at its line with a suggestion, exit 2', async () => {
    const d = tempDir();
    try {
      writeFileSync(path.join(d.dir, 'p.md'), plan('甲').replace('date: 2025-06-03\n', 'date: 2025-06-03\ntemplate: offical\n'));
      const r = await runCli(['check', 'p.md', '--lang', 'en'], d.dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(/p\.md:4:11 .*template-missing/);
      expect(r.stdout).toContain('official');
    } finally {
      d.cleanup();
    }
  });
  it('reports a misspelt partial in the body at its line, exit 1', async () => {
    const d = tempDir();
    try {
      writeFileSync(path.join(d.dir, 'p.md'), plan('甲') + '\n{{> leaderz}}\n');
      const r = await runCli(['check', 'p.md'], d.dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/p\.md:10:1 .*partial-missing/);
      expect(r.stdout).toContain('leaders');
    } finally {
      d.cleanup();
    }
  });
});

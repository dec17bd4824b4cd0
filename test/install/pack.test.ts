import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/cli.js';

/**
 * What an office's CI does with plangen: a clean clone installs into a project as a
 * folder (`prepare` runs `npm ci` there and builds dist/), packs, and the tarball installs
 * into an empty folder and runs. Slow (about 30 s, most of it npm), so only where
 * PLANGEN_TEST_PACK is set (.ci/run, which itself starts with `npm ci` in its checkout).
 */
const enabled = process.env['PLANGEN_TEST_PACK'] === '1';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function sh(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function folderSize(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += folderSize(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

describe.skipIf(!enabled)('npm ci, npm pack and install from a clean clone', () => {
  it('installs a small self-contained package that builds an example', { timeout: 180_000 }, () => {
    const t = tempDir('plangen-pack-');
    try {
      const clone = path.join(t.dir, 'clone');
      execFileSync('git', ['clone', '--quiet', '--no-hardlinks', path.resolve('.'), clone]);
      // Installed from the bare folder, npm runs `prepare` there, which installs the build tools from the lock file (`npm ci`) and builds dist/.
      const fromFolder = path.join(t.dir, 'from-folder');
      mkdirSync(fromFolder);
      writeFileSync(path.join(fromFolder, 'package.json'), '{ "name": "office-plans", "private": true }\n');
      sh(npm, ['install', '--prefer-offline', clone], fromFolder);
      expect(existsSync(path.join(clone, 'dist', 'plangen.cjs')), 'prepare builds dist/').toBe(true);
      const version = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
      expect(sh(path.join(fromFolder, 'node_modules', '.bin', 'plangen'), ['--version'], fromFolder).trim()).toBe(version);

      const packed = JSON.parse(sh(npm, ['pack', '--json', '--pack-destination', t.dir], clone)) as { filename: string; size: number; files: { path: string }[] }[];
      const files = packed[0]!.files.map((f) => f.path);
      for (const f of ['dist/plangen.cjs', 'dist/boot.cjs', 'dist/plan-worker.cjs', 'dist/pdf-worker.mjs', 'dist/plangen.mjs', 'dist/cli.mjs']) expect(files).toContain(f);
      expect(files).toContain('bin/package.json');
      expect(files).toContain('LICENSE');
      expect(files).toContain('scripts/install-system-deps.sh');
      expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f === 'dist/meta.json')).toBe(false);

      const app = path.join(t.dir, 'app');
      mkdirSync(app);
      writeFileSync(path.join(app, 'package.json'), '{ "name": "office-plans", "private": true }\n');
      sh(npm, ['install', '--prefer-offline', path.join(t.dir, packed[0]!.filename)], app);
      // Everything plangen runs on is in its bundle: nothing else is installed beside it.
      expect(readdirSync(path.join(app, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['plangen']);
      // The pipeline is in dist/ once: one CommonJS bundle that the command line and the plan workers share (about 2.9 MB installed).
      expect(folderSize(path.join(app, 'node_modules'))).toBeLessThan(3.5 * 1024 * 1024);

      expect(sh(npm, ['exec', '--offline', '--', 'plangen', '--version'], app).trim()).toBe(version);
      mkdirSync(path.join(app, 'plans'));
      copyFileSync(path.resolve('examples/community-safety.md'), path.join(app, 'plans', 'community-safety.md'));
      const bin = path.join(app, 'node_modules', '.bin', 'plangen');
      const built = spawnSync(bin, ['build', 'plans', '--out-dir', 'out'], { cwd: app, encoding: 'utf8' });
      expect(built.status, built.stdout + built.stderr).toBe(0);
      const docx = readFileSync(path.join(app, 'out', 'community-safety.docx'));
      expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    } finally {
      t.cleanup();
    }
  });
});

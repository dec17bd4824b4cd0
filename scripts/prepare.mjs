// npm runs this on `npm ci`/`npm install` in a checkout, on `npm pack`, and when plangen is
// installed from git or from a folder; it builds dist/, which is not in the repository.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(new URL('../node_modules/esbuild/package.json', import.meta.url))) {
  // Installed from a folder (`npm install ../plangen`), npm runs this there without the build
  // tools (a git install installs them first). Install them the same way, from the lock file.
  const npm = process.env['npm_execpath'] ? [process.execPath, process.env['npm_execpath']] : ['npm'];
  const r = spawnSync(npm[0], [...npm.slice(1), 'ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', shell: npm.length === 1 && process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import('./build.mjs');

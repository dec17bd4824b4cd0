import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's own folder (where templates/ and schemas/ live), found from this module's
 * location, which differs between the bundle (dist/) and the sources (src/).
 */
export function packageRoot(): string {
  // Found once per process: it does not move while plangen runs, and each plan of a batch asks.
  root ??= findPackageRoot();
  return root;
}

let root: string | undefined;

function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'templates'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('plangen: cannot find its package folder (templates/ missing)');
}

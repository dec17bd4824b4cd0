import * as path from 'node:path';

/**
 * A folder of plangen's in the user's cache (XDG_CACHE_HOME, else ~/.cache): things worth
 * keeping between runs that must never come from or go into a project. Not made here: a
 * folder that cannot be made means working without it.
 */
export function userCacheFolder(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const base = env['XDG_CACHE_HOME'] || (env['HOME'] ? path.join(env['HOME'], '.cache') : undefined);
  return base && path.isAbsolute(base) ? path.join(base, 'plangen', name) : undefined;
}

/**
 * What bin/plangen.js loads (dist/boot.cjs), and the plan worker's script with it
 * (./plan-worker-boot.ts): small, so that the plan worker starts before anything else is
 * loaded. plangen's code is one CommonJS bundle (dist/plangen.cjs, ./bundle.ts) that the
 * command line and the plan workers both run, each compiled through a V8 code cache of its
 * own (./code-cache.ts): ES modules cannot use one on Node 20, and Node's ES-module loader
 * alone cost the command line more than a tenth of a small build.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';
import { loadBundle, type CacheRole, type LoadedBundle } from './code-cache.js';
import { prestartPlanWorker } from './worker-start.js';
import { userCacheFolder } from './user-cache.js';
import { hoistLang } from './argv.js';
import type * as Bundle from './bundle.js';

/*
 * The bundle's code imports ./worker-start.js from here (scripts/build.mjs makes it
 * external), so the worker this file prestarts is the one the command line's runner takes.
 */
export * from './worker-start.js';

/** Put in by scripts/build.mjs: the bundle's sha256 and size as built. */
declare const PLANGEN_BUNDLE: { hash: string; size: number };

function loadPlangen(role: CacheRole, cacheDir: string | undefined): { bundle: LoadedBundle; exports: typeof Bundle } {
  const bundle = loadBundle(path.join(__dirname, 'plangen.cjs'), PLANGEN_BUNDLE, cacheDir, role);
  return { bundle, exports: bundle.exports as unknown as typeof Bundle };
}

/**
 * The command line: for `check` and `build` the plan worker is started first, so its
 * start-up runs on the second core while this thread loads the rest. Returns the exit code.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const planWorker = pathToFileURL(path.join(__dirname, 'plan-worker.cjs'));
  // The command line as main() reads it (a leading --lang moved after the command).
  const [command, ...rest] = hoistLang(argv);
  const help = argv.includes('--help') || argv.includes('-h');
  if ((command === 'check' || command === 'build') && !help) prestartPlanWorker(planWorker, process.env, rest);
  // A cache per command: `build` and `check` run different code on this thread.
  const role: CacheRole = help ? 'cli' : command === 'build' ? 'cli-build' : command === 'check' ? 'cli-check' : 'cli';
  const { bundle, exports } = loadPlangen(role, userCacheFolder(process.env, 'code-cache'));
  const { main, processIo } = await exports.cli();
  const code = await main(argv, { ...processIo(), planWorker });
  await bundle.writeCache(true);
  return code;
}

/**
 * The plan worker (started with dist/plan-worker.cjs): the bundle through its own cache, in
 * the folder the parent names in `workerData`, written after the first task when there was
 * none to use; then, until the first task comes, the bundle warms up.
 */
export async function servePlanWorker(): Promise<void> {
  const data = workerData as { codeCacheDir?: string } | undefined;
  const { bundle, exports } = loadPlangen('plan-worker', data?.codeCacheDir);
  const { servePlanTasks, warmUp } = await exports.planWorker();
  servePlanTasks((result) => bundle.writeCache(result.rendered));
  void warmUp();
}

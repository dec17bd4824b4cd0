import { Worker } from 'node:worker_threads';
import { budgets } from '../util/budgets.js';
import { userCacheFolder } from './user-cache.js';

/*
 * Starting plan workers (see ./isolate.ts for how tasks run on them). Apart from isolate.ts
 * so that bin/plangen.js can start the first worker before it loads anything else: this
 * file imports no message catalogue and no pipeline code.
 */

export function startWorker(script: URL, heapMb: number, env: Readonly<Record<string, string | undefined>>): Worker {
  // The worker keeps V8's compiled code of its bundle in the user's cache (./code-cache.ts).
  return new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: heapMb }, workerData: { codeCacheDir: userCacheFolder(env, 'code-cache') } });
}

let prestarted: { worker: Worker; script: string; heapMb: number; codeCacheDir: string | undefined } | undefined;

/**
 * Start the worker as soon as the command is known, so its start-up and its loading of
 * the pipeline run on the second core while this thread loads and parses the command line.
 */
export function prestartPlanWorker(workerScript: URL, env: Readonly<Record<string, string | undefined>>): void {
  if (prestarted) return;
  const heapMb = heapFrom(env);
  const worker = startWorker(workerScript, heapMb, env);
  // Until a task is sent, it must not keep the process alive (a run may end before any plan is read).
  worker.unref();
  prestarted = { worker, script: workerScript.href, heapMb, codeCacheDir: userCacheFolder(env, 'code-cache') };
}

export function takePrestarted(script: URL, heapMb: number, env: Readonly<Record<string, string | undefined>>): Worker | undefined {
  const p = prestarted;
  prestarted = undefined;
  if (p && p.script === script.href && p.heapMb === heapMb && p.codeCacheDir === userCacheFolder(env, 'code-cache')) {
    p.worker.ref();
    return p.worker;
  }
  void p?.worker.terminate();
  return undefined;
}

export function heapFrom(env: Readonly<Record<string, string | undefined>>): number {
  // PLANGEN_MAX_HEAP_MB lowers (or raises) the cap, e.g. on a small machine.
  const v = env['PLANGEN_MAX_HEAP_MB'] ?? '';
  return /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : budgets.heapMb;
}

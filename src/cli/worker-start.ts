import { Worker } from 'node:worker_threads';
import { budgets } from '../util/budgets.js';
import { userCacheFolder } from './user-cache.js';

/*
 * Starting plan workers (see ./isolate.ts for how tasks run on them). Apart from isolate.ts
 * so that bin/plangen.js can start the first worker before it loads anything else: this
 * file imports no message catalogue and no pipeline code.
 */

export interface HeapLimits {
  readonly maxOldGenerationSizeMb: number;
  readonly maxYoungGenerationSizeMb?: number;
}

/**
 * One plan's cap: 1 MB under the budget's 2 GB. V8 lets the old generation grow 4× between
 * full collections only with a cap of 2 GB or more (2× just under it), which a batch wants
 * (budgets.ts); one plan has no later plans to save collections for, and at 4× a 500 KB
 * plan's garbage reached 75 MB before its first full collection (peak RSS 160 → 140 MiB,
 * same CPU; docs/performance.md, "large: third pass").
 */
const ONE_PLAN_HEAP_MB = budgets.heapMb - 1;

/**
 * One plan's young generation. With the 2× growth above, 12 MB took the 500 KB plan's peak
 * from about 140 to 125 MiB and a small plan's from 98 to 93 MiB at the same CPU time; 8 MB
 * was no lower, 4 MB about 5 MiB lower for more scavenges ("large: third pass").
 */
const ONE_PLAN_YOUNG_MB = 12;

/**
 * The worker's V8 heap limits. The old generation's cap is the plan's memory budget. The
 * young generation is left at V8's size (16 MB semi-spaces) for a batch, where a smaller one
 * costs about a tenth more CPU in extra scavenges; for one plan it is capped (16 MB lowered a
 * 500 KB plan's peak RSS from about 230 to 185 MiB at the same CPU time, docs/performance.md,
 * "batchpar"; now 12 MB, see above).
 */
export function heapLimits(env: Readonly<Record<string, string | undefined>>, onePlan: boolean): HeapLimits {
  const set = heapFrom(env);
  return onePlan ? { maxOldGenerationSizeMb: set ?? ONE_PLAN_HEAP_MB, maxYoungGenerationSizeMb: ONE_PLAN_YOUNG_MB } : { maxOldGenerationSizeMb: set ?? budgets.heapMb };
}

export function startWorker(script: URL, limits: HeapLimits, env: Readonly<Record<string, string | undefined>>): Worker {
  // The worker keeps V8's compiled code of its bundle in the user's cache (./code-cache.ts).
  return new Worker(script, { resourceLimits: limits, workerData: { codeCacheDir: userCacheFolder(env, 'code-cache') } });
}

let prestarted: { worker: Worker; script: string; limits: HeapLimits; codeCacheDir: string | undefined } | undefined;

/**
 * Start the worker as soon as the command is known, so its start-up and its loading of
 * the pipeline run on the second core while this thread loads and parses the command line.
 * Its heap limits are those of a run of one plan when the command line names a single
 * Markdown file or standard input, else a batch's; a run that turns out otherwise starts
 * a worker of its own instead (only the head start is lost).
 */
export function prestartPlanWorker(workerScript: URL, env: Readonly<Record<string, string | undefined>>, argv: readonly string[]): void {
  if (prestarted) return;
  const limits = heapLimits(env, namesOnePlan(argv));
  const worker = startWorker(workerScript, limits, env);
  // Until a task is sent, it must not keep the process alive (a run may end before any plan is read).
  worker.unref();
  prestarted = { worker, script: workerScript.href, limits, codeCacheDir: userCacheFolder(env, 'code-cache') };
}

/** A guess from the words after the command: exactly one `.md` or `-`, and no pattern (a folder is not told apart). */
export function namesOnePlan(argv: readonly string[]): boolean {
  const plans = argv.filter((a, i) => (a === '-' || /\.md$/i.test(a)) && argv[i - 1] !== '-o' && argv[i - 1] !== '--output');
  return plans.length === 1 && !argv.some((a) => /[*?[{]/.test(a));
}

/** The prestarted worker if it was started for this script, these limits and this cache folder (still unreferenced); else it is ended. */
export function takePrestarted(script: URL, limits: HeapLimits, env: Readonly<Record<string, string | undefined>>): Worker | undefined {
  const p = prestarted;
  prestarted = undefined;
  if (
    p &&
    p.script === script.href &&
    p.limits.maxOldGenerationSizeMb === limits.maxOldGenerationSizeMb &&
    p.limits.maxYoungGenerationSizeMb === limits.maxYoungGenerationSizeMb &&
    p.codeCacheDir === userCacheFolder(env, 'code-cache')
  ) {
    return p.worker;
  }
  void p?.worker.terminate();
  return undefined;
}

/** The cap PLANGEN_MAX_HEAP_MB sets, or undefined when it sets none (a cap set by hand is kept as it is). */
function heapFrom(env: Readonly<Record<string, string | undefined>>): number | undefined {
  // PLANGEN_MAX_HEAP_MB lowers (or raises) the cap, e.g. on a small machine.
  const v = env['PLANGEN_MAX_HEAP_MB'] ?? '';
  return /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined;
}

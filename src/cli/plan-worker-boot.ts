/**
 * The plan worker's script (dist/plan-worker.cjs): loads the pipeline bundle
 * (dist/plan-worker-bundle.cjs) through V8's code cache in the user's cache folder, which
 * the parent names in `workerData` (see ./code-cache.ts), and serves plan tasks. The cache
 * is written after the first task, when there was none to use (see ./code-cache.ts).
 * Then, until the first task comes, the bundle warms up (see ./plan-worker-bundle.ts).
 */
import * as path from 'node:path';
import { workerData } from 'node:worker_threads';
import { loadBundle } from './code-cache.js';
import type { PlanResult } from './plan-task.js';

/** Put in by scripts/build.mjs: the bundle's sha256 and size as built. */
declare const PLANGEN_WORKER_BUNDLE: { hash: string; size: number };

const data = workerData as { codeCacheDir?: string } | undefined;
const bundle = loadBundle(path.join(__dirname, 'plan-worker-bundle.cjs'), PLANGEN_WORKER_BUNDLE, data?.codeCacheDir);
const serve = bundle.exports['servePlanTasks'] as (beforeReply?: (result: PlanResult) => Promise<void>) => void;
serve((result) => bundle.writeCache(result.rendered));
void (bundle.exports['warmUp'] as () => Promise<void>)();

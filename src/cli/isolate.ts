import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/report.js';
import { limiter } from '../util/map-limited.js';
import { heapFrom, startWorker, takePrestarted } from './worker-start.js';
import type { PlanResult, PlanTask } from './plan-task.js';

/**
 * Where plan tasks run. With a worker script (the built CLI passes one) they run in worker
 * threads whose V8 heap is capped: a plan that exhausts it stops that worker, not the
 * process, and becomes a `resource-limit` diagnostic naming the plan (exit 2) instead of
 * V8's fatal error (exit 134 and a native stack). Up to `jobs` workers serve a run, each
 * one task at a time, so a failure is known to belong to one plan and each worker's
 * start-up (tens of milliseconds, loading the pipeline and templates once) is paid once;
 * a further worker starts only when a task would otherwise wait. After a failure a fresh
 * worker takes that worker's place. Without a worker script (tests on the sources) tasks
 * run in this thread.
 */
export interface PlanRunner {
  run(task: PlanTask): Promise<PlanResult>;
  close(): Promise<void>;
}

export async function planRunner(workerScript: URL | undefined, env: Readonly<Record<string, string | undefined>> = {}, jobs = 1): Promise<PlanRunner> {
  const heapMb = heapFrom(env);
  if (!workerScript) {
    const { runPlanTask } = await import('./plan-task.js');
    return { run: runPlanTask, close: async () => {} };
  }
  const slots: (Worker | undefined)[] = [takePrestarted(workerScript, heapMb, env)];
  // At most `jobs` tasks run, so a task past the gate always finds an idle worker's slot or
  // room for a new one.
  const gate = limiter(jobs);
  const idle: number[] = [0];
  const running = new Set<Promise<unknown>>();
  const start = () => startWorker(workerScript, heapMb, env);
  const runOn = (slot: number, task: PlanTask) =>
    new Promise<PlanResult>((resolve) => {
      const w = (slots[slot] ??= start());
      const done = (result: PlanResult) => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        resolve(result);
      };
      const onMessage = (m: { result?: PlanResult; stacks?: (string | undefined)[]; error?: string }) => {
        if (m.result) done(withStacks(m.result, m.stacks ?? []));
        else done({ rendered: false, notes: [], diagnostics: [failure(task.shown, 'internal-error', m.error ?? '', heapMb)] });
      };
      const onError = (e: Error & { code?: string }) => {
        slots[slot] = undefined;
        void w.terminate();
        const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
        done({ rendered: false, notes: [], diagnostics: [failure(task.shown, oom ? 'resource-limit' : 'internal-error', e.stack ?? e.message, heapMb)] });
      };
      const onExit = (code: number) => {
        slots[slot] = undefined;
        done({ rendered: false, notes: [], diagnostics: [failure(task.shown, 'internal-error', `worker exited with code ${code}`, heapMb)] });
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage(task);
    });
  return {
    run(task) {
      const p = gate(async () => {
        const slot = idle.pop() ?? slots.push(undefined) - 1;
        try {
          return await runOn(slot, task);
        } finally {
          idle.push(slot);
        }
      });
      running.add(p);
      const forget = () => running.delete(p);
      p.then(forget, forget);
      return p;
    },
    async close() {
      while (running.size > 0) await Promise.allSettled([...running]);
      const workers = slots.splice(0);
      await Promise.all(workers.map((w) => w?.terminate()));
    },
  };
}

export { prestartPlanWorker } from './worker-start.js';

/** `--jobs`: how many plans at once; default one per core the process may use. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

function withStacks(result: PlanResult, stacks: readonly (string | undefined)[]): PlanResult {
  result.diagnostics.forEach((d, i) => {
    if (stacks[i]) Object.defineProperty(d, 'stack', { value: stacks[i], enumerable: false });
  });
  return result;
}

function failure(file: string, ruleId: 'resource-limit' | 'internal-error', detail: string, heapMb: number): Diagnostic {
  const d = diagnostic(file, 1, 1, ruleId, ruleId === 'resource-limit' ? { limit: heapMb } : { detail: detail.split('\n')[0] ?? '' });
  Object.defineProperty(d, 'stack', { value: detail, enumerable: false });
  return d;
}

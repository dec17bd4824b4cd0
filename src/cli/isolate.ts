import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/report.js';
import { heapLimits, startWorker, takePrestarted } from './worker-start.js';
import type { PlanResult, PlanTask } from './plan-task.js';

/**
 * Where plan tasks run. With a worker script (the built CLI passes one) they run in worker
 * threads whose V8 heap is capped: a plan that exhausts it stops that worker, not the
 * process, and becomes a `resource-limit` diagnostic naming the plan (exit 2) instead of
 * V8's fatal error (exit 134 and a native stack). Up to `jobs` workers serve a run, each
 * one task at a time, in the order sent, so a failure is known to belong to the first task
 * that worker has not answered, and each worker's start-up (tens of milliseconds, loading
 * the pipeline and templates once) is paid once; a further worker starts only when a task
 * would otherwise wait. A busy worker is also sent the next task, so it starts on it the
 * moment it replies instead of waiting for this thread to take the reply and send another
 * (on a loaded host this thread may itself wait for a core).
 * After a failure a fresh worker takes that worker's place, and the tasks sent to it but
 * not begun go to the next free worker. Without a worker script (tests on the sources)
 * tasks run in this thread.
 */
export interface PlanRunner {
  run(task: PlanTask): Promise<PlanResult>;
  close(): Promise<void>;
}

/** Tasks a worker holds at once: the one it works on and the next. */
const DEPTH = 2;

interface Sent {
  readonly task: PlanTask;
  readonly resolve: (result: PlanResult) => void;
}

interface Slot {
  worker: Worker | undefined;
  /** Sent to `worker` and not answered yet, oldest (the one it works on) first. */
  readonly sent: Sent[];
}

/**
 * `plans`: how many plans the run has (undefined when not known);
 * it picks the workers' heap limits (see {@link heapLimits}).
 */
export async function planRunner(workerScript: URL | undefined, env: Readonly<Record<string, string | undefined>> = {}, jobs = 1, plans?: number): Promise<PlanRunner> {
  const limits = heapLimits(env, plans === 1);
  const heapMb = limits.maxOldGenerationSizeMb;
  if (!workerScript) {
    const { runPlanTask } = await import('./plan-task.js');
    return { run: runPlanTask, close: async () => {} };
  }
  const slots: Slot[] = [];
  const waiting: Sent[] = [];
  const running = new Set<Promise<unknown>>();
  const prestarted = takePrestarted(workerScript, limits, env);
  const attach = (slot: Slot, w: Worker) => {
    slot.worker = w;
    w.on('message', (m: { result?: PlanResult; stacks?: (string | undefined)[]; error?: string }) => {
      if (slot.worker !== w) return;
      const s = slot.sent.shift();
      if (!s) return;
      s.resolve(m.result ? withStacks(m.result, m.stacks ?? []) : failed(s.task, 'internal-error', m.error ?? ''));
      dispatch();
    });
    const fail = (ruleId: 'resource-limit' | 'internal-error', detail: string) => {
      if (slot.worker !== w) return;
      slot.worker = undefined;
      void w.terminate();
      const [current, ...next] = slot.sent.splice(0);
      current?.resolve(failed(current.task, ruleId, detail));
      // Not begun: they go to the next free worker, ahead of the tasks not yet sent.
      waiting.unshift(...next);
      dispatch();
    };
    w.on('error', (e: Error & { code?: string }) => fail(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'resource-limit' : 'internal-error', e.stack ?? e.message));
    w.on('exit', (code: number) => fail('internal-error', `worker exited with code ${code}`));
  };
  const failed = (task: PlanTask, ruleId: 'resource-limit' | 'internal-error', detail: string): PlanResult => ({
    rendered: false,
    notes: [],
    diagnostics: [failure(task.shown, ruleId, detail, heapMb)],
  });
  // An idle worker first (a fresh one in the place of a failed one), then a new worker while
  // there are fewer than `jobs`, then the least busy with room for one more task.
  const pick = (): Slot | undefined => {
    const idle = slots.find((s) => s.sent.length === 0);
    if (idle) return idle;
    if (slots.length < jobs) {
      const slot: Slot = { worker: undefined, sent: [] };
      slots.push(slot);
      return slot;
    }
    let best: Slot | undefined;
    for (const s of slots) if (s.sent.length < DEPTH && (!best || s.sent.length < best.sent.length)) best = s;
    return best;
  };
  // The worker started while the command line loaded serves the first task.
  let spare = prestarted;
  const dispatch = () => {
    for (let slot = waiting.length > 0 ? pick() : undefined; slot; slot = waiting.length > 0 ? pick() : undefined) {
      const s = waiting.shift()!;
      if (!slot.worker) {
        const w = spare ?? startWorker(workerScript, limits, env);
        // The prestarted worker was unreferenced until now (a run may end before any plan is read).
        w.ref();
        spare = undefined;
        attach(slot, w);
      }
      slot.sent.push(s);
      try {
        slot.worker!.postMessage(s.task);
      } catch (e) {
        // A task that cannot be sent fails alone; the worker goes on with the others.
        slot.sent.pop();
        s.resolve(failed(s.task, 'internal-error', e instanceof Error ? (e.stack ?? e.message) : String(e)));
      }
    }
  };
  return {
    run(task) {
      const p = new Promise<PlanResult>((resolve) => {
        waiting.push({ task, resolve });
        dispatch();
      });
      running.add(p);
      const forget = () => running.delete(p);
      p.then(forget, forget);
      return p;
    },
    async close() {
      while (running.size > 0) await Promise.allSettled([...running]);
      const workers = slots.splice(0).map((s) => {
        const w = s.worker;
        s.worker = undefined;
        return w;
      });
      if (spare) workers.push(spare);
      await Promise.all(workers.map((w) => w?.terminate()));
    },
  };
}

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

/**
 * The worker thread plan tasks run in (see ./isolate.ts): each message is one task, each
 * reply its result. Tasks run one at a time in the order they came, since the parent may
 * send the next before this one is done and takes the first unanswered task as the one
 * running when a worker fails. A diagnostic's stack (kept for --verbose) is not an own
 * enumerable property, so it is sent alongside. Part of plangen's one bundle, which
 * ./boot.ts loads in the worker through V8's code cache and starts.
 */
import { parentPort } from 'node:worker_threads';
import { runPlanTask, type PlanResult, type PlanTask } from './plan-task.js';

/**
 * Serve tasks on this thread's port. `beforeReply` runs after a task and before its result
 * is sent: the worker may be ended as soon as the last result arrives.
 */
export function servePlanTasks(beforeReply?: (result: PlanResult) => Promise<void>): void {
  let queue: Promise<void> = Promise.resolve();
  parentPort?.on('message', (task: PlanTask) => {
    queue = queue.then(() => serve(task, beforeReply));
  });
}

async function serve(task: PlanTask, beforeReply?: (result: PlanResult) => Promise<void>): Promise<void> {
  try {
    const result = await runPlanTask(task);
    await beforeReply?.(result);
    const stacks = result.diagnostics.map((d) => (d as { stack?: string }).stack);
    // Each output's buffer is moved, not copied; a buffer two outputs share is listed once.
    const buffers = result.rendered ? [...new Set(result.outputs.map((o) => o.bytes.buffer as ArrayBuffer))] : [];
    parentPort?.postMessage({ result, stacks }, buffers);
  } catch (e) {
    // Every task gets exactly one reply, or the parent would wait on it for ever.
    parentPort?.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}

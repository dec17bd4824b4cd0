/**
 * The worker thread plan tasks run in (see ./isolate.ts): each message is one task, each
 * reply its result. A diagnostic's stack (kept for --verbose) is not an own enumerable
 * property, so it is sent alongside. Built as one CommonJS bundle that
 * ./plan-worker-boot.ts loads through V8's code cache and starts.
 */
import { parentPort } from 'node:worker_threads';
import { runPlanTask, type PlanResult, type PlanTask } from './plan-task.js';

/**
 * Serve tasks on this thread's port. `beforeReply` runs after a task and before its result
 * is sent: the worker may be ended as soon as the last result arrives.
 */
export function servePlanTasks(beforeReply?: (result: PlanResult) => Promise<void>): void {
  parentPort?.on('message', (task: PlanTask) => {
    void runPlanTask(task).then(
      async (result) => {
        await beforeReply?.(result);
        const stacks = result.diagnostics.map((d) => (d as { stack?: string }).stack);
        // Each output's buffer is moved, not copied; a buffer two outputs share is listed once.
        const buffers = result.rendered ? [...new Set(result.outputs.map((o) => o.bytes.buffer as ArrayBuffer))] : [];
        parentPort?.postMessage({ result, stacks }, buffers);
      },
      (e: unknown) => parentPort?.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    );
  });
}

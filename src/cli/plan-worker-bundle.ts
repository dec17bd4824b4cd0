/**
 * The plan worker's part of plangen's bundle (./bundle.ts), for its loader, ./boot.ts:
 * serving plan tasks, and warming up while the first one is on its way.
 */
export { servePlanTasks } from './plan-worker.js';

/**
 * The modules a build imports only when it gets to them (the template stage, images, the
 * DOCX writer) and node:crypto (the build cache's hashes), made ready while the worker
 * waits for its first task: the main thread takes longer to read the command line and the
 * plan than the worker takes to start. It is the work the first task would do anyway, only
 * earlier, so no result changes. Each step is a turn of the event loop of its own, so a
 * task that arrives meanwhile waits for one step at most.
 */
export async function warmUp(): Promise<void> {
  const steps: (() => unknown)[] = [
    () => import('../template/index.js'),
    () => import('../model/images.js'),
    () => import('../render/writers.js'),
    () => import('../render/docx/index.js'),
    () => process.getBuiltinModule('node:crypto'),
  ];
  for (const step of steps) {
    await new Promise((resolve) => setImmediate(resolve));
    await step();
  }
}

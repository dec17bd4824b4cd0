/**
 * The plan worker's script (dist/plan-worker.cjs); its work is in ./boot.ts, which the
 * command line has loaded already, and serves plan tasks (./plan-worker.ts).
 */
import { servePlanWorker } from './boot.js';

void servePlanWorker();

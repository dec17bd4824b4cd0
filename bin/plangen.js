#!/usr/bin/env node
// The command line lives in dist/ (built by `npm run build`); this only sets the exit code.
// Each plan is checked and built in a worker with a capped heap (src/cli/isolate.ts),
// started first so it gets ready while the command line loads.
import { prestartPlanWorker } from '../dist/prestart.mjs';

const argv = process.argv.slice(2);
const planWorker = new URL('../dist/plan-worker.mjs', import.meta.url);
if ((argv[0] === 'check' || argv[0] === 'build') && !argv.includes('--help') && !argv.includes('-h')) prestartPlanWorker(planWorker, process.env);
const { main, processIo } = await import('../dist/cli.mjs');
process.exitCode = await main(argv, { ...processIo(), planWorker });

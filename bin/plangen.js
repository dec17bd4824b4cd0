#!/usr/bin/env node
// The command line lives in dist/ (built by `npm run build`); this only sets the exit code.
import { main, processIo } from '../dist/cli.mjs';

// Each plan is checked and built in a worker with a capped heap (src/cli/isolate.ts).
const planWorker = new URL('../dist/plan-worker.mjs', import.meta.url);
process.exitCode = await main(process.argv.slice(2), { ...processIo(), planWorker });

#!/usr/bin/env node
// The command line lives in dist/ (built by `npm run build`); this only sets the exit code.
// This file is CommonJS (bin/package.json): an ES module here would start Node's ES-module
// loader before anything else, about a tenth of Node's own start-up, which `--version`
// alone would pay for nothing. `--version` is answered from package.json; everything else
// imports the CLI's ES modules.
'use strict';
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  void (async () => {
    // Each plan is checked and built in a worker with a capped heap (src/cli/isolate.ts),
    // started first so it gets ready while the command line loads.
    const { prestartPlanWorker } = await import('../dist/prestart.mjs');
    const planWorker = require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', 'dist', 'plan-worker.cjs'));
    if ((argv[0] === 'check' || argv[0] === 'build') && !argv.includes('--help') && !argv.includes('-h')) prestartPlanWorker(planWorker, process.env);
    const { main, processIo } = await import('../dist/cli.mjs');
    process.exitCode = await main(argv, { ...processIo(), planWorker });
  })();
}

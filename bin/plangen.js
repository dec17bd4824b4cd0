#!/usr/bin/env node
// The command line lives in dist/ (built by `npm run build`); this only sets the exit code.
// `--version` alone is answered from a tiny module: loading the CLI (commander and the
// message catalogue) would cost about half of Node's own start-up again.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { version } = await import('../dist/version.mjs');
  process.stdout.write(`${version}\n`);
} else {
  // Each plan is checked and built in a worker with a capped heap (src/cli/isolate.ts),
  // started first so it gets ready while the command line loads.
  const { prestartPlanWorker } = await import('../dist/prestart.mjs');
  const planWorker = new URL('../dist/plan-worker.mjs', import.meta.url);
  if ((argv[0] === 'check' || argv[0] === 'build') && !argv.includes('--help') && !argv.includes('-h')) prestartPlanWorker(planWorker, process.env);
  const { main, processIo } = await import('../dist/cli.mjs');
  process.exitCode = await main(argv, { ...processIo(), planWorker });
}

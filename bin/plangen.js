#!/usr/bin/env node
// The command line lives in dist/ (built by `npm run build`); this only sets the exit code.
// `--version` alone is answered from a tiny module: loading the CLI (commander and the
// message catalogue) would cost about half of Node's own start-up again.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = await import('../dist/version.mjs');
  process.stdout.write(`${version}\n`);
} else {
  const { main, processIo } = await import('../dist/cli.mjs');
  process.exitCode = await main(args, processIo());
}

#!/usr/bin/env node
// The command line lives in dist/ (built by `npm run build`); this only sets the exit code.
// This file is CommonJS (bin/package.json): an ES module here would start Node's ES-module
// loader before anything else, about a tenth of Node's own start-up, which `--version`
// alone would pay for nothing. `--version` is answered from package.json; everything else
// goes through dist/boot.cjs, which starts the plan worker and loads plangen's bundle.
'use strict';
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  void require('../dist/boot.cjs')
    .runCli(argv)
    .then((code) => {
      process.exitCode = code;
    });
}

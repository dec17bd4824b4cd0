#!/usr/bin/env node
// The command line lives in dist/ (built by `npm run build`); this only sets the exit code.
import { main, processIo } from '../dist/cli.mjs';

process.exitCode = await main(process.argv.slice(2), processIo());

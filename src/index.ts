/** plangen as a library: everything the CLI does, with injected io. */
export { main } from './cli/main.js';
export { processIo, type Io } from './io/io.js';
export { checkFile, checkSource, buildDocx, type CheckedPlan } from './pipeline.js';

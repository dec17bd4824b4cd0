/** plangen as a library: everything the CLI does, with injected io. */
export { main } from './cli/main.js';
export { processIo, type Io } from './io/io.js';
export { checkFile, checkSource, buildDocx, modelPlan, renderPlan, type CheckedPlan, type CheckResult, type ExpandedDocument, type ModelledPlan, type RenderedOutput, type RenderedPlan } from './pipeline.js';
export { writers, outputsFor, type Writer, type DocumentWriter, type BatchWriter, type CompareWriter } from './render/writers.js';

/**
 * What bin/plangen.js loads first for `check` and `build`: starting the plan worker before
 * the command line itself is loaded lets the worker's start-up and its loading of the
 * pipeline run on the second core meanwhile. Kept apart from the CLI entry so it loads
 * nothing else.
 */
export { prestartPlanWorker } from './worker-start.js';

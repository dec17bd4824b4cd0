/**
 * The command line (./bundle.ts's `cli`, which bin/plangen.js runs through ./boot.ts).
 * Each command imports its stages when it runs, so `--help`, `--version`, `doctor` and
 * `init` start without the Markdown, YAML or DOCX code.
 */
export { main } from './main.js';
export { processIo } from '../io/io.js';

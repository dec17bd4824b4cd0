/**
 * plangen's one bundle (dist/plangen.cjs), run by the command line and by the plan workers,
 * each through a V8 code cache of its own (./boot.ts). Every part is imported when asked
 * for, so loading the bundle evaluates none of them: the command line's commands import
 * their stages when they run (`--help`, `doctor` and `init` load no Markdown, YAML or DOCX
 * code), and a plan worker does not load the command line.
 */
export const cli = () => import('./entry.js');
export const planWorker = () => import('./plan-worker-bundle.js');
/** plangen as a library (dist/plangen.mjs). */
export const library = () => import('../index.js');

/**
 * What the bundles give yaml for its `require('process')` (scripts/build.mjs aliases the
 * bare name here; only yaml uses it). yaml reads `process.env.LOG_TOKENS` for every token
 * its parser takes and `LOG_STREAM` for every document: switches for debugging yaml itself,
 * which print to standard output. On Node each read of `process.env` is a call into C++
 * (about 150 ns), a fifth of a front matter's parse (docs/performance.md, "batch: third
 * pass"); and a LOG_TOKENS left set in a clerk's environment would print yaml's tokens into
 * plangen's output (`-o -` writes the DOCX there). yaml sees no such switches; its warnings
 * still go to Node's.
 */
export const env: Readonly<Record<string, string | undefined>> = Object.freeze({});

export function emitWarning(warning: string | Error): void {
  process.emitWarning(warning);
}

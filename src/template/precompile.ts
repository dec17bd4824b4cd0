import Handlebars from 'handlebars';
import { decodeSource } from '../read/decode.js';
import { compileOptions, FILE_INDEX_SLOT, markLines } from './hbs-marks.js';

/**
 * Build time only (scripts/build.mjs): a built-in template file compiled ahead, as the
 * source of a function of the file index that gives Handlebars' template spec. Compiling
 * the built-in templates was about a twentieth of a cold `build`; at run time plangen now
 * only fills in the file index, for a file whose text is still exactly `text`, and reads
 * its parsed tree back, so that it loads Handlebars' runtime and not its compiler.
 */
export function precompileFile(bytes: Uint8Array): { text: string; factory: string; ast: string } | undefined {
  const decoded = decodeSource(bytes);
  if (!decoded.ok) return undefined;
  const ast = Handlebars.parse(decoded.text);
  // With no `asObject` option, precompile gives the spec's JavaScript source (its typings say otherwise).
  const spec = Handlebars.precompile(markLines(ast, FILE_INDEX_SLOT) as hbs.AST.Program, compileOptions) as unknown as string;
  // Every marker is inside one of the spec's double-quoted strings: split the string there.
  const slot = `\uE000${FILE_INDEX_SLOT}:`;
  if (!spec.includes(slot) && decoded.text.includes('\n')) throw new Error('precompiled template has no line markers');
  // The tree too, as JSON: the checks run on it at run time without Handlebars' parser.
  return { text: decoded.text, factory: `(fileIndex) => (${spec.replaceAll(slot, '\uE000" + fileIndex + ":')})`, ast: JSON.stringify(ast) };
}

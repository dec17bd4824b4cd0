/**
 * The built-in template files compiled by the build (scripts/build.mjs, src/template/precompile.ts):
 * each file's text → a function of its file index that gives its Handlebars template spec.
 */
export declare const precompiledTemplates: ReadonlyMap<string, (fileIndex: number) => unknown>;
/** The same files' Handlebars syntax trees, as JSON (src/template/precompile.ts). */
export declare const parsedTemplates: ReadonlyMap<string, string>;

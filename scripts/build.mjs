// Bundle the CLI into dist/ with esbuild. Heavy stages (docx, templates, PDF) stay in
// their own chunks, loaded only when a command needs them.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { compileAll } from './compile-schema.mjs';
import { precompileTemplates } from './precompile-templates.mjs';
import { generateDocxParts } from './generate-docx-parts.mjs';

// The schemas are compiled to standalone validators first, so no run of plangen loads ajv.
compileAll();
// The built-in templates are compiled ahead too (scripts/precompile-templates.mjs).
await precompileTemplates();
// And the package docx writes around a plain document's body (scripts/generate-docx-parts.mjs).
await generateDocxParts();

// yaml's `require('process')` (only yaml's) gets src/util/yaml-process.ts, which says why.
const yamlProcess = { process: './src/util/yaml-process.ts' };

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });
const result = await build({
  entryPoints: { plangen: 'src/index.ts', cli: 'src/cli/entry.ts', 'pdf-worker': 'src/render/pdf/pdf-worker.ts', prestart: 'src/cli/prestart.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: "import { createRequire as __plangenRequire } from 'node:module'; const require = __plangenRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  alias: yamlProcess,
});
// Kept for the test that proves heavy modules stay out of the start-up path.
writeFileSync(new URL('../dist/meta.json', import.meta.url), JSON.stringify(result.metafile));

// The plan worker needs the whole pipeline for its first plan, so lazy chunks save it
// nothing; as one CommonJS file it can be compiled through V8's code cache, which ES
// modules cannot use on Node 20 (src/cli/code-cache.ts). Its loader is a file of its own.
const cjs = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  // Whitespace and syntax only, to keep the package small (the pipeline is now in dist/
  // twice); names stay, so a --verbose stack trace still says which function failed.
  minifyWhitespace: true,
  minifySyntax: true,
  // src/paths.ts finds the package from its own place.
  define: { 'import.meta.url': '__plangenModuleUrl' },
  // The sources are ES modules, strict throughout; the directive must stay first.
  banner: { js: "'use strict'; const __plangenModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'none',
  logLevel: 'warning',
  alias: yamlProcess,
};
await build({ ...cjs, entryPoints: { 'plan-worker-bundle': 'src/cli/plan-worker-bundle.ts' } });
// The loader is told the bundle's hash, the key of its code cache, so it need not hash it.
const bundleBytes = readFileSync(new URL('../dist/plan-worker-bundle.cjs', import.meta.url));
const bundleId = { hash: createHash('sha256').update(bundleBytes).digest('hex'), size: bundleBytes.length };
await build({ ...cjs, entryPoints: { 'plan-worker': 'src/cli/plan-worker-boot.ts' }, define: { ...cjs.define, PLANGEN_WORKER_BUNDLE: JSON.stringify(bundleId) } });

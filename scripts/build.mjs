// Bundle plangen into dist/ with esbuild: one CommonJS bundle and the small files that load it.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
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

// plangen's code is one CommonJS bundle, dist/plangen.cjs (src/cli/bundle.ts), run by the
// command line and by the plan workers alike, each through a V8 code cache of its own
// (src/cli/code-cache.ts): ES modules cannot use one on Node 20. Every stage in it is
// imported when a command first needs it; esbuild keeps such a module unevaluated until
// its import() runs, so a command still loads only what it uses (test/cli/lazy-loading).
const cjs = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  // Whitespace and syntax only, to keep the package small; names stay, so a --verbose
  // stack trace still says which function failed.
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
/**
 * esbuild escapes non-ASCII text in strings but leaves it in regular expressions (`/[，。]/u`)
 * and in tagged templates (`String.raw`, whose text it must keep as written).
 * One such character makes the whole 2.8 MB source a two-byte string that must be decoded
 * from UTF-8 at every start (about 20 ms); pure ASCII is read as Latin-1 in about 1 ms
 * (src/cli/code-cache.ts). A `\uXXXX` escape means the same in a regular expression, with or
 * without the `u` flag; a character after a backslash, or outside the BMP, would not be
 * escaped this way, so the build stops on one. In a `String.raw` template the escape stays
 * six characters of text: right for the only ones we have (src/validate/rules/placeholder.ts,
 * whose text becomes a RegExp), wrong for one used as plain text, so keep non-ASCII out of
 * any other tagged template.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  const out = text.replace(/[^\x00-\x7f]/g, (c, at) => {
    const code = c.charCodeAt(0);
    if (text[at - 1] === '\\' || (code >= 0xd800 && code < 0xe000)) throw new Error(`build: cannot escape the character at ${at} of ${file}`);
    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
  writeFileSync(file, out);
}
/** Modules that live in the small boot file (dist/boot.cjs) and must exist there once: the prestarted worker is its state. */
const fromBoot = {
  name: 'from-boot',
  setup(b) {
    const ours = new Set(['worker-start.js', 'boot.js'].map((f) => fileURLToPath(new URL(`../src/cli/${f}`, import.meta.url))));
    b.onResolve({ filter: /(worker-start|boot)\.js$/ }, (args) => (ours.has(path.resolve(args.resolveDir, args.path)) ? { path: './boot.cjs', external: true } : undefined));
  },
};
const result = await build({ ...cjs, entryPoints: { plangen: 'src/cli/bundle.ts' }, plugins: [fromBoot], metafile: true });
asciiOnly(new URL('../dist/plangen.cjs', import.meta.url));
// Kept for the test that proves each command loads only what it needs.
writeFileSync(new URL('../dist/meta.json', import.meta.url), JSON.stringify(result.metafile));
// The boot file is told the bundle's hash, the key of its code caches, so it need not hash it.
const bundleBytes = readFileSync(new URL('../dist/plangen.cjs', import.meta.url));
const bundleId = { hash: createHash('sha256').update(bundleBytes).digest('hex'), size: bundleBytes.length };
await build({ ...cjs, entryPoints: { boot: 'src/cli/boot.ts' }, define: { ...cjs.define, PLANGEN_BUNDLE: JSON.stringify(bundleId) } });
await build({ ...cjs, entryPoints: { 'plan-worker': 'src/cli/plan-worker-boot.ts' }, plugins: [fromBoot] });

// The PDF check thread's script (src/render/pdf/pdf-worker.ts) on its own: it needs none of the rest.
await build({
  ...cjs,
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  entryPoints: { 'pdf-worker': 'src/render/pdf/pdf-worker.ts' },
  define: {},
  banner: { js: "import { createRequire as __plangenRequire } from 'node:module'; const require = __plangenRequire(import.meta.url);" },
});

// plangen as a library (src/index.ts) and the command line as ES modules, taken from the bundle.
const require = createRequire(import.meta.url);
const library = await require('../dist/plangen.cjs').library();
const names = Object.keys(library).filter((n) => n !== 'default' && n !== '__esModule').sort();
const esm = (what) =>
  `// ${what}, from the one bundle (dist/plangen.cjs).\nimport { createRequire } from 'node:module';\nconst bundle = await createRequire(import.meta.url)('./plangen.cjs')`;
writeFileSync(new URL('../dist/plangen.mjs', import.meta.url), `${esm('plangen as a library')}.library();\nexport const { ${names.join(', ')} } = bundle;\n`);
writeFileSync(new URL('../dist/cli.mjs', import.meta.url), `${esm('The command line')}.cli();\nexport const { main, processIo } = bundle;\n`);

// Bundle the CLI into dist/ with esbuild. Heavy stages (docx, templates, PDF) stay in
// their own chunks, loaded only when a command needs them.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { compileAll } from './compile-schema.mjs';
import { precompileTemplates } from './precompile-templates.mjs';

// The schemas are compiled to standalone validators first, so no run of plangen loads ajv.
compileAll();
// The built-in templates are compiled ahead too (scripts/precompile-templates.mjs).
await precompileTemplates();

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });
const result = await build({
  entryPoints: { plangen: 'src/index.ts', cli: 'src/cli/entry.ts', 'plan-worker': 'src/cli/plan-worker.ts', 'pdf-worker': 'src/render/pdf/pdf-worker.ts', prestart: 'src/cli/prestart.ts', version: 'src/version.ts' },
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
});
// Kept for the test that proves heavy modules stay out of the start-up path.
writeFileSync(new URL('../dist/meta.json', import.meta.url), JSON.stringify(result.metafile));

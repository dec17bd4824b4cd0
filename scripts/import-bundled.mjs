// The build's generators run parts of plangen's own TypeScript sources before dist/ exists
// (the template compiler, the DOCX writer): esbuild bundles them in memory and the bundle
// is imported from there, so nothing is written beside the sources.
import { build } from 'esbuild';

/** esbuild `options` (an entry, plugins, a banner) bundled for Node 20 and imported. */
export async function importBundled(options) {
  const out = await build({ bundle: true, format: 'esm', platform: 'node', target: 'node20', write: false, logLevel: 'warning', ...options });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

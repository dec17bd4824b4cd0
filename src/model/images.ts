import type { Root } from 'mdast';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ImageData } from './document.js';

/**
 * Load every image the document refers to (PNG/JPEG), relative to the plan's folder or to
 * `node.data.baseDir` when an expansion set one. A missing or unsupported image is an
 * error at the image's position. (STUB: to be built.)
 */
export async function resolveImages(
  tree: Root,
  planDir: string,
  planFile: string,
): Promise<{ images: Map<string, ImageData>; diagnostics: Diagnostic[] }> {
  void tree;
  void planDir;
  void planFile;
  return { images: new Map(), diagnostics: [] };
}

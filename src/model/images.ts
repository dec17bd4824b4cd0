import * as path from 'node:path';
import type { Image, Root } from 'mdast';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/report.js';
import type { ImageData } from './document.js';
import { accessFor, inspectPath, problemDiagnostic, readContained, type Access } from '../io/contain.js';

/** An image reference: where it is written and the file it names (or why it names none). */
interface ImageRef {
  readonly node: Image;
  readonly at: { readonly file: string; readonly line: number; readonly column: number };
  /** The absolute path it names, or the rule id for a URL that is never read. */
  readonly target: string | { readonly refused: 'image-remote' | 'image-data-url' | 'image-unsupported' };
}
import { budgets } from '../util/budgets.js';

/**
 * The image references of a document, relative to the plan's folder or to
 * `node.data.baseDir` when an expansion set one (attachment pages), positioned in
 * `node.data.file` when an expansion set one. Each URL once.
 */
function imageRefs(tree: Root, planDir: string, planFile: string): ImageRef[] {
  const seen = new Set<string>();
  const refs: ImageRef[] = [];
  for (const node of collectImages(tree)) {
    if (seen.has(node.url)) continue;
    seen.add(node.url);
    const data = (node.data ?? {}) as { baseDir?: unknown; file?: unknown };
    const at = { file: typeof data.file === 'string' ? data.file : planFile, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
    // Remote and data: URLs are not fetched: a build must not depend on the network.
    if (/^https?:/i.test(node.url)) refs.push({ node, at, target: { refused: 'image-remote' } });
    else if (/^data:/i.test(node.url)) refs.push({ node, at, target: { refused: 'image-data-url' } });
    else if (/^[a-z][a-z0-9+.-]+:/i.test(node.url) && !/^file:/i.test(node.url)) refs.push({ node, at, target: { refused: 'image-unsupported' } });
    else {
      const base = typeof data.baseDir === 'string' ? data.baseDir : planDir;
      refs.push({ node, at, target: path.resolve(base, safeDecode(node.url.replace(/^file:(\/\/)?/i, ''))) });
    }
  }
  return refs;
}

/**
 * What `check` says about a document's images without reading them: each must be a
 * regular file inside the project within the size cap (a stat, no open; reading is left
 * to the build).
 */
export function inspectImages(tree: Root, planDir: string, planFile: string, access: Access): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const ref of imageRefs(tree, planDir, planFile)) {
    const { at, target } = ref;
    if (typeof target !== 'string') {
      diagnostics.push(diagnostic(at.file, at.line, at.column, target.refused, { path: ref.node.url }));
      continue;
    }
    const v = inspectPath(target, 'image', access);
    if (!v.ok) diagnostics.push(problemDiagnostic(v, 'image', at, ref.node.url, 'image-missing'));
  }
  return diagnostics;
}

/**
 * Load every image the document refers to (PNG/JPEG) through the containment check. A
 * refused, missing or unsupported image is an error at the image's position.
 */
export async function resolveImages(
  tree: Root,
  planDir: string,
  planFile: string,
  access: Access = accessFor(planDir),
): Promise<{ images: Map<string, ImageData>; diagnostics: Diagnostic[] }> {
  const images = new Map<string, ImageData>();
  const diagnostics: Diagnostic[] = [];
  for (const ref of imageRefs(tree, planDir, planFile)) {
    const { at, target, node } = ref;
    if (typeof target !== 'string') {
      diagnostics.push(diagnostic(at.file, at.line, at.column, target.refused, { path: node.url }));
      continue;
    }
    const read = await readContained(target, 'image', access);
    if (!read.ok) {
      diagnostics.push(problemDiagnostic(read, 'image', at, node.url, 'image-missing'));
      continue;
    }
    const info = imageInfo(read.bytes);
    if (!info) {
      diagnostics.push(diagnostic(at.file, at.line, at.column, 'image-unsupported', { path: node.url }));
      continue;
    }
    // Word and LibreOffice decode the whole bitmap: the header's size is what it will cost.
    if (info.width * info.height > budgets.imagePixels) {
      diagnostics.push(diagnostic(at.file, at.line, at.column, 'image-too-many-pixels', { path: node.url, width: info.width, height: info.height, limit: budgets.imagePixels }));
      continue;
    }
    images.set(node.url, { data: read.bytes, ...info });
  }
  return { images, diagnostics };
}

function safeDecode(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** Image nodes in document order, attachment pages included. */
function collectImages(tree: Root): Image[] {
  const found: Image[] = [];
  const walk = (node: unknown): void => {
    const n = node as { type?: string; children?: unknown[] };
    if (n.type === 'image') found.push(node as Image);
    n.children?.forEach(walk);
  };
  walk(tree);
  return found;
}

/**
 * Type and pixel size from the file's header: PNG's IHDR chunk, or JPEG's first
 * start-of-frame segment. Anything else is null.
 */
export function imageInfo(bytes: Uint8Array): Omit<ImageData, 'data'> | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 24 && PNG.every((b, i) => bytes[i] === b)) {
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    return width > 0 && height > 0 ? { type: 'png', width, height } : null;
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 4 <= bytes.length) {
      if (bytes[i] !== 0xff) return null;
      const marker = bytes[i + 1] ?? 0;
      if (marker === 0xff) {
        i += 1; // fill byte
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2; // markers without a length
        continue;
      }
      const length = view.getUint16(i + 2);
      // SOF0–SOF15 carry the size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        if (i + 9 > bytes.length) return null;
        const height = view.getUint16(i + 5);
        const width = view.getUint16(i + 7);
        return width > 0 && height > 0 ? { type: 'jpg', width, height } : null;
      }
      i += 2 + length;
    }
  }
  return null;
}

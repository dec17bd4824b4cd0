import * as path from 'node:path';

/**
 * manifest.json's one writer: `build` writes it for a run and `manifest merge` combines the
 * parts of a sharded build into it, and the two must give the same bytes for the same
 * entries (a merged manifest stands in for an unsharded build's). Kept apart from
 * manifest.ts so `build` does not load the merge command's reading and globbing.
 */

/** One line of manifest.json, in the order its keys are written. */
export interface ManifestEntry {
  readonly path: string;
  readonly source: string;
  readonly template: string;
  readonly sha256: string;
  readonly size: number;
}

/** Two-space JSON, keys in one order, entries sorted by path, no dates: the same entries give the same bytes. */
export function manifestBytes(version: string, entries: readonly ManifestEntry[]): Uint8Array {
  const outputs = entries
    .map((e) => ({ path: e.path, source: e.source, template: e.template, sha256: e.sha256, size: e.size }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return new TextEncoder().encode(JSON.stringify({ plangen: version, outputs }, null, 2) + '\n');
}

/** A relative path in `/` form, as the manifest lists it on every system. */
export function posix(p: string): string {
  return p.split(path.sep).join('/');
}

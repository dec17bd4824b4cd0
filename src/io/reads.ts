import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The files one plan's build read, each with the sha256 of the bytes read. Collected where
 * the bytes come in (`readContained`), not re-derived from the plan afterwards, so a
 * partial, attachment or image is listed exactly when the build used it. The build cache
 * keys a plan on this list.
 */
export type ReadLog = Map<string, string>;

const current = new AsyncLocalStorage<ReadLog>();

/** Run `fn`, noting every file read inside it (across awaits). */
export async function recordReads<T>(fn: () => Promise<T>): Promise<{ result: T; reads: ReadLog }> {
  const reads: ReadLog = new Map();
  const result = await current.run(reads, fn);
  return { result, reads };
}

/** Called by the reader: `real` is the file's real path. Does nothing outside {@link recordReads}. */
export function noteRead(real: string, bytes: Uint8Array): void {
  const log = current.getStore();
  if (log) log.set(real, sha256(bytes));
}

export function sha256(bytes: Uint8Array | string): string {
  // Loaded when first needed: node:crypto alone costs a plan worker 20–40 ms to start, and
  // a build without the cache hashes nothing there.
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(bytes).digest('hex');
}

import { isAscii } from 'node:buffer';
import { readFileSync, promises as fsp } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';
import { writeFileAtomic } from '../io/write.js';

/**
 * V8 code caches of plangen's one bundle (dist/plangen.cjs), which the command line on the
 * main thread and the plan workers both run. Compiling it, and lazily compiling the
 * functions a first run calls, is a large part of a cold build. V8 can hand the compiled
 * code back as bytes (`createCachedData`) and take them at the next start (`cachedData`).
 * Each user of the bundle (a role: the plan worker, the command line running `build`,
 * `check` or another command) keeps a cache of its own, taken after its first use, so it
 * holds the functions that role ran and not the others' (deserialising code a thread never
 * calls costs time too). A plan worker's cache taken after a `check` lacks the DOCX
 * writer's code: it is used, and replaced after the first document a worker renders.
 *
 * V8 checks its own version and flags, but matches the source by length only, and in a
 * release build does not check the payload's checksum; so each file is keyed by Node version,
 * architecture and the bundle's hash, and carries a header that is checked before V8 sees
 * the payload. Anything that does not match (missing, truncated, corrupt, another Node's,
 * rejected by V8) is ignored: the bundle is compiled from source and the cache rewritten.
 */

const MAGIC = 'plangen-code-cache 1\n';
/** A cache larger than this is not written (the bundle's is a few MB). */
export const MAX_CACHE_BYTES = 64 << 20;
/** Cache files kept in the folder for each role: one per Node version and plangen version in use. */
export const KEPT_CACHES = 3;
/** Who uses the bundle; each keeps its own cache file. */
export type CacheRole = 'plan-worker' | 'cli-build' | 'cli-check' | 'cli';
const NAME = /^([a-z-]+)-v\d[0-9a-z._-]*\.v8cache$/;

export interface CacheHeader {
  readonly node: string;
  readonly arch: string;
  readonly v8: string;
  /** sha256 of the bundle's bytes, taken when it was built. */
  readonly bundle: string;
  readonly size: number;
  readonly crc: number;
  /** Taken after a document was rendered, so it holds the writer's code too. */
  readonly rendered: boolean;
}

/** What this process expects of a cache for a bundle with this hash. */
export function expectedHeader(bundleHash: string): Omit<CacheHeader, 'size' | 'crc' | 'rendered'> {
  return { node: process.version, arch: process.arch, v8: process.versions.v8, bundle: bundleHash };
}

/** The cache file's name for a bundle and role: the role, Node version, architecture and the bundle's hash. */
export function cacheFileName(bundleHash: string, role: CacheRole = 'plan-worker'): string {
  return `${role}-${process.version}-${process.arch}-${bundleHash.slice(0, 16)}.v8cache`;
}

export function encodeCache(bundleHash: string, data: Uint8Array, rendered = true): Buffer {
  const header: CacheHeader = { ...expectedHeader(bundleHash), size: data.length, crc: crc32(data), rendered };
  return Buffer.concat([Buffer.from(MAGIC + JSON.stringify(header) + '\n', 'utf8'), data]);
}

/** The payload of a cache file, or undefined when it is not exactly what this process would have written. */
export function decodeCache(file: Uint8Array, bundleHash: string): { payload: Buffer; rendered: boolean } | undefined {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.length);
  if (bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return undefined;
  const end = bytes.indexOf(10, MAGIC.length);
  if (end < 0 || end - MAGIC.length > 1024) return undefined;
  let header: Partial<CacheHeader>;
  try {
    header = JSON.parse(bytes.subarray(MAGIC.length, end).toString('utf8')) as Partial<CacheHeader>;
  } catch {
    return undefined;
  }
  const want = expectedHeader(bundleHash);
  if (header.node !== want.node || header.arch !== want.arch || header.v8 !== want.v8 || header.bundle !== want.bundle) return undefined;
  const payload = bytes.subarray(end + 1);
  if (payload.length !== header.size || crc32(payload) !== header.crc || typeof header.rendered !== 'boolean') return undefined;
  return { payload, rendered: header.rendered };
}

export interface LoadedBundle {
  readonly exports: Record<string, unknown>;
  /**
   * How the cache was found: `used`, or why it was not (`none`: no cache folder, or the
   * bundle is not the one that was built, so its hash cannot be trusted).
   */
  readonly cache: 'used' | 'missing' | 'invalid' | 'rejected' | 'none';
  /**
   * After a task: write the cache if none was used, or if the one used was taken after a
   * check and this task rendered a document. Never throws.
   */
  writeCache(rendered: boolean): Promise<void>;
}

/** The bundle as the build wrote it: its hash (hex) and size in bytes. */
export interface BuiltBundle {
  readonly hash: string;
  readonly size: number;
}

/**
 * Run a CommonJS bundle the way Node's loader would, compiled with the cache from
 * `cacheDir` when there is a valid one. Without a folder it runs uncached. The bundle's hash
 * comes from the build: hashing it here would load node:crypto, which alone costs a worker
 * 20–40 ms; a bundle whose size is not the built one runs uncached.
 */
export function loadBundle(bundlePath: string, built: BuiltBundle, cacheDir: string | undefined, role: CacheRole = 'plan-worker'): LoadedBundle {
  const source = readFileSync(bundlePath);
  const hash = built.hash;
  const file = cacheDir && source.length === built.size ? path.join(cacheDir, cacheFileName(hash, role)) : undefined;
  let cachedData: Buffer | undefined;
  let state: LoadedBundle['cache'] = file ? 'missing' : 'none';
  let found: { payload: Buffer; rendered: boolean } | undefined;
  if (file) {
    try {
      found = decodeCache(readFileSync(file), hash);
      cachedData = found?.payload;
      if (!found) state = 'invalid';
    } catch {
      // No file, or not readable: the same as none.
    }
  }
  // Node's own wrapper, on the first line, so positions in stack traces stay the bundle's.
  // An ASCII source read as Latin-1 is the same text, made as a one-byte string without
  // UTF-8 decoding (2.8 MB: about 1 ms instead of 5–20; scripts/build.mjs keeps the bundle ASCII).
  const text = source.toString(isAscii(source) ? 'latin1' : 'utf8');
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${text}\n});`;
  const script = new Script(wrapped, { filename: bundlePath, ...(cachedData ? { cachedData } : {}) });
  if (cachedData) state = script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as Record<string, unknown> };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(bundlePath), module, bundlePath, path.dirname(bundlePath));
  // What the cache file holds now, as far as this worker knows.
  let held: 'nothing' | 'checked' | 'rendered' = state === 'used' ? (found?.rendered ? 'rendered' : 'checked') : 'nothing';
  return {
    exports: module.exports,
    cache: state,
    async writeCache(rendered) {
      if (!file || !cacheDir || held === 'rendered' || (held === 'checked' && !rendered)) return;
      held = rendered ? 'rendered' : 'checked';
      try {
        const data = script.createCachedData();
        if (data.length === 0 || data.length > MAX_CACHE_BYTES) return;
        const r = await writeFileAtomic(file, encodeCache(hash, data, rendered));
        if (r.ok) await pruneCaches(cacheDir, path.basename(file));
      } catch {
        // A cache is an optimisation: a folder that cannot be written means running without it.
      }
    },
  };
}

/**
 * Keep the newest few cache files of the role just written (one per Node and plangen version
 * in use), and that one; other roles' files are left to their own writers. Temporary files a
 * killed writer left are writeFileAtomic's to sweep (src/io/write.ts).
 */
export async function pruneCaches(dir: string, keep: string): Promise<void> {
  const all = await fsp.readdir(dir).catch(() => [] as string[]);
  const role = NAME.exec(keep)?.[1];
  // Only files named as caches of the same role are ever removed.
  if (role === undefined) return;
  const names = all.filter((n) => n !== keep && NAME.exec(n)?.[1] === role);
  const dated = await Promise.all(names.map(async (n) => ({ n, t: (await fsp.stat(path.join(dir, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => b.t - a.t || (a.n < b.n ? -1 : 1));
  for (const { n } of dated.slice(KEPT_CACHES - 1)) await fsp.rm(path.join(dir, n), { force: true }).catch(() => undefined);
}

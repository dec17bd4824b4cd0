import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Script } from 'node:vm';
import { cacheFileName, decodeCache, encodeCache, KEPT_CACHES, loadBundle } from '../../src/cli/code-cache.js';
import { tempDir } from '../helpers/cli.js';

/**
 * The plan worker's V8 code cache (src/cli/code-cache.ts): every way a cache file can be
 * wrong is ignored, the bundle runs from source, and the cache is written again.
 */
const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const builtOf = (file: string) => ({ hash: hashOf(readFileSync(file)), size: readFileSync(file).length });

/** A small CommonJS bundle with a function that only runs when called, as the pipeline's do. */
function writeBundle(dir: string, answer: number | string = 42): string {
  const file = path.join(dir, 'bundle.cjs');
  writeFileSync(file, `'use strict';\nconst path = require('node:path');\nexports.answer = function answer(x) { return [x * 2, ${JSON.stringify(answer)}, path.basename(__filename)].join(' '); };\n`);
  return file;
}

describe('code cache file format', () => {
  const payload = Buffer.from('compiled code, as V8 would give it');
  const hash = 'a'.repeat(40);
  const good = encodeCache(hash, payload);

  it('reads back what it wrote', () => {
    expect(decodeCache(good, hash)).toEqual({ payload, rendered: true });
    expect(decodeCache(encodeCache(hash, payload, false), hash)).toEqual({ payload, rendered: false });
  });

  it.each([
    ['another bundle', (b: Buffer) => b, 'b'.repeat(40)],
    ['truncated in the payload', (b: Buffer) => b.subarray(0, b.length - 1), hash],
    ['truncated in the header', (b: Buffer) => b.subarray(0, 30), hash],
    ['empty', () => Buffer.alloc(0), hash],
    ['a byte of the payload changed', (b: Buffer) => Buffer.concat([b.subarray(0, b.length - 3), Buffer.from('X'), b.subarray(b.length - 2)]), hash],
    ['bytes appended', (b: Buffer) => Buffer.concat([b, Buffer.from('more')]), hash],
    ['not a cache at all', () => Buffer.from('hello\nworld\n'), hash],
    ['another Node version', (b: Buffer) => Buffer.from(b.toString('latin1').replace(`"node":"${process.version}"`, '"node":"v18.0.0"'), 'latin1'), hash],
    ['another architecture', (b: Buffer) => Buffer.from(b.toString('latin1').replace(`"arch":"${process.arch}"`, '"arch":"s390x"'), 'latin1'), hash],
    ['a broken header', (b: Buffer) => Buffer.from(b.toString('latin1').replace('{', '{{'), 'latin1'), hash],
  ])('ignores a file: %s', (_, spoil, bundle) => {
    expect(decodeCache(spoil(good), bundle)).toBeUndefined();
  });

  it('names the file by role, Node version, architecture and bundle', () => {
    expect(cacheFileName(hash)).toBe(`plan-worker-${process.version}-${process.arch}-${hash.slice(0, 16)}.v8cache`);
    expect(cacheFileName(hash, 'cli-build')).toBe(`cli-build-${process.version}-${process.arch}-${hash.slice(0, 16)}.v8cache`);
  });
});

describe('loading a bundle through the cache', () => {
  it('runs without a cache folder, and writes nothing', async () => {
    const t = tempDir();
    try {
      const bundle = writeBundle(t.dir);
      const loaded = loadBundle(bundle, builtOf(bundle), undefined);
      expect(loaded.cache).toBe('none');
      expect((loaded.exports['answer'] as (x: number) => string)(2)).toBe('4 42 bundle.cjs');
      await loaded.writeCache(true);
      expect(readdirSync(t.dir)).toEqual(['bundle.cjs']);
    } finally {
      t.cleanup();
    }
  });

  it('writes the cache after the first use, and the next load uses it with the same results', async () => {
    const t = tempDir();
    try {
      const bundle = writeBundle(t.dir);
      const cache = path.join(t.dir, 'cache', 'code-cache');
      const first = loadBundle(bundle, builtOf(bundle), cache);
      expect(first.cache).toBe('missing');
      const a = (first.exports['answer'] as (x: number) => string)(3);
      await first.writeCache(true);
      const file = path.join(cache, cacheFileName(hashOf(readFileSync(bundle))));
      expect(decodeCache(readFileSync(file), hashOf(readFileSync(bundle)))?.payload.length).toBeGreaterThan(0);
      const second = loadBundle(bundle, builtOf(bundle), cache);
      expect(second.cache).toBe('used');
      expect((second.exports['answer'] as (x: number) => string)(3)).toBe(a);
      // A used cache is not written again.
      const before = statSync(file).mtimeMs;
      utimesSync(file, new Date(1_000_000), new Date(1_000_000));
      await second.writeCache(true);
      expect(statSync(file).mtimeMs).toBe(1_000_000);
      expect(before).toBeGreaterThan(1_000_000);
    } finally {
      t.cleanup();
    }
  });

  it('replaces a cache taken after a check once a document is rendered, and only then', async () => {
    const t = tempDir();
    try {
      const bundle = writeBundle(t.dir, 99);
      const hash = hashOf(readFileSync(bundle));
      const cache = path.join(t.dir, 'cache');
      const file = path.join(cache, cacheFileName(hash));
      const first = loadBundle(bundle, builtOf(bundle), cache);
      await first.writeCache(false);
      expect(decodeCache(readFileSync(file), hash)?.rendered).toBe(false);
      // The same worker's first document replaces it.
      await first.writeCache(true);
      expect(decodeCache(readFileSync(file), hash)?.rendered).toBe(true);

      writeFileSync(file, encodeCache(hash, decodeCache(readFileSync(file), hash)!.payload, false));
      const next = loadBundle(bundle, builtOf(bundle), cache);
      expect(next.cache).toBe('used');
      utimesSync(file, new Date(1_000_000), new Date(1_000_000));
      await next.writeCache(false);
      expect(statSync(file).mtimeMs).toBe(1_000_000);
      await next.writeCache(true);
      expect(decodeCache(readFileSync(file), hash)?.rendered).toBe(true);
      expect(statSync(file).mtimeMs).toBeGreaterThan(1_000_000);
    } finally {
      t.cleanup();
    }
  });

  it('ignores a corrupt, truncated or foreign cache, and writes a good one over it', async () => {
    const t = tempDir();
    try {
      const bundle = writeBundle(t.dir);
      const hash = hashOf(readFileSync(bundle));
      const cache = path.join(t.dir, 'cache');
      mkdirSync(cache);
      const file = path.join(cache, cacheFileName(hash));
      const warm = loadBundle(bundle, builtOf(bundle), cache);
      (warm.exports['answer'] as (x: number) => string)(1);
      await warm.writeCache(true);
      const good = readFileSync(file);
      const spoilt: [string, Buffer][] = [
        ['corrupt', Buffer.concat([good.subarray(0, good.length - 10), Buffer.alloc(10, 0x55)])],
        ['truncated', good.subarray(0, Math.floor(good.length / 2))],
        ['foreign', Buffer.from(good.toString('latin1').replace(`"v8":"${process.versions.v8}"`, '"v8":"1.0.0"'), 'latin1')],
      ];
      for (const [what, bytes] of spoilt) {
        writeFileSync(file, bytes);
        const loaded = loadBundle(bundle, builtOf(bundle), cache);
        expect(loaded.cache, what).toBe('invalid');
        expect((loaded.exports['answer'] as (x: number) => string)(5), what).toBe('10 42 bundle.cjs');
        await loaded.writeCache(true);
        expect(decodeCache(readFileSync(file), hash), `${what}: rewritten`).toBeDefined();
        expect(loadBundle(bundle, builtOf(bundle), cache).cache, `${what}: rewritten`).toBe('used');
      }
    } finally {
      t.cleanup();
    }
  });

  it('recompiles when V8 refuses the cached code, and writes it again', async () => {
    const t = tempDir();
    try {
      // A source this process has not compiled yet: V8 keeps compiled scripts per process and
      // would otherwise not look at the cached code at all.
      const bundle = writeBundle(t.dir, 7);
      const hash = hashOf(readFileSync(bundle));
      const cache = path.join(t.dir, 'cache');
      mkdirSync(cache);
      const file = path.join(cache, cacheFileName(hash));
      // Code V8 compiled for another source: the header is right, V8 refuses the payload.
      const other = new Script('(function () { return "something else entirely, of another length"; })');
      writeFileSync(file, encodeCache(hash, other.createCachedData()));
      const loaded = loadBundle(bundle, builtOf(bundle), cache);
      expect(loaded.cache).toBe('rejected');
      expect((loaded.exports['answer'] as (x: number) => string)(5)).toBe('10 7 bundle.cjs');
      await loaded.writeCache(true);
      const payload = decodeCache(readFileSync(file), hash);
      expect(payload).toBeDefined();
      expect(payload!.payload.equals(other.createCachedData())).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  it('reads a bundle that is not ASCII as UTF-8, with and without its cache', async () => {
    const t = tempDir();
    try {
      const cache = path.join(t.dir, 'cache');
      const bundle = writeBundle(t.dir, '方案，“一”');
      const first = loadBundle(bundle, builtOf(bundle), cache);
      expect((first.exports['answer'] as (x: number) => string)(1)).toBe('2 方案，“一” bundle.cjs');
      await first.writeCache(true);
      const second = loadBundle(bundle, builtOf(bundle), cache);
      expect(second.cache).toBe('used');
      expect((second.exports['answer'] as (x: number) => string)(1)).toBe('2 方案，“一” bundle.cjs');
    } finally {
      t.cleanup();
    }
  });

  it('keeps a cache for each role of one bundle, each pruned apart from the others', async () => {
    const t = tempDir();
    try {
      const cache = path.join(t.dir, 'cache');
      const bundle = writeBundle(t.dir, 7);
      const worker = loadBundle(bundle, builtOf(bundle), cache, 'plan-worker');
      await worker.writeCache(true);
      const hash = hashOf(readFileSync(bundle));
      // Another role finds no cache of its own in the worker's, and writes one beside it.
      const cli = loadBundle(bundle, builtOf(bundle), cache, 'cli-build');
      expect(cli.cache).toBe('missing');
      await cli.writeCache(true);
      expect(readdirSync(cache).sort()).toEqual([cacheFileName(hash, 'cli-build'), cacheFileName(hash, 'plan-worker')]);
      expect(loadBundle(bundle, builtOf(bundle), cache, 'cli-build').cache).toBe('used');
      // Newer bundles of one role push out that role's old files only.
      for (let i = 0; i < KEPT_CACHES + 1; i++) {
        const next = writeBundle(t.dir, 100 + i);
        await loadBundle(next, builtOf(next), cache, 'cli-build').writeCache(true);
        utimesSync(path.join(cache, cacheFileName(hashOf(readFileSync(next)), 'cli-build')), new Date(1_000_000 * (i + 2)), new Date(1_000_000 * (i + 2)));
      }
      const left = readdirSync(cache);
      expect(left.filter((n) => n.startsWith('cli-build-'))).toHaveLength(KEPT_CACHES);
      expect(left).toContain(cacheFileName(hash, 'plan-worker'));
    } finally {
      t.cleanup();
    }
  });

  it('takes a changed bundle for a new one, keeps only the newest caches and removes abandoned temporary files', async () => {
    const t = tempDir();
    try {
      const cache = path.join(t.dir, 'cache');
      mkdirSync(cache);
      writeFileSync(path.join(cache, 'notes.txt'), 'not ours to remove');
      // Temporary files of writers that were killed: an old one goes, a recent one may still be written.
      const abandoned = path.join(cache, '.plan-worker-v20.0.0-x64-0123456789abcdef.v8cache.4242.lq3k8x.tmp');
      const writing = path.join(cache, '.plan-worker-v20.0.0-x64-0123456789abcdef.v8cache.4243.lq3k8y.tmp');
      writeFileSync(abandoned, 'half');
      writeFileSync(writing, 'half');
      utimesSync(abandoned, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
      for (let i = 0; i < KEPT_CACHES + 2; i++) {
        const bundle = writeBundle(t.dir, i);
        const loaded = loadBundle(bundle, builtOf(bundle), cache);
        expect(loaded.cache).toBe('missing');
        expect((loaded.exports['answer'] as (x: number) => string)(1)).toBe(`2 ${i} bundle.cjs`);
        await loaded.writeCache(true);
        const name = cacheFileName(hashOf(readFileSync(bundle)));
        // Older files first, whatever the clock's resolution.
        utimesSync(path.join(cache, name), new Date(1_000_000 * (i + 1)), new Date(1_000_000 * (i + 1)));
      }
      const left = readdirSync(cache).filter((n) => n.endsWith('.v8cache'));
      expect(left).toHaveLength(KEPT_CACHES);
      expect(left).toContain(cacheFileName(hashOf(readFileSync(path.join(t.dir, 'bundle.cjs')))));
      expect(existsSync(path.join(cache, 'notes.txt'))).toBe(true);
      expect(existsSync(abandoned)).toBe(false);
      expect(existsSync(writing)).toBe(true);
    } finally {
      t.cleanup();
    }
  });

  it('runs a bundle that is not the one built without a cache, and writes none', async () => {
    const t = tempDir();
    try {
      const bundle = writeBundle(t.dir);
      const built = builtOf(bundle);
      writeBundle(t.dir, 4242);
      const cache = path.join(t.dir, 'cache');
      const loaded = loadBundle(bundle, built, cache);
      expect(loaded.cache).toBe('none');
      expect((loaded.exports['answer'] as (x: number) => string)(1)).toBe('2 4242 bundle.cjs');
      await loaded.writeCache(true);
      expect(existsSync(cache)).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  it('works without a cache when the folder cannot be made or written', async () => {
    const t = tempDir();
    try {
      const bundle = writeBundle(t.dir);
      // A file where a folder should be: nothing can be made below it (root ignores modes, so no chmod).
      writeFileSync(path.join(t.dir, 'blocked'), '');
      const loaded = loadBundle(bundle, builtOf(bundle), path.join(t.dir, 'blocked', 'plangen', 'code-cache'));
      expect(loaded.cache).toBe('missing');
      expect((loaded.exports['answer'] as (x: number) => string)(1)).toBe('2 42 bundle.cjs');
      await expect(loaded.writeCache(true)).resolves.toBeUndefined();
      expect(statSync(path.join(t.dir, 'blocked')).isFile()).toBe(true);
    } finally {
      t.cleanup();
    }
  });
});

describe('the command line and the plan worker with and without their code caches (built CLI)', () => {
  const bin = path.resolve('bin/plangen.js');
  const plan = path.resolve('examples/fire-inspection.md');
  const build = (out: string, env: Record<string, string | undefined>) => {
    const r = spawnSync(process.execPath, [bin, 'build', plan, '-o', out, '--no-cache'], { encoding: 'utf8', env: { ...env, SOURCE_DATE_EPOCH: '1700000000' } });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    return readFileSync(out);
  };

  it('builds the same bytes with no cache folder, caches from a check, used caches and spoilt ones', { timeout: 60_000 }, () => {
    const t = tempDir();
    try {
      const { HOME: _home, XDG_CACHE_HOME: _xdg, ...base } = process.env;
      const withCache = { ...base, XDG_CACHE_HOME: path.join(t.dir, 'xdg') };
      const folder = path.join(t.dir, 'xdg', 'plangen', 'code-cache');
      const none = build(path.join(t.dir, 'none.docx'), base);
      expect(existsSync(path.join(t.dir, 'xdg'))).toBe(false);

      // One bundle, run by the command line and by the plan worker, each with a cache of its own.
      const bundleHash = hashOf(readFileSync(path.resolve('dist/plangen.cjs')));
      const worker = path.join(folder, cacheFileName(bundleHash, 'plan-worker'));
      const cli = path.join(folder, cacheFileName(bundleHash, 'cli-build'));
      // A check writes the worker's cache too; the first build replaces it with one that holds the writer's code.
      const checked = spawnSync(process.execPath, [bin, 'check', plan], { encoding: 'utf8', env: withCache });
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
      expect(readdirSync(folder).sort()).toEqual([cacheFileName(bundleHash, 'cli-check'), cacheFileName(bundleHash, 'plan-worker')]);
      expect(decodeCache(readFileSync(worker), bundleHash)?.rendered).toBe(false);
      const fresh = build(path.join(t.dir, 'fresh.docx'), withCache);
      expect(decodeCache(readFileSync(worker), bundleHash)?.rendered).toBe(true);
      expect(decodeCache(readFileSync(cli), bundleHash)).toBeDefined();
      for (const f of [worker, cli]) utimesSync(f, new Date(1_000_000), new Date(1_000_000));
      const used = build(path.join(t.dir, 'used.docx'), withCache);
      // Used, so not written again.
      for (const f of [worker, cli]) expect(statSync(f).mtimeMs).toBe(1_000_000);

      for (const f of [worker, cli]) writeFileSync(f, readFileSync(f).subarray(0, 5000));
      const spoilt = build(path.join(t.dir, 'spoilt.docx'), withCache);
      for (const f of [worker, cli]) expect(statSync(f).size).toBeGreaterThan(5000);

      writeFileSync(path.join(t.dir, 'a-file'), '');
      const blocked = build(path.join(t.dir, 'blocked.docx'), { ...base, XDG_CACHE_HOME: path.join(t.dir, 'a-file') });

      for (const other of [fresh, used, spoilt, blocked]) expect(other.equals(none)).toBe(true);
    } finally {
      t.cleanup();
    }
  });

  it('is kept ASCII by the build, so it is read without UTF-8 decoding', () => {
    expect(isAscii(readFileSync(path.resolve('dist/plangen.cjs')))).toBe(true);
  });

  it('has non-ASCII text in a String.raw template (the one tag src uses) only where that text becomes a RegExp (the build escapes it)', () => {
    // scripts/build.mjs writes such a character as \uXXXX, which String.raw keeps as six
    // characters: the same pattern for new RegExp, different text anywhere else.
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && /String\.raw`[^`]*[^\x00-\x7f]/.test(readFileSync(p, 'utf8'))) found.push(path.relative('src', p));
      }
    };
    walk(path.resolve('src'));
    expect(found).toEqual([path.join('validate', 'rules', 'placeholder.ts')]);
  });
});

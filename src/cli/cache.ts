import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { catalogue } from '../diagnostics/catalogue.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { readContained, trusted } from '../io/contain.js';
import { sha256, type ReadLog } from '../io/reads.js';
import { writeFileAtomic } from '../io/write.js';
import { packageRoot } from '../paths.js';
import { version } from '../version.js';
import { isRecord } from '../util/is-record.js';

/**
 * The build cache (`.plangen-cache/`): one entry per plan and output set, recording the
 * files the last build read (with their sha256), the outputs it wrote (with theirs) and
 * the diagnostics it reported. A plan is skipped only when every one of those files still
 * has its hash, the options are the same and the outputs are still there unchanged; then
 * nothing is written (their mtime is kept) and the stored warnings are reported again, so
 * `--max-warnings` counts the same. An entry that is not ours or does not parse is ignored
 * and rebuilt, never trusted.
 */

/** What a build of one plan depends on besides the files it read. */
export interface CacheContext {
  /** The plan as given (its absolute path) and as shown; diagnostics carry the shown path. */
  readonly planAbs: string;
  readonly shown: string;
  /** Absolute output paths, in a fixed order (DOCX before PDF). */
  readonly outputs: readonly string[];
  /** Options that change the outputs or whether they can be built. */
  readonly options: Readonly<Record<string, string | readonly string[] | undefined>>;
}

export interface CachedOutput {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
}

export interface CacheHit {
  readonly outputs: readonly CachedOutput[];
  readonly template: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Info notes (shown with --verbose). */
  readonly notes: readonly Diagnostic[];
}

interface Entry extends CacheHit {
  readonly format: typeof FORMAT;
  readonly plangen: string;
  readonly key: string;
  readonly reads: readonly { readonly path: string; readonly sha256: string }[];
}

const FORMAT = 'plangen-build-cache/1';

/** An entry is a few KB; anything much larger is not one of ours. */
const ENTRY_LIMIT = 4 * 1024 * 1024;

export class BuildCache {
  /** Why entries were ignored (corrupt, foreign), for the --verbose note. */
  readonly ignored: { file: string; reason: string }[] = [];

  constructor(readonly dir: string) {}

  /** The stored result when nothing the plan's build depends on has changed. */
  async lookup(ctx: CacheContext): Promise<CacheHit | undefined> {
    const file = this.entryPath(ctx);
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    const entry = text.length > ENTRY_LIMIT ? undefined : parseEntry(text);
    if (!entry) {
      this.ignored.push({ file, reason: 'shape' });
      return undefined;
    }
    if (entry.plangen !== version) return undefined;
    const current: { path: string; sha256: string }[] = [];
    for (const r of entry.reads) {
      // Read as any file a plan names: a FIFO or a huge file put in its place cannot hang the run.
      const now = await readContained(r.path, 'image', trusted);
      if (!now.ok) return undefined;
      current.push({ path: r.path, sha256: sha256(now.bytes) });
    }
    if ((await keyOf(ctx, current)) !== entry.key) return undefined;
    if (entry.outputs.length !== ctx.outputs.length || entry.outputs.some((o, i) => o.path !== ctx.outputs[i])) return undefined;
    for (const o of entry.outputs) {
      const now = await readContained(o.path, 'image', trusted);
      if (!now.ok || sha256(now.bytes) !== o.sha256) return undefined;
    }
    return { outputs: entry.outputs, template: entry.template, diagnostics: entry.diagnostics, notes: entry.notes };
  }

  /** Record a build that wrote all its outputs. A failure to write the cache is not the build's. */
  async store(ctx: CacheContext, reads: ReadLog, result: CacheHit): Promise<void> {
    const list = [...reads].map(([p, h]) => ({ path: p, sha256: h })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const entry: Entry = { format: FORMAT, plangen: version, key: await keyOf(ctx, list), reads: list, ...result };
    await writeFileAtomic(this.entryPath(ctx), new TextEncoder().encode(JSON.stringify(entry) + '\n'));
  }

  private entryPath(ctx: CacheContext): string {
    return path.join(this.dir, sha256(JSON.stringify([ctx.planAbs, ...ctx.outputs])).slice(0, 32) + '.json');
  }
}

/** sha256 over plangen's version, its built-in templates, the options and every file read. */
async function keyOf(ctx: CacheContext, reads: readonly { path: string; sha256: string }[]): Promise<string> {
  const fixed = { plangen: version, builtIns: await builtInDigest(), shown: ctx.shown, outputs: ctx.outputs, options: ctx.options };
  return sha256(JSON.stringify([fixed, reads]));
}

let builtIns: Promise<string> | undefined;

/**
 * Built-in templates are loaded once per process and shared by every plan, so their reads
 * are not in each plan's list: they are keyed as a whole (a few KB), which also covers
 * editing them in a checkout without a new version number.
 */
function builtInDigest(): Promise<string> {
  builtIns ??= (async () => {
    const root = path.join(packageRoot(), 'templates');
    const files = (await fsp.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []))
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    const parts: string[] = [];
    for (const f of files) parts.push(path.relative(root, f), sha256(await fsp.readFile(f).catch(() => new Uint8Array())));
    return sha256(parts.join('\0'));
  })();
  return builtIns;
}

function parseEntry(text: string): Entry | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(v) || v['format'] !== FORMAT || typeof v['plangen'] !== 'string' || !isHash(v['key']) || typeof v['template'] !== 'string') return undefined;
  const reads = v['reads'];
  const outputs = v['outputs'];
  const diagnostics = v['diagnostics'];
  const notes = v['notes'];
  if (!Array.isArray(reads) || !reads.every((r) => isRecord(r) && typeof r['path'] === 'string' && path.isAbsolute(r['path']) && isHash(r['sha256']))) return undefined;
  if (!Array.isArray(outputs) || !outputs.every((o) => isRecord(o) && typeof o['path'] === 'string' && isHash(o['sha256']) && Number.isSafeInteger(o['size']))) return undefined;
  if (!Array.isArray(diagnostics) || !diagnostics.every(isDiagnostic) || !Array.isArray(notes) || !notes.every(isDiagnostic)) return undefined;
  return v as unknown as Entry;
}

const severities: readonly Severity[] = ['error', 'warning', 'info'];

function isDiagnostic(d: unknown): d is Diagnostic {
  if (!isRecord(d)) return false;
  const args = d['args'];
  return (
    typeof d['file'] === 'string' &&
    Number.isSafeInteger(d['line']) &&
    Number.isSafeInteger(d['column']) &&
    // A message is worded from the catalogue at each run: an id it does not have is no record of ours.
    typeof d['ruleId'] === 'string' &&
    Object.hasOwn(catalogue, d['ruleId']) &&
    severities.includes(d['severity'] as Severity) &&
    isRecord(args) &&
    Object.values(args).every((a) => typeof a === 'string' || typeof a === 'number')
  );
}

function isHash(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
}

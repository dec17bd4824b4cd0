import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatMessage, type Lang, type RuleId } from '../diagnostics/catalogue.js';
import { diagnostic } from '../diagnostics/report.js';
import type { FileReport, ReporterName } from '../diagnostics/reporters/index.js';
import { displayPath, resolveFrom, type Io } from '../io/io.js';
import { writeFileAtomic } from '../io/write.js';
import { makeSource, positionAt, type SourceText } from '../read/source.js';
import { terminalSafe } from '../util/characters.js';
import { jsonPlaces } from '../util/json-places.js';
import { manifestBytes, posix, type ManifestEntry } from './manifest-json.js';
import { fileReports, printReport } from './output.js';
import { isRecord } from '../util/is-record.js';

export interface MergeOptions {
  /** Where the combined manifest goes, as typed (relative to the working folder). */
  readonly output: string;
  readonly format: ReporterName;
  readonly lang: Lang;
  readonly quiet: boolean;
}

/** A manifest written by a sharded build is a few hundred bytes a plan; this is thousands of plans. */
const MAX_PART_BYTES = 64 * 1024 * 1024;

const ENTRY_KEYS = ['path', 'source', 'template', 'sha256', 'size'] as const;

/**
 * `plangen manifest merge PARTS… -o FILE`: the manifests of a sharded build (one
 * `manifest-I-of-N.json` per CI job) combined into the manifest one unsharded build would
 * have written. Each part is checked whole before anything is written: every problem with
 * every part is reported at its file:line:column, and any of them stops the run (exit 2),
 * since a combined list with an entry missing or twice would be trusted downstream.
 * Paths are rebased from each part's folder to the output's, so the parts may lie anywhere;
 * `source` stays as the builds wrote it (relative to their working folder).
 */
export async function runManifestMerge(args: readonly string[], opts: MergeOptions, io: Io): Promise<number> {
  const target = resolveFrom(io, opts.output);
  const shownTarget = displayPath(io, target);
  const problems: Diagnostic[] = [];
  const parts = await findParts(args, target, io, problems);
  const entries = new Map<string, { readonly entry: ManifestEntry; readonly part: string }>();
  let first: { readonly version: string; readonly part: string } | undefined;
  for (const part of parts) {
    const shown = displayPath(io, part);
    const read = await readPart(part, shown);
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    const { manifest, at } = read;
    if (!first) first = { version: manifest.plangen, part: shown };
    else if (manifest.plangen !== first.version) {
      problems.push(at('/plangen', 'manifest-version-mismatch', { found: manifest.plangen, expected: first.version, first: first.part }));
    }
    for (const [index, e] of manifest.outputs.entries()) {
      const rebased = posix(path.relative(path.dirname(target), path.resolve(path.dirname(part), e.path)));
      // Two shards writing 方案.docx and 方案.DOCX would overwrite each other where the
      // artifacts are unpacked on Windows or macOS, as `output-clash` refuses in one build.
      const key = rebased.normalize('NFC').toLowerCase();
      const earlier = entries.get(key);
      if (earlier) {
        const other = earlier.entry.path === rebased ? {} : { other: earlier.entry.path };
        problems.push(at(`/outputs/${index}/path`, 'manifest-duplicate-path', { path: rebased, first: earlier.part, ...other }));
        continue;
      }
      entries.set(key, { entry: { ...e, path: rebased }, part: shown });
    }
  }
  if (problems.length > 0 || !first) {
    // The reporter files each problem under its file and sorts them.
    await printReport(withoutJobSummary(io), fileReports(problems), reportOptions(opts));
    io.stderr.write(terminalSafe(`plangen: ${formatMessage('manifest-not-merged', { path: shownTarget }, opts.lang)}`) + '\n');
    return 2;
  }
  const merged = [...entries.values()].map((x) => x.entry);
  const written = await writeFileAtomic(target, manifestBytes(first.version, merged));
  if (!written.ok) {
    const id: RuleId = written.locked ? 'output-locked' : 'output-failed';
    io.stderr.write(terminalSafe(`plangen: ${formatMessage(id, { path: shownTarget, reason: written.reason }, opts.lang)}`) + '\n');
    return 2;
  }
  if (!opts.quiet) io.stderr.write(terminalSafe(formatMessage('manifest-merged', { parts: parts.length, outputs: merged.length, path: shownTarget }, opts.lang)) + '\n');
  return 0;
}

/**
 * The parts named by the arguments: files as given, quoted patterns expanded here (so a
 * Windows shell, which passes them as typed, works too), sorted so "listed first in" names
 * the same part on every run. A pattern never picks the output itself (a second merge into
 * the same folder would otherwise find every entry twice); naming it outright merges into it.
 */
async function findParts(args: readonly string[], target: string, io: Io, problems: Diagnostic[]): Promise<string[]> {
  const found = new Set<string>();
  for (const arg of args) {
    const abs = resolveFrom(io, arg);
    const exists = await fsp.stat(abs).then(
      () => true,
      () => false,
    );
    if (exists || !isDynamicPattern(arg)) {
      if (exists) found.add(abs);
      else problems.push(diagnostic(arg, 1, 1, 'manifest-part-missing', { path: arg }));
      continue;
    }
    let matches: string[] = [];
    try {
      matches = await glob(arg.split(path.sep).join('/'), { cwd: io.cwd, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false, expandDirectories: false });
    } catch {
      matches = [];
    }
    const usable = matches.map((m) => path.resolve(m)).filter((m) => m !== target);
    if (usable.length === 0) problems.push(diagnostic(arg, 1, 1, 'manifest-part-missing', { path: arg }));
    usable.forEach((m) => found.add(m));
  }
  return [...found].sort((a, b) => (displayPath(io, a) < displayPath(io, b) ? -1 : displayPath(io, a) > displayPath(io, b) ? 1 : 0));
}

type At = (pointer: string, id: RuleId, args: Record<string, string | number>) => Diagnostic;
type ReadPart = { readonly manifest: { readonly plangen: string; readonly outputs: readonly ManifestEntry[] }; readonly at: At } | { readonly problem: Diagnostic };

/** One part, read and checked: its entries, or the first thing that makes it unusable, at its place in the file. */
async function readPart(abs: string, shown: string): Promise<ReadPart> {
  let bytes: Uint8Array;
  try {
    const st = await fsp.stat(abs);
    if (st.isDirectory()) return { problem: diagnostic(shown, 1, 1, 'manifest-part-unreadable', { path: shown, reason: 'reason-folder' }) };
    if (!st.isFile()) return { problem: diagnostic(shown, 1, 1, 'manifest-part-unreadable', { path: shown, reason: 'reason-not-file' }) };
    if (st.size > MAX_PART_BYTES) return { problem: diagnostic(shown, 1, 1, 'manifest-part-unreadable', { path: shown, reason: 'manifest-too-large', size: `${Math.round(st.size / 1024 / 1024)} MB` }) };
    bytes = await fsp.readFile(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: diagnostic(shown, 1, 1, 'manifest-part-missing', { path: shown }) };
    return { problem: diagnostic(shown, 1, 1, 'manifest-part-unreadable', { path: shown, reason: code ?? String(e) }) };
  }
  let text: string;
  try {
    // The decoder drops a byte-order mark, which an editor on Windows may have added.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: diagnostic(shown, 1, 1, 'manifest-part-unreadable', { path: shown, reason: 'manifest-not-utf8' }) };
  }
  const source = makeSource(shown, text);
  const scanned = jsonPlaces(text);
  if (!scanned.ok) return { problem: placed(source, scanned.offset, 'manifest-part-garbled', {}) };
  const at: At = (pointer, id, args) => placed(source, nearestPlace(scanned.places, pointer), id, args);
  const shape = (pointer: string, field: string, problem: string) => ({ problem: at(pointer, 'manifest-part-shape', { field, problem }) });
  // A field that does not belong is shown at its name rather than at its value.
  const stray = (pointer: string, field: string) => ({ problem: placed(source, scanned.keys.get(pointer) ?? nearestPlace(scanned.places, pointer), 'manifest-part-shape', { field, problem: 'manifest-unknown' }) });
  const root: unknown = JSON.parse(text);
  if (!isRecord(root)) return shape('', '', 'manifest-not-object');
  for (const key of Object.keys(root)) if (key !== 'plangen' && key !== 'outputs') return stray(`/${escapePointer(key)}`, key);
  if (!nonEmptyText(root['plangen'])) return shape('/plangen', 'plangen', root['plangen'] === undefined ? 'manifest-missing' : 'manifest-not-text');
  const list = root['outputs'];
  if (!Array.isArray(list)) return shape('/outputs', 'outputs', list === undefined ? 'manifest-missing' : 'manifest-not-list');
  const outputs: ManifestEntry[] = [];
  for (const [i, item] of (list as unknown[]).entries()) {
    const here = `/outputs/${i}`;
    const name = `outputs[${i}]`;
    if (!isRecord(item)) return shape(here, name, 'manifest-not-object');
    for (const key of Object.keys(item)) if (!(ENTRY_KEYS as readonly string[]).includes(key)) return stray(`${here}/${escapePointer(key)}`, `${name}.${key}`);
    for (const key of ENTRY_KEYS) {
      const v = item[key];
      const wrong =
        v === undefined
          ? 'manifest-missing'
          : key === 'size'
            ? Number.isSafeInteger(v) && (v as number) >= 0
              ? undefined
              : 'manifest-bad-size'
            : key === 'sha256'
              ? typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)
                ? undefined
                : 'manifest-bad-sha256'
              : // A plan built with the default template is listed with an empty one.
                typeof v === 'string' && (key === 'template' || (v !== '' && !v.includes('\0')))
                ? undefined
                : 'manifest-not-text';
      if (wrong) return shape(v === undefined ? here : `${here}/${key}`, `${name}.${key}`, wrong);
    }
    outputs.push({ path: item['path'] as string, source: item['source'] as string, template: item['template'] as string, sha256: item['sha256'] as string, size: item['size'] as number });
  }
  return { manifest: { plangen: root['plangen'], outputs }, at };
}

function placed(source: SourceText, offset: number, id: RuleId, args: Record<string, string | number>): Diagnostic {
  const p = positionAt(source, offset);
  return diagnostic(source.path, p.line, p.column, id, args);
}

/** The place of the value at `pointer`, or of the nearest enclosing value that has one. */
function nearestPlace(places: ReadonlyMap<string, number>, pointer: string): number {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const at = places.get(p);
    if (at !== undefined) return at;
    if (p === '') return 0;
  }
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function nonEmptyText(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

function reportOptions(opts: MergeOptions) {
  return { format: opts.format, lang: opts.lang, quiet: false, verbose: false };
}

/**
 * The job summary GitHub shows is about plans checked or built; a merge has none, so with
 * `--format github` its problems become annotations only.
 */
function withoutJobSummary(io: Io): Io {
  return { ...io, env: { ...io.env, GITHUB_STEP_SUMMARY: undefined } };
}

import { crc32, inflateRawSync } from 'node:zlib';
import { deflateSync, strFromU8, strToU8, unzipSync } from 'fflate';
import { hasUnwritable, xmlSafe } from '../../util/characters.js';
import { builtDeflated } from './generated/docx-packages.js';

/**
 * Part rewrites applied to the package docx wrote: whole replacement text, or a function
 * of the part's text.
 */
export type PartEdits = ReadonlyArray<readonly [name: string | RegExp, edit: string | ((xml: string) => string)]>;

/**
 * The fixed modification time of every zip entry. fflate reads it as *local* time, so it
 * must be built from local fields, not a UTC instant, or the bytes change with TZ.
 */
const ZIP_TIME = (): Date => new Date(1980, 0, 1);

/** Entries that consumers look for first (OPC allows any order; sniffers do not). */
const FIRST = ['[Content_Types].xml', '_rels/.rels'];

/**
 * Re-zip a package canonically: edits applied, entries sorted ([Content_Types].xml and
 * _rels/.rels first, then by name), one fixed time stamp, fixed compression. The same
 * parts give the same bytes on any machine and in any time zone.
 */
export function canonicalZip(docx: Uint8Array | Record<string, Uint8Array>, edits: PartEdits): Uint8Array {
  const parts = docx instanceof Uint8Array ? unzipSync(docx) : { ...docx };
  // Edited parts stay text until they are zipped: each is decoded and encoded once.
  const texts = new Map<string, string>();
  for (const [pattern, edit] of edits) {
    const names = typeof pattern === 'string' ? [pattern] : Object.keys(parts).filter((n) => pattern.test(n));
    for (const name of names) {
      if (typeof edit === 'string') {
        texts.set(name, edit);
        continue;
      }
      const data = parts[name];
      const current = texts.get(name) ?? (data ? strFromU8(data) : undefined);
      if (current !== undefined) texts.set(name, edit(current));
    }
  }
  // Every character of every part passes here on its way into the file: whatever reached the
  // writer (a template's own text, a value the check did not see), nothing XML cannot hold
  // gets through, so the document always opens.
  for (const name of new Set([...Object.keys(parts), ...texts.keys()])) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const data = parts[name];
    const text = texts.get(name);
    // A part reused from an earlier document (index.ts keeps them) was looked at then.
    if (text === undefined && data && writable.has(data)) continue;
    const xml = text ?? (data ? strFromU8(data) : '');
    if (hasUnwritable(xml)) texts.set(name, xmlSafe(xml));
    else if (text === undefined && data) writable.add(data);
  }
  for (const [name, xml] of texts) parts[name] = strToU8(xml);
  const names = Object.keys(parts).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const entries: Array<readonly [string, Uint8Array]> = [];
  for (const name of names) {
    const data = parts[name];
    if (data) entries.push([name, data]);
  }
  return zipEntries(entries);
}

/**
 * A zip of the entries in order, byte for byte what fflate's `zipSync` writes for them with
 * {@link ZIP_TIME} and deflate level 6 (no comments, no extra fields). Most parts of a
 * document are the same in every document of a batch (theme, settings, footers, styles…):
 * their deflated bytes are kept per part name and reused while the part reads the same,
 * so only what changed is deflated again.
 */
export function zipEntries(entries: ReadonlyArray<readonly [name: string, data: Uint8Array]>): Uint8Array {
  const time = dosTime(ZIP_TIME());
  const files = entries.map(([name, data]) => ({ name: strToU8(name), ...deflated(name, data) }));
  let local = 0;
  let central = 0;
  for (const f of files) {
    local += 30 + f.name.length + f.deflated.length;
    central += 46 + f.name.length;
  }
  const out = new Uint8Array(local + central + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  let dir = local;
  for (const f of files) {
    // Local header, then the data; the central directory entry names the header's offset.
    header(view, at, 0x04034b50, f, time);
    out.set(f.name, at + 30);
    out.set(f.deflated, at + 30 + f.name.length);
    view.setUint32(dir, 0x02014b50, true);
    view.setUint16(dir + 4, 20, true);
    header(view, dir + 2, -1, f, time);
    view.setUint32(dir + 42, at, true);
    out.set(f.name, dir + 46);
    at += 30 + f.name.length + f.deflated.length;
    dir += 46 + f.name.length;
  }
  view.setUint32(dir, 0x06054b50, true);
  view.setUint16(dir + 8, files.length, true);
  view.setUint16(dir + 10, files.length, true);
  view.setUint32(dir + 12, central, true);
  view.setUint32(dir + 16, local, true);
  return out;
}

interface Deflated {
  readonly data: Uint8Array;
  readonly crc: number;
  readonly deflated: Uint8Array;
}

/** The fields a local header and a central directory entry share, from `at` (signature first when given). */
function header(view: DataView, at: number, signature: number, f: Deflated & { readonly name: Uint8Array }, time: number): void {
  if (signature >= 0) view.setUint32(at, signature, true);
  view.setUint16(at + 4, 20, true);
  view.setUint16(at + 8, 8, true);
  view.setUint32(at + 10, time, true);
  view.setUint32(at + 14, f.crc, true);
  view.setUint32(at + 18, f.deflated.length, true);
  view.setUint32(at + 22, f.data.length, true);
  view.setUint16(at + 26, f.name.length, true);
}

/** MS-DOS date and time of a local time, as zip headers hold it. */
function dosTime(d: Date): number {
  return (((d.getFullYear() - 1980) << 25) | ((d.getMonth() + 1) << 21) | (d.getDate() << 16) | (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1)) >>> 0;
}

/** Parts up to this size keep their deflated bytes for the next document (a body changes every time). */
const KEPT_PART = 64 * 1024;
const lastDeflated = new Map<string, Deflated>();

function deflated(name: string, data: Uint8Array): Deflated {
  const crc = crc32(data);
  const last = lastDeflated.get(name);
  if (last && last.crc === crc && last.data.length === data.length && Buffer.from(last.data.buffer, last.data.byteOffset, last.data.byteLength).equals(Buffer.from(data.buffer, data.byteOffset, data.byteLength))) return last;
  const made = { data, crc, deflated: deflatedAtBuild(name, data, crc) ?? deflateSync(data, { level: 6 }) };
  if (data.length <= KEPT_PART) lastDeflated.set(name, made);
  return made;
}

/**
 * The deflated bytes of a part as the build deflated it (scripts/generate-docx-parts.mjs:
 * every part of a plain document but document.xml and core.xml, for each font profile),
 * when the part reads exactly as it did then. A single build's first deflate runs fflate's
 * code cold, at a few ms per 10 KB; these parts are most of a small document's package.
 * The build keeps no second copy of their text: a candidate found by name, size and CRC is
 * inflated (node's zlib, native) and compared with the part byte for byte.
 */
function deflatedAtBuild(name: string, data: Uint8Array, crc: number): Uint8Array | undefined {
  for (const [built, length, builtCrc, deflated] of builtDeflated) {
    if (built !== name || length !== data.length || builtCrc !== crc) continue;
    const bytes = Buffer.from(deflated, 'base64');
    if (inflateRawSync(bytes).equals(Buffer.from(data.buffer, data.byteOffset, data.byteLength))) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return undefined;
}

/** Parts already found to hold only characters XML can: never changed once made, so they need no second look. */
const writable = new WeakSet<Uint8Array>();

function rank(name: string): number {
  const i = FIRST.indexOf(name);
  return i === -1 ? FIRST.length : i;
}

/** W3CDTF without milliseconds, as Word writes it. */
export function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Core properties: created/modified from the build's one clock reading. */
export function rewriteCoreDates(xml: string, timestamp: Date): string {
  const stamp = w3cdtf(timestamp);
  return xml
    .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
    .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
}

/**
 * `autoSpaceDE`/`autoSpaceDN` off on every paragraph that carries the grid settings, placed
 * right after `overflowPunct` where CT_PPrBase wants them. docx also writes `w:tabs` after
 * `overflowPunct`, which the schema puts before it: move it back.
 */
export function addAutoSpaceOff(xml: string): string {
  return xml.replace(
    /<w:overflowPunct(?: w:val="(?:true|1|on)")?\/>(<w:tabs>(?:(?!<\/w:tabs>).)*<\/w:tabs>)?/g,
    (_m, tabs: string | undefined) => `${tabs ?? ''}<w:overflowPunct w:val="1"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>`,
  );
}

/**
 * docx writes a PAGE field with no result between `separate` and `end`; Word fills it in,
 * but a reader that shows cached results (and the checklist) wants a result run in the
 * field's own formatting: add one reading 1.
 */
export function addFieldResult(xml: string): string {
  return xml.replace(
    /<w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)<w:fldChar w:fldCharType="separate"\/><\/w:r>/g,
    (run, rPr: string) => `${run}<w:r>${rPr}<w:t>1</w:t></w:r>`,
  );
}

import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { hasUnwritable, xmlSafe } from '../../util/characters.js';

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
    const xml = texts.get(name) ?? (data ? strFromU8(data) : '');
    if (hasUnwritable(xml)) texts.set(name, xmlSafe(xml));
  }
  for (const [name, xml] of texts) parts[name] = strToU8(xml);
  const names = Object.keys(parts).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const zippable: Zippable = {};
  const mtime = ZIP_TIME();
  for (const name of names) {
    const data = parts[name];
    if (data) zippable[name] = [data, { mtime, level: 6 }];
  }
  return zipSync(zippable);
}

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

import { createHash } from 'node:crypto';
import { canonicalFontIds } from './font-ids.js';

/**
 * LibreOffice stamps every PDF with the clock (`/CreationDate`, `/ModDate`), a random
 * file identifier (`/ID`) and a checksum over both (`/DocChecksum`), so the same plan
 * gave different bytes on every run and offices that keep PDFs in git saw a change each
 * time. Its PDF export filter has no option to fix them, so the values are rewritten in
 * place: the build's one clock reading (SOURCE_DATE_EPOCH, else the plan's date) and
 * identifiers derived from the DOCX (without `created`, the dates are left as they are). Every value keeps its byte length, so the
 * cross-reference table (byte offsets) stays valid without re-writing the file. Before that, the
 * embedded fonts' serial numbers are set back to what a fresh LibreOffice writes (see
 * font-ids.ts), so a PDF does not depend on what else the same LibreOffice converted before it.
 */
export function stabilisePdf(pdf: Uint8Array, docx: Uint8Array, created: Date | undefined): Buffer {
  // latin1 maps bytes 1:1 to string positions, so offsets found here are byte offsets.
  // First: it may move bytes, and every stamp below is found in the bytes as they end up.
  // The stamps are written in place, so the caller's bytes are copied, once: canonicalFontIds
  // returns a new buffer when it renumbered something, the one it was given otherwise.
  const given = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const renumbered = canonicalFontIds(given);
  const out = renumbered === given ? Buffer.from(given) : renumbered;
  const text = out.toString('latin1');
  const put = (at: number, s: string) => out.write(s, at, s.length, 'latin1');

  for (const m of created ? text.matchAll(/\/(CreationDate|ModDate)\s*\((D:[^)]*)\)/g) : []) {
    const value = m[2]!;
    const start = m.index + m[0].length - value.length - 1;
    // A shorter date is closed early and the rest becomes blank space, legal between dictionary entries.
    const date = pdfDate(created!);
    if (date.length > value.length) continue;
    put(start, date + ')' + ' '.repeat(value.length - date.length));
  }

  const docxHash = createHash('sha256').update(docx).digest('hex').toUpperCase();
  for (const m of text.matchAll(/\/ID\s*\[\s*<([0-9A-Fa-f]*)>\s*<([0-9A-Fa-f]*)>\s*\]/g)) {
    let at = m.index;
    for (const id of [m[1]!, m[2]!]) {
      const start = text.indexOf('<' + id + '>', at) + 1;
      put(start, hexOfLength(docxHash, id.length));
      at = start + id.length;
    }
  }

  // Last, over the bytes as they now stand (with the checksum itself blanked): still a checksum of the document.
  const sums = [...text.matchAll(/\/DocChecksum\s*\/([0-9A-Fa-f]+)/g)];
  for (const m of sums) put(m.index + m[0].length - m[1]!.length, '0'.repeat(m[1]!.length));
  if (sums.length > 0) {
    const sum = createHash('sha256').update(out).digest('hex').toUpperCase();
    for (const m of sums) put(m.index + m[0].length - m[1]!.length, hexOfLength(sum, m[1]!.length));
  }
  return out;
}

/** `D:YYYYMMDDHHmmSSZ`, in UTC. */
export function pdfDate(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

function hexOfLength(hex: string, length: number): string {
  let s = hex;
  while (s.length < length) s += createHash('sha256').update(s).digest('hex').toUpperCase();
  return s.slice(0, length);
}

import { inflateSync } from 'node:zlib';
import pako from 'pako';
import { readXref, type XrefTable } from './xref.js';

/**
 * LibreOffice turns each CFF (OpenType) face it embeds, the Fandol faces among them, into a
 * Type 1 font and numbers it `/UniqueID 4100000 + n`, where n counts every such font the
 * process has embedded so far (a `static` counter in vcl's cff.cxx). So the same DOCX gives
 * other bytes as the second document of a batch, or in a LibreOffice kept running, than
 * alone. The number sits in the font's clear-text part and again inside its eexec-encrypted
 * part, under deflate. Here the k-th such font of a PDF gets 4100000 + k back, which is what
 * a fresh LibreOffice writes for a document converted on its own, and the stream is
 * compressed again the way LibreOffice compresses it (zlib level 6, memLevel 9; pako is a
 * faithful zlib port, where Node's own zlib is a fork whose output differs). The result is
 * byte for byte what a fresh process would have written. Fonts already numbered so are left
 * alone, so a PDF from a fresh process costs nothing.
 */
const ID_BASE = 4_100_000;
const EEXEC_KEY = 55665;

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly bytes: Buffer;
}

/** `pdf` with its Type 1 fonts numbered as a fresh LibreOffice numbers them; the same buffer when nothing needed changing or the file is not laid out as expected. */
export function canonicalFontIds(pdf: Buffer): Buffer {
  // Only the font headers are looked for in text: the streams themselves stay bytes, and
  // are inflated only to read their number (a few KB of clear text come first).
  const text = pdf.toString('latin1');
  const edits: Edit[] = [];
  const header = /<<\/Length (\d+) 0 R\/Filter\/FlateDecode\/Length1 (\d+)\/Length2 (\d+)\/Length3 \d+>>\r?\nstream\r?\n/g;
  let k = 0;
  let table: XrefTable | undefined;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    k++;
    const start = m.index + m[0].length;
    table ??= readXref(text);
    if (!table) return pdf;
    const length = lengthObject(text, table, Number(m[1]));
    if (!length) return pdf;
    const renumbered = renumberFont(pdf.subarray(start, start + length.value), Number(m[2]), Number(m[3]), ID_BASE + k);
    if (renumbered === 'bad') return pdf;
    if (!renumbered) continue;
    edits.push({ start, end: start + length.value, bytes: renumbered });
    edits.push({ start: length.numberAt, end: length.numberAt + length.digits, bytes: Buffer.from(String(renumbered.length), 'latin1') });
  }
  return edits.length === 0 || !table ? pdf : applyEdits(pdf, table, edits);
}

/** The value of `n 0 obj <integer> endobj`, found where the table says, and where its digits are. */
function lengthObject(text: string, table: XrefTable, n: number): { value: number; numberAt: number; digits: number } | undefined {
  const offset = table.offsets.get(n);
  if (offset === undefined) return undefined;
  const obj = new RegExp(`${n} 0 obj\\s*(\\d+)\\s*endobj`, 'y');
  obj.lastIndex = offset;
  const m = obj.exec(text);
  if (!m) return undefined;
  return { value: Number(m[1]), numberAt: m.index + m[0].lastIndexOf(m[1]!), digits: m[1]!.length };
}

/** The stream compressed again with `/UniqueID id`, undefined when it already has it, 'bad' when it is not what LibreOffice writes. */
function renumberFont(compressed: Buffer, clearLength: number, cryptLength: number, id: number): Buffer | undefined | 'bad' {
  let raw: Buffer;
  try {
    raw = inflateSync(compressed);
  } catch {
    return 'bad';
  }
  if (raw.length < clearLength + cryptLength) return 'bad';
  const clear = raw.toString('latin1', 0, clearLength);
  const want = String(id);
  const clearId = /\/UniqueID (\d+) def/.exec(clear);
  if (!clearId || clearId[1]!.length !== want.length) return 'bad';
  if (clearId[1] === want) return undefined;

  // The private dictionary comes before the charstrings; its entry is the only one.
  const crypt = raw.subarray(clearLength, clearLength + cryptLength);
  const head = decrypt(crypt.subarray(0, Math.min(crypt.length, 64 * 1024))).toString('latin1');
  const privateId = /\/UniqueID (\d+) def/.exec(head);
  if (!privateId || privateId[1] !== clearId[1]) return 'bad';

  const out = Buffer.from(raw);
  out.write(want, clearId.index + '/UniqueID '.length, 'latin1');
  reencrypt(out.subarray(clearLength, clearLength + cryptLength), privateId.index + '/UniqueID '.length, want);
  return Buffer.from(pako.deflate(out, { level: 6, memLevel: 9 }));
}

/** Type 1 eexec decryption (Adobe Type 1 Font Format, §7.2). */
function decrypt(cipher: Uint8Array): Buffer {
  const out = Buffer.alloc(cipher.length);
  let r = EEXEC_KEY;
  for (let i = 0; i < cipher.length; i++) {
    const c = cipher[i]!;
    out[i] = c ^ (r >> 8);
    r = ((c + r) * 52845 + 22719) & 0xffff;
  }
  return out;
}

/**
 * Put `digits` into the plain text at `at` and encrypt again, in place. Every cipher byte
 * depends on the ones before it, so the bytes before `at` stay as they are and everything
 * from `at` on changes: one pass decrypts the old byte and encrypts the new one.
 */
function reencrypt(cipher: Buffer, at: number, digits: string): void {
  let rOld = EEXEC_KEY;
  for (let i = 0; i < at; i++) rOld = ((cipher[i]! + rOld) * 52845 + 22719) & 0xffff;
  let rNew = rOld;
  for (let i = at; i < cipher.length; i++) {
    const c = cipher[i]!;
    const plain = i - at < digits.length ? digits.charCodeAt(i - at) : c ^ (rOld >> 8);
    rOld = ((c + rOld) * 52845 + 22719) & 0xffff;
    const e = plain ^ (rNew >> 8);
    cipher[i] = e;
    rNew = ((e + rNew) * 52845 + 22719) & 0xffff;
  }
}

/**
 * Splice the edits in and move every object the cross-reference table points at by what
 * the edits before it added or took away.
 */
function applyEdits(pdf: Buffer, table: XrefTable, edits: Edit[]): Buffer {
  edits.sort((a, b) => a.start - b.start);
  const shift = (offset: number) => {
    let d = 0;
    for (const e of edits) if (e.end <= offset) d += e.bytes.length - (e.end - e.start);
    return offset + d;
  };
  const parts: Buffer[] = [];
  let at = 0;
  for (const e of edits) {
    parts.push(pdf.subarray(at, e.start), e.bytes);
    at = e.end;
  }
  // The file up to its table's `startxref` number, which is written anew (its digits may grow or shrink).
  const { digitsAt, digitsEnd } = table.startxref;
  parts.push(pdf.subarray(at, digitsAt));
  const newXrefAt = shift(table.at);
  parts.push(Buffer.from(String(newXrefAt), 'latin1'), pdf.subarray(digitsEnd));
  const out = Buffer.concat(parts);
  // Entries are fixed-width, and the table comes after every edit: each moves by the same amount.
  const tableShift = newXrefAt - table.at;
  for (const e of table.entries) out.write(String(shift(e.offset)).padStart(10, '0'), e.digitsAt + tableShift, 'latin1');
  return out;
}

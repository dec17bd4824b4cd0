import { inflateSync } from 'node:zlib';
import pako from 'pako';

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
  const text = pdf.toString('latin1');
  const edits: Edit[] = [];
  const header = /<<\/Length (\d+) 0 R\/Filter\/FlateDecode\/Length1 (\d+)\/Length2 (\d+)\/Length3 \d+>>\r?\nstream\r?\n/g;
  let k = 0;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    k++;
    const start = m.index + m[0].length;
    const lengthObj = new RegExp(`(?:^|[\\r\\n])${m[1]} 0 obj\\s*(\\d+)\\s*endobj`).exec(text);
    if (!lengthObj) return pdf;
    const compressedLength = Number(lengthObj[1]);
    const renumbered = renumberFont(pdf.subarray(start, start + compressedLength), Number(m[2]), Number(m[3]), ID_BASE + k);
    if (renumbered === 'bad') return pdf;
    if (!renumbered) continue;
    edits.push({ start, end: start + compressedLength, bytes: renumbered });
    const numberAt = lengthObj.index + lengthObj[0].lastIndexOf(lengthObj[1]!);
    edits.push({ start: numberAt, end: numberAt + lengthObj[1]!.length, bytes: Buffer.from(String(renumbered.length), 'latin1') });
  }
  return edits.length === 0 ? pdf : applyEdits(pdf, text, edits);
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
  const clear = raw.subarray(0, clearLength).toString('latin1');
  const want = String(id);
  const clearId = /\/UniqueID (\d+) def/.exec(clear);
  if (!clearId || clearId[1]!.length !== want.length) return 'bad';
  if (clearId[1] === want) return undefined;

  const plain = decrypt(raw.subarray(clearLength, clearLength + cryptLength));
  // The private dictionary comes before the charstrings; its entry is the only one.
  const head = plain.subarray(0, Math.min(plain.length, 64 * 1024)).toString('latin1');
  const privateId = /\/UniqueID (\d+) def/.exec(head);
  if (!privateId || privateId[1] !== clearId[1]) return 'bad';

  const out = Buffer.from(raw);
  out.write(want, clearId.index + '/UniqueID '.length, 'latin1');
  plain.write(want, privateId.index + '/UniqueID '.length, 'latin1');
  encrypt(plain).copy(out, clearLength);
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

function encrypt(plain: Uint8Array): Buffer {
  const out = Buffer.alloc(plain.length);
  let r = EEXEC_KEY;
  for (let i = 0; i < plain.length; i++) {
    const c = plain[i]! ^ (r >> 8);
    out[i] = c;
    r = ((c + r) * 52845 + 22719) & 0xffff;
  }
  return out;
}

/**
 * Splice the edits in and move every object the cross-reference table points at by what
 * the edits before it added or took away. Returns the input unchanged if the file has no
 * classic table (LibreOffice 7.4 always writes one).
 */
function applyEdits(pdf: Buffer, text: string, edits: Edit[]): Buffer {
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!startxref) return pdf;
  const xrefAt = Number(startxref[1]);
  if (text.slice(xrefAt, xrefAt + 4) !== 'xref') return pdf;
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
  parts.push(pdf.subarray(at));
  const out = Buffer.concat(parts);

  // Entries are fixed-width: `oooooooooo ggggg n` + 2 bytes of line end (PDF 1.7, §7.5.4).
  const newXrefAt = shift(xrefAt);
  const tableText = out.toString('latin1', newXrefAt, out.length);
  const entry = /(\d{10}) (\d{5}) n(?=\s)/g;
  const trailerAt = tableText.indexOf('trailer');
  for (let m = entry.exec(tableText); m && (trailerAt < 0 || m.index < trailerAt); m = entry.exec(tableText)) {
    out.write(String(shift(Number(m[1]))).padStart(10, '0'), newXrefAt + m.index, 'latin1');
  }
  // startxref comes last, so its digits may grow or shrink freely.
  const tail = /startxref\s+(\d+)(\s+%%EOF\s*)$/.exec(out.toString('latin1', Math.max(0, out.length - 64)));
  if (!tail) return pdf;
  const numberAt = out.length - tail[0].length + tail[0].indexOf(tail[1]!);
  return Buffer.concat([out.subarray(0, numberAt), Buffer.from(String(newXrefAt) + tail[2], 'latin1')]);
}

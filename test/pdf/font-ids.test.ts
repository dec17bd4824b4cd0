/**
 * canonicalFontIds on PDFs built here the way LibreOffice lays them out: a Type 1 font
 * stream (clear part, eexec part, trailer zeros) with its length in an object of its own,
 * and a classic cross-reference table.
 */
import { inflateSync } from 'node:zlib';
import pako from 'pako';
import { describe, expect, it } from 'vitest';
import { canonicalFontIds } from '../../src/render/pdf/font-ids.js';

function eexec(plain: string): Buffer {
  const out = Buffer.alloc(plain.length);
  let r = 55665;
  for (let i = 0; i < plain.length; i++) {
    const c = plain.charCodeAt(i) ^ (r >> 8);
    out[i] = c;
    r = ((c + r) * 52845 + 22719) & 0xffff;
  }
  return out;
}

function decrypt(cipher: Uint8Array): string {
  let r = 55665;
  let s = '';
  for (const c of cipher) {
    s += String.fromCharCode(c ^ (r >> 8));
    r = ((c + r) * 52845 + 22719) & 0xffff;
  }
  return s;
}

/** A font program numbered `id`; the charstring bytes make the encrypted part long enough to matter. */
function fontProgram(id: number, name: string) {
  const clear = `%!FontType1-1.0: ${name} 001.003\n/FontName /${name} def\n/UniqueID ${id} def\ncurrentfile eexec\n`;
  const priv = `HDU dup\n/Private 9 dict dup begin\n/UniqueID ${id} def\n/CharStrings 1 dict dup begin\n/a 40 RD ${'x'.repeat(40)} ND\n${name.repeat(30)}\nend end\n`;
  const tail = '0'.repeat(64) + '\ncleartomark\n';
  return { clear, priv, raw: Buffer.concat([Buffer.from(clear, 'latin1'), eexec(priv), Buffer.from(tail, 'latin1')]), tail };
}

/** A PDF holding fonts numbered `ids`, each stream followed by its length object, then an object after them all. */
function pdfWith(ids: readonly number[], prefix = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.6\n%\xc3\xa4\n' + prefix, 'latin1')];
  const offsets: number[] = [];
  const size = () => parts.reduce((n, p) => n + p.length, 0);
  let obj = 1;
  for (const [i, id] of ids.entries()) {
    const f = fontProgram(id, `F${i}AAAA+Fandol`);
    const stream = Buffer.from(pako.deflate(f.raw, { level: 6, memLevel: 9 }));
    offsets.push(size());
    parts.push(Buffer.from(`${obj} 0 obj\n<</Length ${obj + 1} 0 R/Filter/FlateDecode/Length1 ${f.clear.length}/Length2 ${f.priv.length}/Length3 ${f.tail.length}>>\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream\nendobj\n\n', 'latin1'));
    offsets.push(size());
    parts.push(Buffer.from(`${obj + 1} 0 obj\n${stream.length}\nendobj\n\n`, 'latin1'));
    obj += 2;
  }
  offsets.push(size());
  parts.push(Buffer.from(`${obj} 0 obj\n<</Type/Catalog>>\nendobj\n\n`, 'latin1'));
  const xrefAt = size();
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(Buffer.from(`xref\n0 ${obj + 1}\n0000000000 65535 f \n${entries}trailer\n<</Size ${obj + 1}/Root ${obj} 0 R>>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** Every object the table lists starts where the table says, and startxref finds the table. */
function xrefHolds(pdf: Buffer): boolean {
  const text = pdf.toString('latin1');
  const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  if (text.slice(xrefAt, xrefAt + 4) !== 'xref') return false;
  const entries = [...text.slice(xrefAt).matchAll(/(\d{10}) 00000 n/g)].map((m) => Number(m[1]));
  return entries.length > 0 && entries.every((o, i) => text.startsWith(`${i + 1} 0 obj`, o));
}

/** The ids each font carries, clear part and encrypted part, read back through the PDF's own lengths. */
function idsIn(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/<<\/Length (\d+) 0 R\/Filter\/FlateDecode\/Length1 (\d+)\/Length2 (\d+)[^>]*>>\nstream\n/g)) {
    const len = Number(new RegExp(`\\n${m[1]} 0 obj\\n(\\d+)\\n`).exec(text)![1]);
    const start = m.index + m[0].length;
    const raw = inflateSync(pdf.subarray(start, start + len));
    const clear = raw.subarray(0, Number(m[2])).toString('latin1');
    const priv = decrypt(raw.subarray(Number(m[2]), Number(m[2]) + Number(m[3])));
    out.push(`${/UniqueID (\d+)/.exec(clear)![1]}/${/UniqueID (\d+)/.exec(priv)![1]}`);
    expect(priv).toContain('/CharStrings 1 dict');
  }
  return out;
}

describe('canonicalFontIds', () => {
  it('numbers the fonts 4100001, 4100002 … in both places, keeping the file readable', () => {
    const later = pdfWith([4100007, 4100008, 4100009]);
    expect(idsIn(later)).toEqual(['4100007/4100007', '4100008/4100008', '4100009/4100009']);
    const fixed = canonicalFontIds(later);
    expect(idsIn(fixed)).toEqual(['4100001/4100001', '4100002/4100002', '4100003/4100003']);
    expect(xrefHolds(later)).toBe(true);
    expect(xrefHolds(fixed)).toBe(true);
  });

  it('gives the bytes a fresh process would have written', () => {
    const fresh = pdfWith([4100001, 4100002]);
    expect(canonicalFontIds(fresh)).toBe(fresh);
    expect(canonicalFontIds(pdfWith([4100011, 4100012])).equals(fresh)).toBe(true);
    expect(canonicalFontIds(pdfWith([4100001, 4100005])).equals(fresh)).toBe(true);
  });

  it('reads each length where the cross-reference table puts it, not from a look-alike before it', () => {
    // A comment that reads like object 2 (the first font's length) with a wrong value.
    const decoy = '%\n2 0 obj 17 endobj\n';
    const fixed = canonicalFontIds(pdfWith([4100007, 4100008], decoy));
    expect(idsIn(fixed)).toEqual(['4100001/4100001', '4100002/4100002']);
    expect(xrefHolds(fixed)).toBe(true);
    expect(fixed.equals(pdfWith([4100001, 4100002], decoy))).toBe(true);
  });

  it('leaves a file it does not recognise alone', () => {
    const plain = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
    expect(canonicalFontIds(plain)).toBe(plain);
    // A length object that is missing: nothing is touched rather than guessed.
    const broken = Buffer.from(pdfWith([4100009]).toString('latin1').replace('\n2 0 obj\n', '\n9 0 obj\n'), 'latin1');
    expect(canonicalFontIds(broken)).toBe(broken);
  });
});

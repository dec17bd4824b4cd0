/**
 * bytes → text. UTF-8 (with or without BOM) is the norm; files saved by Windows Notepad
 * in GBK/GB18030 are recognised and decoded. Anything else is refused rather than shown
 * as mojibake.
 */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

export type DecodeResult =
  | { readonly ok: true; readonly text: string; readonly encoding: 'utf-8' | 'gb18030'; readonly bom: boolean }
  | { readonly ok: false; readonly reason: 'too-large' | 'binary' | 'utf16' | 'undecodable'; readonly offset: number };

export function decodeSource(bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_SOURCE_BYTES) return { ok: false, reason: 'too-large', offset: 0 };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, reason: 'utf16', offset: 0 };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, reason: 'binary', offset: nul };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { ok: true, text: normaliseNewlines(text), encoding: 'utf-8', bom };
  } catch {
    // not UTF-8: try GB18030 (a superset of GBK and GB2312)
  }
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(body);
    // GB18030 decodes almost any byte string; accept it only when the result reads as
    // Chinese text (mostly CJK, ASCII and common punctuation), otherwise it is some
    // other encoding we must not guess at.
    if (looksLikeChinese(text)) return { ok: true, text: normaliseNewlines(text), encoding: 'gb18030', bom: false };
  } catch {
    // fall through
  }
  return { ok: false, reason: 'undecodable', offset: firstInvalidUtf8(body) };
}

function normaliseNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function looksLikeChinese(text: string): boolean {
  let plausible = 0;
  let nonAscii = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) continue;
    nonAscii++;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x2010 && c <= 0x2027)) {
      plausible++;
    }
  }
  return nonAscii === 0 || plausible / nonAscii >= 0.9;
}

/** Offset (in bytes) of the first byte that breaks UTF-8, for the error position. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0) return i;
    for (let k = 1; k < n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n;
  }
  return i;
}

/**
 * Characters a plan should not carry. Shared by the check (which reports them where they
 * are), the DOCX writer (which must never put them into XML) and the reporters (which must
 * never send them raw to a terminal).
 */

/** Kinds that XML 1.0 cannot hold or that Word/LibreOffice refuse: an error in a plan. */
export type UnwritableKind = 'control' | 'noncharacter' | 'surrogate';
/** Kinds that print nothing yet change what text means: a warning in a plan. */
export type InvisibleKind = 'zeroWidth' | 'bidi';
export type CharKind = UnwritableKind | InvisibleKind;

/**
 * C0 controls other than tab and line feed (carriage returns are gone after reading, so one
 * left can only come from a YAML escape), noncharacters (U+FDD0–U+FDEF and the last two code
 * points of every plane: XML 1.0 allows most of them, Word and LibreOffice do not, and
 * U+FFFE/U+FFFF are outside XML altogether), and lone UTF-16 surrogates.
 */
export function unwritableKind(code: number): UnwritableKind | undefined {
  if (code < 0x20) return code === 0x09 || code === 0x0a ? undefined : 'control';
  if (code >= 0xd800 && code <= 0xdfff) return 'surrogate';
  if ((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe) return 'noncharacter';
  return undefined;
}

/**
 * Zero-width characters (space, non-joiner, joiner, word joiner, a byte-order mark inside
 * text) and bidirectional controls (embeddings, overrides, isolates and marks). They make
 * two names that look the same compare different, and an override can print a title back to
 * front.
 */
export function invisibleKind(code: number): InvisibleKind | undefined {
  if ((code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff) return 'zeroWidth';
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x200e || code === 0x200f || code === 0x061c) return 'bidi';
  return undefined;
}

export interface FoundChar {
  /** UTF-16 index of the first character of the run. */
  readonly index: number;
  /** UTF-16 length of the run. */
  readonly length: number;
  /** The first code point of the run (a lone surrogate is its own code unit). */
  readonly code: number;
  readonly kind: CharKind;
}

// U+1FFFE, U+1FFFF … U+10FFFE, U+10FFFF: the last two code points of planes 1 to 16.
const PLANE_ENDS = Array.from({ length: 16 }, (_, i) => `\\u{${(i + 1).toString(16)}fffe}\\u{${(i + 1).toString(16)}ffff}`).join('');
const UNWRITABLE_CLASS = `\\0-\\x08\\x0b-\\x1f\\ufdd0-\\ufdef\\ufffe\\uffff\\ud800-\\udfff${PLANE_ENDS}`;
// Quick tests before the exact ones: most texts have none of these. Without the `u` flag a
// regular expression runs several times faster; it also matches every surrogate pair (an
// emoji, a rare character), which the exact test then clears.
const QUICK_UNWRITABLE = /[\u0000-\u0008\u000b-\u001f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]/;
const QUICK_SUSPECT = /[\u0000-\u0008\u000b-\u001f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;
const SUSPECT = new RegExp(`[${UNWRITABLE_CLASS}\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2060\\u2066-\\u2069\\ufeff]`, 'u');

/**
 * Every unwritable or invisible character of a text, adjacent ones of the same kind taken
 * together (a pasted run of zero-width spaces is one problem, not forty).
 */
export function findCharacters(text: string): FoundChar[] {
  if (!QUICK_SUSPECT.test(text) || !SUSPECT.test(text)) return [];
  const out: FoundChar[] = [];
  let last: { index: number; length: number; code: number; kind: CharKind } | undefined;
  for (let i = 0; i < text.length; ) {
    const code = codePointAt(text, i);
    const width = code > 0xffff ? 2 : 1;
    const kind = unwritableKind(code) ?? invisibleKind(code);
    if (kind) {
      if (last && last.kind === kind && last.index + last.length === i) last.length += width;
      else {
        last = { index: i, length: width, code, kind };
        out.push(last);
      }
    }
    i += width;
  }
  return out;
}

/** The code point at a UTF-16 index; a lone surrogate is returned as itself. */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** U+XXXX, as character tables name a code point. */
export function codeName(code: number): string {
  return 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
}

// In a `u` regular expression the surrogate range matches lone surrogates only.
const UNWRITABLE = new RegExp(`[${UNWRITABLE_CLASS}]`, 'gu');

const ANY_UNWRITABLE = new RegExp(`[${UNWRITABLE_CLASS}]`, 'u');

/** Whether {@link xmlSafe} would change the text. */
export function hasUnwritable(text: string): boolean {
  return QUICK_UNWRITABLE.test(text) && ANY_UNWRITABLE.test(text);
}

/**
 * Text made safe for XML: every unwritable character becomes U+FFFD (the replacement
 * character), so a document always opens and the spot where something was is still seen.
 * The check reports these as errors first; this is the writer's last line of defence.
 */
export function xmlSafe(text: string): string {
  return text.replace(UNWRITABLE, '\ufffd');
}

// The unwritable characters, DEL, C1 controls (0x9B starts a CSI sequence on some terminals)
// and bidi controls.
const TERMINAL_UNSAFE = new RegExp(`[${UNWRITABLE_CLASS}\\x7f-\\x9f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]`, 'gu');

/**
 * Text safe to print to a terminal: control characters (an ESC sequence in a plan could
 * clear the screen or rewrite earlier lines) and bidi controls (which could reverse a
 * message) are shown as <U+001B> instead of being sent raw.
 */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (ch) => `<${codeName(ch.codePointAt(0) ?? 0)}>`);
}

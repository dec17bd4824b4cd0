import type { TextBlock } from './body-text.js';
import { offsetInScalar, type FrontScalar } from './front-matter.js';

/**
 * A run of text a proofreading rule scans: a front-matter string or a body block.
 * `offsetOf` turns an index in `text` into a file offset.
 */
export interface TextSpan {
  readonly text: string;
  readonly source: 'front' | 'body';
  readonly scalar?: FrontScalar;
  readonly block?: TextBlock;
  offsetOf(index: number, match: string): number;
}

const PATH_KEYS = new Set(['template', 'file']);

/** Every string value of the front matter that is prose. */
export function frontSpans(scalars: readonly FrontScalar[]): TextSpan[] {
  return scalars
    // Paths (template, attachments[].file) are file names, not prose to proofread.
    .filter((s) => typeof s.value === 'string' && !PATH_KEYS.has(String(s.path[s.path.length - 1])))
    .map((s) => ({ text: s.value as string, source: 'front', scalar: s, offsetOf: (i: number, m: string) => offsetInScalar(s, i, m) }));
}

/** Every prose block of the body. */
export function bodySpans(blocks: readonly TextBlock[]): TextSpan[] {
  return blocks.map((b) => ({ text: b.text, source: 'body', block: b, offsetOf: (i: number) => blockOffset(b, i) }));
}

function blockOffset(b: TextBlock, i: number): number {
  for (let k = i; k >= 0; k--) {
    const o = b.offsets[k];
    if (o !== undefined && o >= 0) return o + (i - k);
  }
  return b.node.position?.start.offset ?? 0;
}

/** CJK ideographs (basic block and extension A, plus compatibility ideographs). */
export function isCjk(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007;
}

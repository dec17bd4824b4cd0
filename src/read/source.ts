import type { Position } from '../diagnostics/diagnostic.js';

/**
 * Decoded text of one file with a line index, so any UTF-16 offset can be turned into a
 * 1-based line and column. Line endings are normalised to `\n` before indexing, so
 * offsets from every later stage agree.
 */
export interface SourceText {
  readonly path: string;
  readonly text: string;
  readonly lineStarts: readonly number[];
}

export function makeSource(path: string, text: string): SourceText {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return { path, text, lineStarts };
}

/** 1-based line/column of a 0-based offset; offsets past the end clamp to the last position. */
export function positionAt(source: SourceText, offset: number): Position {
  const o = Math.max(0, Math.min(offset, source.text.length));
  const starts = source.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: o - (starts[lo] ?? 0) + 1 };
}

/** 0-based offset of a 1-based line/column. */
export function offsetAt(source: SourceText, line: number, column: number): number {
  const start = source.lineStarts[Math.max(0, Math.min(line - 1, source.lineStarts.length - 1))] ?? 0;
  return Math.min(source.text.length, start + Math.max(0, column - 1));
}

import { promises as fsp } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/report.js';
import { decodeSource, MAX_SOURCE_BYTES } from './decode.js';
import { makeSource, type SourceText } from './source.js';

export type ReadResult =
  | { readonly ok: true; readonly source: SourceText; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Read and decode one text file; problems come back as diagnostics at line 1. */
export async function readTextFile(absPath: string, shownPath: string): Promise<ReadResult> {
  let bytes: Uint8Array;
  try {
    const st = await fsp.stat(absPath);
    if (!st.isFile()) return fail(diagnostic(shownPath, 1, 1, 'file-unreadable', { path: shownPath, reason: st.isDirectory() ? 'reason-folder' : 'reason-not-file' }));
    if (st.size > MAX_SOURCE_BYTES) return fail(diagnostic(shownPath, 1, 1, 'file-too-large', { size: mb(st.size), limit: mb(MAX_SOURCE_BYTES) }));
    bytes = await fsp.readFile(absPath);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return fail(diagnostic(shownPath, 1, 1, 'file-not-found', { path: shownPath }));
    return fail(diagnostic(shownPath, 1, 1, 'file-unreadable', { path: shownPath, reason: err.code ?? err.message }));
  }
  return decodeBytes(bytes, shownPath);
}

/** Decode bytes already in memory (also used for fuzzing). */
export function decodeBytes(bytes: Uint8Array, shownPath: string): ReadResult {
  const r = decodeSource(bytes);
  if (!r.ok) {
    if (r.reason === 'too-large') return fail(diagnostic(shownPath, 1, 1, 'file-too-large', { size: mb(bytes.length), limit: mb(MAX_SOURCE_BYTES) }));
    if (r.reason === 'binary') return fail(diagnostic(shownPath, 1, 1, 'file-binary', { offset: r.offset }));
    if (r.reason === 'utf16') return fail(diagnostic(shownPath, 1, 1, 'encoding-utf16'));
    const { line, column } = byteLineColumn(bytes, r.offset);
    return fail(diagnostic(shownPath, line, column, 'encoding-unknown'));
  }
  const source = makeSource(shownPath, r.text);
  const diagnostics = r.encoding === 'gb18030' ? [diagnostic(shownPath, 1, 1, 'encoding-gbk')] : [];
  return { ok: true, source, diagnostics };
}

function fail(d: Diagnostic): ReadResult {
  return { ok: false, diagnostics: [d] };
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Line and column (in bytes) of a byte offset, for undecodable files. */
function byteLineColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

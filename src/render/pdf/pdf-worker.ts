/**
 * The worker thread a batch's PDFs are stamped and checked in (see examine-thread.ts): each
 * message is one PDF, each reply what examinePdf found. Renumbering the fonts (a deflate in
 * JavaScript) and reading each page's text then leave the main thread free to feed
 * LibreOffice and take the plan workers' results.
 */
import { parentPort } from 'node:worker_threads';
import { examinePdf, type ExamineInput } from './examine.js';

parentPort?.on('message', ({ id, input }: { id: number; input: ExamineInput }) => {
  void examinePdf(input).then(
    (result) => {
      // The PDF's buffer is moved, not copied, when it is the buffer's whole.
      const b = result.bytes;
      const own = b && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;
      parentPort?.postMessage({ id, result }, own ? [b.buffer as ArrayBuffer] : []);
    },
    (e: unknown) => parentPort?.postMessage({ id, error: e instanceof Error ? e.message : String(e) }),
  );
});

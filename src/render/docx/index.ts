import type { DocumentModel } from '../../model/document.js';

/**
 * document → DOCX bytes, to GB/T 9704-2012. Deterministic: the same model gives the same
 * bytes on any machine and in any time zone. (STUB: to be built.)
 */
export async function renderDocx(model: DocumentModel): Promise<{ docx: Uint8Array; text: string }> {
  void model;
  throw new Error('renderDocx: not built yet');
}

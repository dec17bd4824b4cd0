import type { Diagnostic } from '../../diagnostics/diagnostic.js';

/** One DOCX to turn into a PDF. */
export interface PdfJob {
  /** The plan's path as shown (diagnostics are filed under it). */
  readonly plan: string;
  readonly docx: Uint8Array;
  /** Where the PDF goes (absolute). */
  readonly pdfPath: string;
  readonly shownPdf: string;
  /** The document's text, to compare with what LibreOffice drew. */
  readonly text: string;
}

export interface PdfResult {
  readonly plan: string;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Convert every job through one LibreOffice process, check each PDF, and write the good
 * ones atomically. (STUB: to be built.)
 */
export async function convertPdfs(jobs: readonly PdfJob[], opts: { env: Readonly<Record<string, string | undefined>> }): Promise<PdfResult[]> {
  void opts;
  return jobs.map((j) => ({ plan: j.plan, diagnostics: [] }));
}

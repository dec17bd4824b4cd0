import { promises as fsp } from 'node:fs';
import type { diagnostic } from '../../diagnostics/report.js';
import { findSubstitutions, parsePdffonts } from './font-check.js';
import type { ResolvedFace } from './fonts.js';
import { readPdfFacts } from './pdf-facts.js';
import { stabilisePdf } from './stamp.js';
import { readPdfText } from './pdf-text.js';
import { describeMissing, findTextLoss, pagesReadHere, pdfPages } from './text-check.js';
import { runProgram, type Env, type RunResult } from './tools.js';

/**
 * What is done with a PDF LibreOffice wrote, before it may be written where it belongs: its
 * bytes made independent of the run (stamp.ts, font-ids.ts) and its checks (pages, A4, lost
 * characters, faces). It needs no state of the run, so it runs in a worker thread
 * (pdf-worker.ts) as well as here, with the same result either way.
 */
export interface ExamineInput {
  /** LibreOffice's PDF (removed once read and checked). */
  readonly output: string;
  readonly docx: Uint8Array;
  readonly created?: Date | undefined;
  /** The document's text, to compare with what LibreOffice drew. */
  readonly text: string;
  /** The faces the DOCX asks for, and what this machine gives for each (undefined where unknown). */
  readonly fonts: readonly string[];
  readonly resolved?: readonly ResolvedFace[] | undefined;
  readonly tools: Tools;
  readonly env: Env;
}

export interface Examined {
  /** LibreOffice's file was there to read. */
  readonly made: boolean;
  /** The PDF to write, when it passed. */
  readonly bytes?: Uint8Array;
  readonly ok: boolean;
  readonly pages?: number;
  readonly problems: readonly Problem[];
}

/** A4 in PostScript points (210 × 297 mm); LibreOffice writes 595.304 × 841.89. */
const a4 = { width: 595.28, height: 841.89, tolerance: 2 };

export async function examinePdf(input: ExamineInput): Promise<Examined> {
  const made = await fsp.readFile(input.output).catch(() => undefined);
  if (!made) return { made: false, ok: false, problems: [] };
  // The text is read from LibreOffice's bytes (pdf-text.ts). pdftotext, a process of about
  // ten times the CPU, only reads a file that reader leaves to it; it reads LibreOffice's
  // file, which renumbering does not change, so it runs while the fonts are renumbered.
  const read = input.text !== '' ? readPdfText(made) : undefined;
  const pages = read && pagesReadHere(read);
  const extracted = !pages && input.tools.pdftotext && input.text !== '' ? runProgram(input.tools.pdftotext, ['-enc', 'UTF-8', input.output, '-'], { env: input.env, timeoutMs: 60_000 }) : undefined;
  const bytes = stabilisePdf(made, input.docx, input.created);
  const drawn = pages ? { pages } : extracted ? { pdftotext: extracted } : undefined;
  const checked = await checkPdf(input.output, bytes, input.text, drawn, input.fonts, input.resolved, input.tools, input.env);
  // A check that stopped early has not waited for it; the file stays until it is done.
  await extracted;
  await fsp.rm(input.output, { force: true });
  return { made: true, ...checked, ...(checked.ok ? { bytes } : {}) };
}

export type Problem = { readonly ruleId: Parameters<typeof diagnostic>[3]; readonly args: Record<string, string | number> };

export interface Tools {
  readonly pdfinfo: string | undefined;
  readonly pdftotext: string | undefined;
  readonly pdffonts: string | undefined;
}

/**
 * The checks a PDF must pass before it is written: a PDF, with pages, A4, every character
 * drawn. Font substitutions only warn. Pages, sizes and fonts are read from the bytes
 * (pdf-facts.ts); pdfinfo and pdffonts run only where that cannot be done.
 */
async function checkPdf(
  file: string,
  bytes: Buffer,
  text: string,
  /** What the pages draw: read here, or pdftotext at work on the file. */
  drawn: { readonly pages: readonly string[] } | { readonly pdftotext: Promise<RunResult> } | undefined,
  requestedFonts: readonly string[],
  resolved: readonly ResolvedFace[] | undefined,
  tools: Tools,
  env: Env,
): Promise<{ ok: boolean; pages?: number; problems: Problem[] }> {
  const problems: Problem[] = [];
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return { ok: false, problems: [{ ruleId: 'pdf-invalid', args: { detail: 'no %PDF- header' } }] };
  const facts = readPdfFacts(bytes);
  let pages: number | undefined;
  let sizes: { width: number; height: number }[] = [];
  if (facts) {
    pages = facts.pages;
    sizes = [...facts.sizes];
    if (!pages) return { ok: false, problems: [{ ruleId: 'pdf-invalid', args: { detail: 'no pages' } }] };
  } else if (tools.pdfinfo) {
    const info = await runProgram(tools.pdfinfo, [file], { env, timeoutMs: 30_000 });
    const text = info.stdout.toString('utf8');
    const pageMatch = /^Pages:\s+(\d+)/m.exec(text);
    pages = pageMatch ? Number(pageMatch[1]) : 0;
    if (info.code !== 0 || !pages) return { ok: false, problems: [{ ruleId: 'pdf-invalid', args: { detail: info.code !== 0 ? lastLines(info.stderr) : 'no pages' } }] };
    const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(text);
    sizes = [{ width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0) }];
  }
  const wrong = sizes.find((s) => Math.abs(s.width - a4.width) > a4.tolerance || Math.abs(s.height - a4.height) > a4.tolerance);
  if (wrong) return { ok: false, ...(pages ? { pages } : {}), problems: [{ ruleId: 'pdf-not-a4', args: { size: `${wrong.width} × ${wrong.height} pt` } }] };
  const fontsKnown = facts !== undefined || tools.pdffonts !== undefined;
  const textKnown = (drawn !== undefined && 'pages' in drawn) || tools.pdftotext !== undefined;
  if (!textKnown || !fontsKnown) {
    problems.push({ ruleId: 'pdf-unchecked', args: { tool: !textKnown ? 'pdftotext' : 'pdffonts' } });
  }
  if (drawn) {
    let drawnPages: readonly string[];
    if ('pages' in drawn) drawnPages = drawn.pages;
    else {
      const t = await drawn.pdftotext;
      if (t.code !== 0) return { ok: false, ...(pages ? { pages } : {}), problems: [{ ruleId: 'pdf-invalid', args: { detail: lastLines(t.stderr) } }] };
      drawnPages = pdfPages(t.stdout.toString('utf8'));
    }
    const loss = findTextLoss(text, drawnPages);
    if (loss) problems.push({ ruleId: 'pdf-text-lost', args: { page: loss.page, detail: describeMissing(loss.missing) } });
  }
  const embedded = facts ? facts.fonts : tools.pdffonts ? parsePdffonts((await runProgram(tools.pdffonts, [file], { env, timeoutMs: 30_000 })).stdout.toString('utf8')) : undefined;
  if (embedded) {
    for (const s of findSubstitutions(requestedFonts, embedded, resolved)) {
      problems.push({ ruleId: 'pdf-font-substituted', args: { requested: s.requested, embedded: s.embedded } });
    }
  }
  const ok = !problems.some((p) => p.ruleId === 'pdf-text-lost');
  return { ok, ...(pages ? { pages } : {}), problems };
}


export function lastLines(s: string): string {
  // soffice always prints this on machines without Java; it says nothing about the failure.
  const lines = s.split('\n').filter((l) => l.trim() && !/javaldx/.test(l));
  return lines.slice(-2).join(' / ').slice(0, 300);
}

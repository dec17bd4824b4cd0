import { promises as fsp, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnostic } from '../../diagnostics/report.js';
import { mapLimited } from '../../util/map-limited.js';
import { writeFileAtomic } from '../../io/write.js';
import { docxFontNames, findSubstitutions, parsePdffonts } from './font-check.js';
import { prepareFontconfig, resolveFaces, type ResolvedFace } from './fonts.js';
import { stabilisePdf } from './stamp.js';
import { describeMissing, findTextLoss, pdfPages } from './text-check.js';
import { findOnPath, findSoffice, runProgram, type Env } from './tools.js';
import { startWatchdog } from './watchdog.js';
import { cleanUpIfStopped } from '../../io/cleanup.js';

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
  /** The DOCX written beside it (as shown), if one was: messages then say it exists. */
  readonly docxWritten?: string;
  /** The build's clock reading, stamped into the PDF instead of LibreOffice's (see stamp.ts). */
  readonly created?: Date;
}

export interface PdfResult {
  readonly plan: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Whether a checked PDF was written to `pdfPath`. */
  readonly written?: boolean;
  /** The bytes written to `pdfPath`, when they were. */
  readonly bytes?: Uint8Array;
  /** Pages in the PDF, when one was made. */
  readonly pages?: number;
}

export interface PdfOptions {
  readonly env: Env;
  /** For the one LibreOffice run; default 60 s plus 10 s a document. */
  readonly timeoutMs?: number;
  /** Where the run's private folder is made; default the system's temporary folder. */
  readonly tempRoot?: string;
  /** Told as each job's PDF is checked (and written), for the progress line. */
  readonly onResult?: (index: number, result: PdfResult) => void;
}

/** A4 in PostScript points (210 × 297 mm); LibreOffice writes 595.304 × 841.89. */
const a4 = { width: 595.28, height: 841.89, tolerance: 2 };

/**
 * Convert every job through one LibreOffice process (measured: about 2.8 s of CPU for the
 * first document, with the fresh profile, and about 0.3 s for each further one), check each PDF, and write the good ones
 * atomically to their `pdfPath`. A PDF that fails a check is never written, so an older
 * good one stays in place. Problems come back as diagnostics, one list per job, in order.
 */
export async function convertPdfs(jobs: readonly PdfJob[], opts: PdfOptions): Promise<PdfResult[]> {
  if (jobs.length === 0) return [];
  const soffice = findSoffice(opts.env);
  if (!soffice) return jobs.map((j) => ({ plan: j.plan, diagnostics: [diagnostic(j.plan, 1, 1, 'soffice-missing', j.docxWritten ? { docx: j.docxWritten } : {})] }));

  const tmp = await fsp.mkdtemp(path.join(opts.tempRoot ?? os.tmpdir(), 'plangen-pdf-'));
  // Interrupted (Ctrl-C, kill), the folder goes at once; killed outright, the watchdog
  // removes it and ends LibreOffice.
  const forget = cleanUpIfStopped(() => rmSync(tmp, { recursive: true, force: true }));
  const watchdog = startWatchdog(tmp);
  try {
    const inDir = path.join(tmp, 'in');
    const outDir = path.join(tmp, 'out');
    await fsp.mkdir(inDir);
    await fsp.mkdir(outDir);
    const prepared = await Promise.all(
      jobs.map(async (job, i) => {
        const fonts = docxFontNames(job.docx);
        if (!fonts) return { job, fonts: undefined, input: undefined, output: undefined };
        // Our own names: plans in different folders may share a base name, and soffice
        // names each PDF after its input.
        const base = `doc-${String(i + 1).padStart(4, '0')}`;
        const input = path.join(inDir, base + '.docx');
        await fsp.writeFile(input, job.docx);
        return { job, fonts, input, output: path.join(outDir, base + '.pdf') };
      }),
    );
    const inputs = prepared.flatMap((p) => (p.input ? [p.input] : []));
    const env = await prepareFontconfig(tmp, opts.env);
    const timeoutMs = opts.timeoutMs ?? 60_000 + 10_000 * inputs.length;
    const run =
      inputs.length === 0
        ? undefined
        : await runProgram(
            soffice,
            [
              `-env:UserInstallation=${pathToFileURL(path.join(tmp, 'profile')).href}`,
              '--headless',
              '--norestore',
              '--nolockcheck',
              '--convert-to',
              'pdf:writer_pdf_Export',
              '--outdir',
              outDir,
              ...inputs,
            ],
            { env, timeoutMs, onStart: (pgid) => watchdog.guard(pgid) },
          );
    watchdog.release();

    const allFonts = [...new Set(prepared.flatMap((p) => p.fonts ?? []))].sort();
    const resolved = await resolveFaces(allFonts, env);
    const tools = { pdfinfo: findOnPath('pdfinfo', env), pdftotext: findOnPath('pdftotext', env), pdffonts: findOnPath('pdffonts', env) };

    const finish = async (p: (typeof prepared)[number]): Promise<PdfResult> => {
      const { job } = p;
      const at = (ruleId: Parameters<typeof diagnostic>[3], args: Record<string, string | number> = {}) => diagnostic(job.plan, 1, 1, ruleId, { pdf: job.shownPdf, ...args });
      if (!p.input || !p.output || !p.fonts || !run) return { plan: job.plan, diagnostics: [at('pdf-not-docx')] };
      const made = await fsp.readFile(p.output).catch(() => undefined);
      if (!made) {
        if (run.timedOut) return { plan: job.plan, diagnostics: [at('pdf-timeout', { seconds: Math.round(timeoutMs / 1000) })] };
        if (run.spawnError) return { plan: job.plan, diagnostics: [at('pdf-failed', { detail: `${soffice}: ${run.spawnError}` })] };
        return { plan: job.plan, diagnostics: [at('pdf-no-output', { code: String(run.code), detail: lastLines(run.stderr + run.stdout.toString('utf8')) })] };
      }
      const bytes = stabilisePdf(made, job.docx, job.created);
      const checked = await checkPdf(p.output, bytes, job, p.fonts, resolved, tools, env);
      const diagnostics = checked.problems.map((x) => at(x.ruleId, x.args));
      if (!checked.ok) return { plan: job.plan, diagnostics, ...(checked.pages ? { pages: checked.pages } : {}) };
      const written = await writeFileAtomic(job.pdfPath, bytes);
      if (!written.ok) {
        diagnostics.push(written.locked ? at('output-locked', { path: job.shownPdf }) : at('output-failed', { path: job.shownPdf, reason: written.reason }));
      }
      return { plan: job.plan, diagnostics, written: written.ok, ...(written.ok ? { bytes } : {}), ...(checked.pages ? { pages: checked.pages } : {}) };
    };
    return await mapLimited(prepared, 4, async (p, i) => {
      const r = await finish(p);
      opts.onResult?.(i, r);
      return r;
    });
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    watchdog.stop();
    forget();
  }
}

type Problem = { readonly ruleId: Parameters<typeof diagnostic>[3]; readonly args: Record<string, string | number> };

interface Tools {
  readonly pdfinfo: string | undefined;
  readonly pdftotext: string | undefined;
  readonly pdffonts: string | undefined;
}

/** The checks a PDF must pass before it is written: a PDF, with pages, A4, every character drawn. Font substitutions only warn. */
async function checkPdf(
  file: string,
  bytes: Buffer,
  job: PdfJob,
  requestedFonts: readonly string[],
  resolved: readonly ResolvedFace[] | undefined,
  tools: Tools,
  env: Env,
): Promise<{ ok: boolean; pages?: number; problems: Problem[] }> {
  const problems: Problem[] = [];
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return { ok: false, problems: [{ ruleId: 'pdf-invalid', args: { detail: 'no %PDF- header' } }] };
  let pages: number | undefined;
  if (tools.pdfinfo) {
    const info = await runProgram(tools.pdfinfo, [file], { env, timeoutMs: 30_000 });
    const text = info.stdout.toString('utf8');
    const pageMatch = /^Pages:\s+(\d+)/m.exec(text);
    pages = pageMatch ? Number(pageMatch[1]) : 0;
    if (info.code !== 0 || !pages) return { ok: false, problems: [{ ruleId: 'pdf-invalid', args: { detail: info.code !== 0 ? lastLines(info.stderr) : 'no pages' } }] };
    const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(text);
    const w = Number(size?.[1] ?? 0);
    const h = Number(size?.[2] ?? 0);
    if (Math.abs(w - a4.width) > a4.tolerance || Math.abs(h - a4.height) > a4.tolerance) {
      return { ok: false, pages, problems: [{ ruleId: 'pdf-not-a4', args: { size: `${w} × ${h} pt` } }] };
    }
  }
  if (!tools.pdftotext || !tools.pdffonts) {
    problems.push({ ruleId: 'pdf-unchecked', args: { tool: !tools.pdftotext ? 'pdftotext' : 'pdffonts' } });
  }
  if (tools.pdftotext && job.text !== '') {
    const t = await runProgram(tools.pdftotext, ['-enc', 'UTF-8', file, '-'], { env, timeoutMs: 60_000 });
    if (t.code !== 0) return { ok: false, ...(pages ? { pages } : {}), problems: [{ ruleId: 'pdf-invalid', args: { detail: lastLines(t.stderr) } }] };
    const loss = findTextLoss(job.text, pdfPages(t.stdout.toString('utf8')));
    if (loss) problems.push({ ruleId: 'pdf-text-lost', args: { page: loss.page, detail: describeMissing(loss.missing) } });
  }
  if (tools.pdffonts) {
    const f = await runProgram(tools.pdffonts, [file], { env, timeoutMs: 30_000 });
    for (const s of findSubstitutions(requestedFonts, parsePdffonts(f.stdout.toString('utf8')), resolved)) {
      problems.push({ ruleId: 'pdf-font-substituted', args: { requested: s.requested, embedded: s.embedded } });
    }
  }
  const ok = !problems.some((p) => p.ruleId === 'pdf-text-lost');
  return { ok, ...(pages ? { pages } : {}), problems };
}

function lastLines(s: string): string {
  // soffice always prints this on machines without Java; it says nothing about the failure.
  const lines = s.split('\n').filter((l) => l.trim() && !/javaldx/.test(l));
  return lines.slice(-2).join(' / ').slice(0, 300);
}

import { closeSync, existsSync, fstatSync, openSync, promises as fsp, readSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnostic } from '../../diagnostics/report.js';
import { writeFileAtomic } from '../../io/write.js';
import { limiter } from '../../util/map-limited.js';
import { docxFontNames, findSubstitutions, parsePdffonts } from './font-check.js';
import { resolveFaces, type ResolvedFace } from './fonts.js';
import { Office, type Conversion } from './office.js';
import { readPdfFacts } from './pdf-facts.js';
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
  /** For each LibreOffice call; default 60 s plus 10 s a document in the call. */
  readonly timeoutMs?: number;
  /** Where the run's private folder is made; default the system's temporary folder. */
  readonly tempRoot?: string;
  /**
   * Where LibreOffice's profile and the fontconfig cache are kept between runs (one
   * `instance-N/` per concurrent run, each with its lock). Default: a fresh profile in the
   * run's private folder, removed afterwards (costs about 0.5 s more a run).
   */
  readonly profileDir?: string;
  /**
   * Keep one LibreOffice running for the converter's life, started at once (Linux only).
   * Default: on for createPdfConverter, off for convertPdfs. It pays from the second batch
   * on: starting the warm copy costs more than one cold conversion (measured), so a run
   * with a single batch is quicker without it.
   */
  readonly warm?: boolean;
  /** Told as each job's PDF is checked (and written), for the progress line. */
  readonly onResult?: (index: number, result: PdfResult) => void;
}

/** Takes jobs as they come (while other DOCX are still being made) and converts them in batches through one LibreOffice. */
export interface PdfConverter {
  add(job: PdfJob): Promise<PdfResult>;
  /** Waits for every job added, then ends LibreOffice and removes the private folder. */
  close(): Promise<void>;
}

/** A4 in PostScript points (210 × 297 mm); LibreOffice writes 595.304 × 841.89. */
const a4 = { width: 595.28, height: 841.89, tolerance: 2 };

/**
 * Convert every job, check each PDF, and write the good ones atomically to their
 * `pdfPath`. A PDF that fails a check is never written, so an older good one stays in
 * place. Problems come back as diagnostics, one list per job, in order.
 */
export async function convertPdfs(jobs: readonly PdfJob[], opts: PdfOptions): Promise<PdfResult[]> {
  if (jobs.length === 0) return [];
  // Every job is known now: one batch, for which a cold LibreOffice is the quicker.
  const converter = createPdfConverter({ ...opts, warm: opts.warm ?? false });
  try {
    return await Promise.all(
      jobs.map((j, i) =>
        converter.add(j).then((r) => {
          opts.onResult?.(i, r);
          return r;
        }),
      ),
    );
  } finally {
    await converter.close();
  }
}

interface Entry {
  readonly job: PdfJob;
  readonly fonts: string[];
  readonly resolve: (r: PdfResult) => void;
  /** Already sent once to a LibreOffice that crashed or hung. */
  retried?: boolean;
}

/**
 * Convert jobs as they are added, in batches. With `warm` (the default here) LibreOffice
 * starts at once, so its start-up overlaps whatever the caller does next, and stays up
 * between batches. Batches: all jobs waiting when LibreOffice becomes free go in one call
 * (20 documents in one call cost about as much as 4 alone). Checks of one batch run while
 * the next converts. A LibreOffice that crashes or hangs is killed with everything it
 * started and restarted, and the documents it had are sent once more.
 */
export function createPdfConverter(opts: PdfOptions): PdfConverter {
  const soffice = findSoffice(opts.env);
  const pending: Entry[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let busy = false;
  let closed = false;
  let counter = 0;
  let batches = 0;
  let setup: Promise<Setup> | undefined;
  const warm = opts.warm ?? true;
  const checks = limiter(2);
  const faces = new Map<string, Promise<ResolvedFace | undefined>>();

  interface Setup {
    readonly tmp: string;
    readonly office: Office;
    readonly tools: Tools;
    readonly done: () => Promise<void>;
  }

  const start = async (): Promise<Setup> => {
    const tmp = await fsp.mkdtemp(path.join(opts.tempRoot ?? os.tmpdir(), 'plangen-pdf-'));
    // Interrupted (Ctrl-C, kill), the folder goes at once; killed outright, the watchdog
    // removes it and ends LibreOffice.
    const forget = cleanUpIfStopped(() => rmSync(tmp, { recursive: true, force: true }));
    const watchdog = startWatchdog(tmp);
    await fsp.mkdir(path.join(tmp, 'in'));
    const office = await Office.open({
      soffice: soffice!,
      env: opts.env,
      folder: tmp,
      profileDir: opts.profileDir,
      watchdog,
      warm,
      startMs: Math.min(opts.timeoutMs ?? 20_000, 20_000),
    });
    const env = office.env;
    const tools = { pdfinfo: findOnPath('pdfinfo', env), pdftotext: findOnPath('pdftotext', env), pdffonts: findOnPath('pdffonts', env) };
    return {
      tmp,
      office,
      tools,
      done: async () => {
        await office.close();
        await fsp.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
        watchdog.stop();
        forget();
      },
    };
  };
  // Warm: start now, so LibreOffice comes up while the caller makes the DOCX. Cold: at the first job.
  const begin = (): Promise<Setup> => {
    const p = start();
    // Failure reaches the jobs through convertBatch; nobody may be waiting yet.
    p.catch(() => undefined);
    return p;
  };
  if (soffice && warm) setup = begin();

  const resolveFace = (name: string, env: Env): Promise<ResolvedFace | undefined> => {
    let f = faces.get(name);
    if (!f) {
      f = resolveFaces([name], env).then((r) => r?.[0]);
      faces.set(name, f);
    }
    return f;
  };

  const pump = (): void => {
    if (busy || pending.length === 0 || !soffice) return;
    setup ??= begin();
    busy = true;
    let batch: Entry[] = [];
    // The batch is taken once LibreOffice is ready, not before: what was added meanwhile
    // (every job, when they are all known at once) goes in the same call.
    const run = setup
      .catch(() => undefined)
      .then(() => {
        batch = pending.splice(0);
        return convertBatch(batch);
      })
      .catch((e: unknown) => {
        // The run's folder or LibreOffice could not be set up: every job of the batch says so.
        for (const entry of batch) entry.resolve({ plan: entry.job.plan, diagnostics: [diagnostic(entry.job.plan, 1, 1, 'pdf-failed', { pdf: entry.job.shownPdf, detail: e instanceof Error ? e.message : String(e) })] });
      })
      .finally(() => {
        busy = false;
        pump();
      });
    track(run);
  };

  const track = (p: Promise<unknown>): void => {
    const q = p.catch(() => undefined).finally(() => inFlight.delete(q));
    inFlight.add(q);
  };

  const convertBatch = async (batch: Entry[]): Promise<void> => {
    const s = await setup!;
    const outDir = path.join(s.tmp, `out-${++batches}`);
    await fsp.mkdir(outDir);
    const named = await Promise.all(
      batch.map(async (entry) => {
        // Our own names: plans in different folders may share a base name, and soffice names each PDF after its input.
        const base = `doc-${String(++counter).padStart(4, '0')}`;
        const input = path.join(s.tmp, 'in', base + '.docx');
        await fsp.writeFile(input, entry.job.docx);
        return { entry, input, output: path.join(outDir, base + '.pdf') };
      }),
    );
    const timeoutMs = opts.timeoutMs ?? 60_000 + 10_000 * named.length;
    // Whatever goes wrong in the checks, the job gets an answer: a caller waiting on add() must never hang.
    const check = (n: (typeof named)[number], run: Conversion | undefined) => {
      const { job } = n.entry;
      const failed = (e: unknown): PdfResult => ({ plan: job.plan, diagnostics: [diagnostic(job.plan, 1, 1, 'pdf-failed', { pdf: job.shownPdf, detail: e instanceof Error ? e.message : String(e) })] });
      track(checks(() => finish(s, n.entry, n.output, run, timeoutMs)).then(n.entry.resolve, (e: unknown) => n.entry.resolve(failed(e))));
    };
    // LibreOffice converts a call's documents one at a time, in order: once a later PDF has
    // appeared, the earlier ones are whole, and their checks run while it goes on converting.
    let handed = 0;
    const watch = setInterval(() => {
      for (let i = handed; i < named.length - 1 && existsSync(named[i + 1]!.output) && completePdf(named[i]!.output); i++) check(named[handed++]!, undefined);
    }, 40);
    let run: Conversion;
    try {
      run = await s.office.convert(
        named.map((n) => n.input),
        outDir,
        timeoutMs,
      );
    } finally {
      clearInterval(watch);
    }
    const retry: Entry[] = [];
    for (const n of named.slice(handed)) {
      if (run.crashed && !n.entry.retried && !existsSync(n.output)) {
        n.entry.retried = true;
        retry.push(n.entry);
        continue;
      }
      check(n, run);
    }
    // Those the crashed LibreOffice did not get to go first in the next call, to a new LibreOffice.
    pending.unshift(...retry);
  };

  /** `run` is the finished call, or undefined for a PDF taken while the call still converts the next ones. */
  const finish = async (s: Setup, entry: Entry, output: string, run: Conversion | undefined, timeoutMs: number): Promise<PdfResult> => {
    const { job } = entry;
    const at = (ruleId: Parameters<typeof diagnostic>[3], args: Record<string, string | number> = {}) => diagnostic(job.plan, 1, 1, ruleId, { pdf: job.shownPdf, ...args });
    const made = await fsp.readFile(output).catch(() => undefined);
    if (!made) {
      if (!run) return { plan: job.plan, diagnostics: [at('pdf-failed', { detail: output })] };
      if (run.timedOut) return { plan: job.plan, diagnostics: [at('pdf-timeout', { seconds: Math.round(timeoutMs / 1000) })] };
      if (run.spawnError) return { plan: job.plan, diagnostics: [at('pdf-failed', { detail: `${soffice}: ${run.spawnError}` })] };
      // Killed by a signal (a crash), after the one retry: there is no exit code to show.
      if (run.code === null) return { plan: job.plan, diagnostics: [at('pdf-crashed', { detail: lastLines(run.stderr + run.stdout.toString('utf8')) })] };
      return { plan: job.plan, diagnostics: [at('pdf-no-output', { code: String(run.code), detail: lastLines(run.stderr + run.stdout.toString('utf8')) })] };
    }
    const bytes = stabilisePdf(made, job.docx, job.created);
    const resolved = process.platform === 'win32' || process.platform === 'darwin' ? undefined : await Promise.all(entry.fonts.map((f) => resolveFace(f, s.office.env)));
    const known = resolved?.every((r) => r !== undefined) ? (resolved as ResolvedFace[]) : undefined;
    const checked = await checkPdf(output, bytes, job, entry.fonts, known, s.tools, s.office.env);
    await fsp.rm(output, { force: true });
    const diagnostics = checked.problems.map((x) => at(x.ruleId, x.args));
    if (!checked.ok) return { plan: job.plan, diagnostics, ...(checked.pages ? { pages: checked.pages } : {}) };
    const written = await writeFileAtomic(job.pdfPath, bytes);
    if (!written.ok) {
      diagnostics.push(written.locked ? at('output-locked', { path: job.shownPdf }) : at('output-failed', { path: job.shownPdf, reason: written.reason }));
    }
    return { plan: job.plan, diagnostics, written: written.ok, ...(written.ok ? { bytes } : {}), ...(checked.pages ? { pages: checked.pages } : {}) };
  };

  return {
    add(job) {
      if (closed) throw new Error('PdfConverter.add after close');
      const fonts = docxFontNames(job.docx);
      if (!soffice) return Promise.resolve({ plan: job.plan, diagnostics: [diagnostic(job.plan, 1, 1, 'soffice-missing', job.docxWritten ? { docx: job.docxWritten } : {})] });
      if (!fonts) return Promise.resolve({ plan: job.plan, diagnostics: [diagnostic(job.plan, 1, 1, 'pdf-not-docx', { pdf: job.shownPdf })] });
      return new Promise<PdfResult>((resolve) => {
        pending.push({ job, fonts, resolve });
        pump();
      });
    },
    async close() {
      closed = true;
      while (inFlight.size > 0 || pending.length > 0) {
        if (inFlight.size === 0) pump();
        if (inFlight.size === 0) break;
        await Promise.all([...inFlight]);
      }
      if (setup) await setup.then((x) => x.done(), () => undefined);
    },
  };
}

/** Run at most `n` of the given tasks at once. */
type Problem = { readonly ruleId: Parameters<typeof diagnostic>[3]; readonly args: Record<string, string | number> };

interface Tools {
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
  job: PdfJob,
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
  if (!tools.pdftotext || !fontsKnown) {
    problems.push({ ruleId: 'pdf-unchecked', args: { tool: !tools.pdftotext ? 'pdftotext' : 'pdffonts' } });
  }
  if (tools.pdftotext && job.text !== '') {
    const t = await runProgram(tools.pdftotext, ['-enc', 'UTF-8', file, '-'], { env, timeoutMs: 60_000 });
    if (t.code !== 0) return { ok: false, ...(pages ? { pages } : {}), problems: [{ ruleId: 'pdf-invalid', args: { detail: lastLines(t.stderr) } }] };
    const loss = findTextLoss(job.text, pdfPages(t.stdout.toString('utf8')));
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

/** Whether a file ends as a PDF does (`%%EOF`, then at most a line end): LibreOffice has finished writing it. */
function completePdf(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(size, 16));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    return /%%EOF\s*$/.test(tail.toString('latin1'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function lastLines(s: string): string {
  // soffice always prints this on machines without Java; it says nothing about the failure.
  const lines = s.split('\n').filter((l) => l.trim() && !/javaldx/.test(l));
  return lines.slice(-2).join(' / ').slice(0, 300);
}

import { closeSync, existsSync, fstatSync, openSync, promises as fsp, readSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnostic } from '../../diagnostics/report.js';
import { writeFileAtomic } from '../../io/write.js';
import { limiter } from '../../util/map-limited.js';
import { docxFontNames } from './font-check.js';
import { resolveFaces, type ResolvedFace } from './fonts.js';
import { Office, type Conversion } from './office.js';
import { examinePdf, lastLines, type ExamineInput, type Tools } from './examine.js';
import { ExamineThread } from './examine-thread.js';
import { findOnPath, findSoffice, type Env } from './tools.js';
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
  /**
   * The built worker script (dist/pdf-worker.mjs): with a warm LibreOffice, each PDF is
   * stamped and checked in that thread while the next ones convert. Without it, or for a
   * single batch, here.
   */
  readonly worker?: URL | undefined;
  /**
   * LibreOffices converting side by side, each with its own profile. Default: as many as
   * suit `expected` jobs (pdfInstances), one when that is not known.
   */
  readonly instances?: number;
  /** How many jobs the caller will add, when it knows. */
  readonly expected?: number;
  /** Told as each job's PDF is checked (and written), for the progress line. */
  readonly onResult?: (index: number, result: PdfResult) => void;
}

/** Takes jobs as they come (while other DOCX are still being made) and converts them in batches through one LibreOffice. */
export interface PdfConverter {
  add(job: PdfJob): Promise<PdfResult>;
  /** Waits for every job added, then ends LibreOffice and removes the private folder. */
  close(): Promise<void>;
}

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
  const n = Math.max(1, Math.floor(opts.instances ?? pdfInstances(opts.expected ?? 1)));
  if (n === 1) return createOneConverter(opts);
  // Each LibreOffice has its own profile slot, folder and check thread; a job goes to the one
  // with the fewest jobs outstanding. Font renumbering makes a PDF's bytes the same whichever did it.
  const parts = Array.from({ length: n }, () => createOneConverter(opts));
  const outstanding = parts.map(() => 0);
  return {
    add(job) {
      const i = outstanding.indexOf(Math.min(...outstanding));
      outstanding[i]!++;
      return parts[i]!.add(job).finally(() => outstanding[i]!--);
    },
    async close() {
      await Promise.all(parts.map((p) => p.close()));
    },
  };
}

/**
 * How many LibreOffices a batch of `count` PDFs is converted by. Measured on 2 shared cores
 * (docs/performance.md, pdfbatch): for 20 documents a second one gained nothing, its start-up
 * is not paid back; for 60 it took a quarter off. One core leaves nothing for a second.
 */
export function pdfInstances(count: number, cores = availableParallelism()): number {
  return count >= 40 && cores >= 2 ? 2 : 1;
}

function createOneConverter(opts: PdfOptions): PdfConverter {
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
  const thread = opts.worker && warm ? new ExamineThread(opts.worker) : undefined;

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
    const resolved = process.platform === 'win32' || process.platform === 'darwin' ? undefined : await Promise.all(entry.fonts.map((f) => resolveFace(f, s.office.env)));
    const known = resolved?.every((r) => r !== undefined) ? (resolved as ResolvedFace[]) : undefined;
    const input: ExamineInput = { output, docx: job.docx, created: job.created, text: job.text, fonts: entry.fonts, resolved: known, tools: s.tools, env: s.office.env };
    // A thread that died leaves its PDFs to this one (LibreOffice's file is removed only once examined).
    const checked = await (thread?.usable ? thread.examine(input).catch(() => examinePdf(input)) : examinePdf(input));
    if (!checked.made) {
      if (!run) return { plan: job.plan, diagnostics: [at('pdf-failed', { detail: output })] };
      if (run.timedOut) return { plan: job.plan, diagnostics: [at('pdf-timeout', { seconds: Math.round(timeoutMs / 1000) })] };
      if (run.spawnError) return { plan: job.plan, diagnostics: [at('pdf-failed', { detail: `${soffice}: ${run.spawnError}` })] };
      // Killed by a signal (a crash), after the one retry: there is no exit code to show.
      if (run.code === null) return { plan: job.plan, diagnostics: [at('pdf-crashed', { detail: lastLines(run.stderr + run.stdout.toString('utf8')) })] };
      return { plan: job.plan, diagnostics: [at('pdf-no-output', { code: String(run.code), detail: lastLines(run.stderr + run.stdout.toString('utf8')) })] };
    }
    const diagnostics = checked.problems.map((x) => at(x.ruleId, x.args));
    const bytes = checked.bytes;
    if (!checked.ok || !bytes) return { plan: job.plan, diagnostics, ...(checked.pages ? { pages: checked.pages } : {}) };
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
      await thread?.close();
      if (setup) await setup.then((x) => x.done(), () => undefined);
    },
  };
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

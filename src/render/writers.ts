/**
 * The output stage as a table of writers. A plan stays a DocumentModel until a writer takes
 * it; `build --to`, the output-clash check, the build cache and the manifest all read the
 * kinds of output from here, so a new kind is one entry rather than a branch in each command.
 *
 * Writers make bytes; they never put files on disk (src/io/write.ts does, atomically). Their
 * modules are imported inside `write`, so the table itself costs nothing at start-up.
 */
import type { terms } from '../diagnostics/catalogue.js';
import type { DocumentModel } from '../model/document.js';
import type { RenderedOutput } from '../pipeline.js';
import type { DiffedDocument } from '../diff/index.js';
import type { RevisionStamp } from './docx/revisions.js';
import type { PdfJob, PdfOptions, PdfResult } from './pdf/index.js';

interface WriterBase {
  /** What `--to` calls it (a writer that takes one plan) and its id in results. */
  readonly id: string;
  /** The file extension of what it makes, with the dot. */
  readonly ext: string;
  /** Its one-line description in the catalogue (`terms`), for `--help`. */
  readonly description: keyof typeof terms;
}

/** Renders one plan's document, in the worker thread that built the model. */
export interface DocumentWriter extends WriterBase {
  readonly stage: 'worker';
  write(model: DocumentModel): Promise<Pick<RenderedOutput, 'bytes' | 'text'>>;
}

/**
 * Converts another writer's output for every plan of a run at once, in the parent thread
 * after the workers are done: one LibreOffice start serves all PDFs. A batch writer takes
 * the jobs and options the PDF converter takes (it is the only one so far).
 */
export interface BatchWriter extends WriterBase {
  readonly stage: 'batch';
  /** The document writer whose output it converts; that writer renders even when not asked for. */
  readonly needs: string;
  write(jobs: readonly PdfJob[], options: PdfOptions): Promise<PdfResult[]>;
  /**
   * Optional: take jobs one by one as the plans are rendered, so converting overlaps
   * rendering (and LibreOffice stays warm across the run); `close` waits for them all.
   */
  start?(options: PdfOptions): Promise<{ add(job: PdfJob): Promise<PdfResult>; close(): Promise<void> }>;
}

/** Writes the new version of a plan with its changes since an old one (plangen diff). */
export interface CompareWriter extends WriterBase {
  readonly stage: 'compare';
  write(before: DocumentModel, after: DocumentModel, stamp: RevisionStamp): Promise<DiffedDocument>;
}

export type Writer = DocumentWriter | BatchWriter | CompareWriter;
/** A writer `build --to` can ask for: one that takes a single plan. */
export type PlanWriter = DocumentWriter | BatchWriter;

const builtIn: readonly Writer[] = [
  {
    id: 'docx',
    ext: '.docx',
    description: 'writer-docx',
    stage: 'worker',
    async write(model) {
      const { renderDocx } = await import('./docx/index.js');
      const { docx, text } = await renderDocx(model);
      return { bytes: docx, text };
    },
  },
  {
    id: 'pdf',
    ext: '.pdf',
    description: 'writer-pdf',
    stage: 'batch',
    needs: 'docx',
    async write(jobs, options) {
      const { convertPdfs } = await import('./pdf/index.js');
      return convertPdfs(jobs, options);
    },
    async start(options) {
      const { createPdfConverter } = await import('./pdf/index.js');
      return createPdfConverter(options);
    },
  },
  {
    id: 'diff',
    ext: '.docx',
    description: 'writer-diff',
    stage: 'compare',
    async write(before, after, stamp) {
      const { diffModels } = await import('../diff/index.js');
      return diffModels(before, after, stamp);
    },
  },
];

/** Names `--to` takes for several writers at once; `both` is what `--pdf` has always meant. */
const combinations: ReadonlyMap<string, { readonly writers: readonly string[]; readonly description: keyof typeof terms }> = new Map([['both', { writers: ['docx', 'pdf'], description: 'writer-both' }]]);

const registry: Writer[] = [...builtIn];

/** Every writer, in the order outputs of one plan are made and listed. */
export function writers(): readonly Writer[] {
  return registry;
}

/**
 * Add a writer to the table (tests use this; a plugin mechanism could later). Returns the
 * function that takes it out again. Workers have tables of their own, so a writer added here
 * is used by plans that run in this thread (no worker script), as in tests.
 */
export function registerWriter(writer: Writer): () => void {
  if (registry.some((w) => w.id === writer.id) || combinations.has(writer.id)) throw new Error(`writer ${writer.id} is registered already`);
  registry.push(writer);
  return () => {
    const i = registry.indexOf(writer);
    if (i >= 0) registry.splice(i, 1);
  };
}

/** What `--to` accepts: every writer that takes one plan, then the combinations. */
export function outputChoices(): string[] {
  return [...registry.filter(isPlanWriter).map((w) => w.id), ...combinations.keys()];
}

/** `--to`'s choices with their descriptions, for `--help`. */
export function outputChoiceTerms(): { readonly id: string; readonly description: keyof typeof terms }[] {
  return [...registry.filter(isPlanWriter), ...[...combinations].map(([id, c]) => ({ id, description: c.description }))];
}

/**
 * What one `--to` choice makes for a plan: `asked`, the writers whose files are written, in
 * order; `rendered`, the document writers the plan's worker runs (those asked for and those
 * a batch writer needs). Undefined for a name that is not a choice.
 */
export function outputsFor(to: string): { readonly asked: readonly PlanWriter[]; readonly rendered: readonly DocumentWriter[] } | undefined {
  const ids = combinations.get(to)?.writers ?? [to];
  const asked = ids.map((id) => registry.find((w) => w.id === id));
  if (asked.some((w) => !w || !isPlanWriter(w))) return undefined;
  const planWriters = asked as PlanWriter[];
  const renderedIds = new Set(planWriters.flatMap((w) => (w.stage === 'worker' ? [w.id] : [w.needs])));
  // Registry order, so `pdf` alone and `both` render the same DOCX the same way.
  const rendered = registry.filter((w): w is DocumentWriter => w.stage === 'worker' && renderedIds.has(w.id));
  return { asked: planWriters, rendered };
}

/** The extensions a `--to` choice writes, in order (for clash checks, the cache and the manifest). */
export function outputExtensions(to: string): string[] {
  return outputsFor(to)?.asked.map((w) => w.ext) ?? [];
}

/** A document writer by id; a worker asked for one it does not know is a bug, so this throws. */
export function documentWriter(id: string): DocumentWriter {
  const w = registry.find((x) => x.id === id);
  if (!w || w.stage !== 'worker') throw new Error(`no document writer ${id}`);
  return w;
}

export function batchWriter(id: string): BatchWriter {
  const w = registry.find((x) => x.id === id);
  if (!w || w.stage !== 'batch') throw new Error(`no batch writer ${id}`);
  return w;
}

export function compareWriter(id: string): CompareWriter {
  const w = registry.find((x) => x.id === id);
  if (!w || w.stage !== 'compare') throw new Error(`no compare writer ${id}`);
  return w;
}

function isPlanWriter(w: Writer): w is PlanWriter {
  return w.stage === 'worker' || w.stage === 'batch';
}

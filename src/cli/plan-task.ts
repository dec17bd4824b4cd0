import { checkBytes, checkFile, renderPlan, type CheckOptions, type RenderedOutput } from '../pipeline.js';
import { documentWriter } from '../render/writers.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { recordReads, sha256 } from '../io/reads.js';

/** The work on one plan that may use a lot of memory: everything but writing and PDF. */
export interface PlanTask {
  readonly kind: 'check' | 'build';
  readonly abs: string;
  readonly shown: string;
  readonly template?: string;
  /** `--allow-read` folders, absolute. */
  readonly allowRead?: readonly string[];
  /**
   * The plan's settings from its config files and `-M` (defaultTemplate, rule levels, metadata,
   * allowRead with the command line's folders); Maps and plain values, so it clones to a worker.
   */
  readonly check?: CheckOptions;
  /** The plan's bytes when it was read from standard input (`-`). */
  readonly bytes?: Uint8Array;
  readonly sourceDateEpoch?: string;
  /** build: list every file the build reads, with its sha256, for the build cache. */
  readonly recordReads?: boolean;
  /** build: the document writers to run (src/render/writers.ts), in order; default DOCX alone. */
  readonly writers?: readonly string[];
}

/** A plan's task ended without outputs: a check, or a build its errors stopped. */
export interface PlanChecked {
  readonly rendered: false;
  readonly diagnostics: readonly Diagnostic[];
  /** Info notes on where each data section was placed (reported with --verbose). */
  readonly notes: readonly Diagnostic[];
  /** With `recordReads`: [real path, sha256] of every file read (pairs, so it clones to the parent). */
  readonly reads?: readonly (readonly [string, string])[];
}

/** A build's outputs, one per writer in the task's `writers`, in that order. */
export interface PlanRendered extends Omit<PlanChecked, 'rendered'> {
  readonly rendered: true;
  /** The template the plan was expanded through, for the manifest. */
  readonly template: string;
  readonly outputs: readonly RenderedOutput[];
  /** The sha256 of each output's bytes, in the same order: hashed where they were made, off the thread that writes them. */
  readonly sha256: readonly string[];
}

/** What a worker sends back: plain data (a Date, Uint8Arrays), so it clones to the parent. */
export type PlanResult = PlanChecked | PlanRendered;

/** Run one task in this thread. */
export async function runPlanTask(task: PlanTask): Promise<PlanResult> {
  if (!task.recordReads) return runUnrecorded(task);
  const { result, reads } = await recordReads(() => runUnrecorded(task));
  return { ...result, reads: [...reads] };
}

async function runUnrecorded(task: PlanTask): Promise<PlanResult> {
  const options: CheckOptions = {
    ...task.check,
    ...(task.template ? { template: task.template } : {}),
    ...(task.allowRead ? { allowRead: task.allowRead } : {}),
  };
  const checked = task.bytes ? await checkBytes(task.bytes, task.abs, task.shown, options) : await checkFile(task.abs, task.shown, options);
  const notes = checked.expansion?.notes ?? [];
  if (task.kind === 'check') return { rendered: false, diagnostics: checked.diagnostics, notes };
  const writers = (task.writers ?? ['docx']).map(documentWriter);
  const built = await renderPlan(checked, writers, { ...options, ...(task.sourceDateEpoch ? { sourceDateEpoch: task.sourceDateEpoch } : {}) });
  if (!built.ok) return { rendered: false, diagnostics: built.diagnostics, notes };
  return { rendered: true, diagnostics: built.diagnostics, notes: built.document.notes, template: built.document.templateRef, outputs: built.outputs, sha256: built.outputs.map((o) => sha256(o.bytes)) };
}

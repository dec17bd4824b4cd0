import { buildDocx, buildTimestamp, checkBytes, checkFile, type CheckedPlan, type CheckOptions } from '../pipeline.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { recordReads } from '../io/reads.js';

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
}

export interface PlanResult {
  readonly diagnostics: readonly Diagnostic[];
  /** Info notes on where each data section was placed (reported with --verbose). */
  readonly notes?: readonly Diagnostic[];
  /** build: the template the plan was expanded through, for the manifest. */
  readonly template?: string;
  /** build: the build's clock reading (ms since 1970), stamped into the PDF too. */
  readonly created?: number;
  readonly docx?: Uint8Array;
  readonly text?: string;
  /** With `recordReads`: [real path, sha256] of every file read (pairs, so it clones to the parent). */
  readonly reads?: readonly (readonly [string, string])[];
}

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
  if (task.kind === 'check') return { diagnostics: checked.diagnostics, notes };
  const built = await buildDocx(checked, { ...options, ...(task.sourceDateEpoch ? { sourceDateEpoch: task.sourceDateEpoch } : {}) });
  return {
    diagnostics: built.diagnostics,
    notes,
    template: templateOf(checked, task.template ?? task.check?.defaultTemplate),
    ...(checked.plan ? { created: buildTimestamp(checked.plan, task.sourceDateEpoch).getTime() } : {}),
    ...(built.docx ? { docx: built.docx } : {}),
    ...(built.text !== undefined ? { text: built.text } : {}),
  };
}

function templateOf(checked: CheckedPlan, template: string | undefined): string {
  return checked.expansion?.templateRef ?? template ?? checked.plan?.template ?? '';
}

import { buildDocx, checkFile } from '../pipeline.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** The work on one plan that may use a lot of memory: everything but writing and PDF. */
export interface PlanTask {
  readonly kind: 'check' | 'build';
  readonly abs: string;
  readonly shown: string;
  readonly template?: string;
  /** build: make the DOCX despite warnings. */
  readonly force?: boolean;
  readonly sourceDateEpoch?: string;
}

export interface PlanResult {
  readonly diagnostics: readonly Diagnostic[];
  /** build: the plan had warnings only and no --force, so nothing was built. */
  readonly blockedByWarnings?: boolean;
  readonly docx?: Uint8Array;
  readonly text?: string;
}

/** Run one task in this thread. */
export async function runPlanTask(task: PlanTask): Promise<PlanResult> {
  const template = task.template ? { template: task.template } : {};
  const checked = await checkFile(task.abs, task.shown, template);
  if (task.kind === 'check') return { diagnostics: checked.diagnostics };
  const warningsOnly = checked.diagnostics.length > 0 && checked.diagnostics.every((d) => d.severity === 'warning');
  if (warningsOnly && !task.force) return { diagnostics: checked.diagnostics, blockedByWarnings: true };
  const built = await buildDocx(checked, { ...template, ...(task.sourceDateEpoch ? { sourceDateEpoch: task.sourceDateEpoch } : {}) });
  return { diagnostics: built.diagnostics, ...(built.docx ? { docx: built.docx } : {}), ...(built.text !== undefined ? { text: built.text } : {}) };
}

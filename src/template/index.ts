import type { Root } from 'mdast';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Layout } from '../model/document.js';
import type { Plan } from '../model/plan.js';
import type { ParsedPlan } from '../parse/parse-plan.js';

/** A template ready to expand: its skeleton, partials and layout. (STUB: to be built.) */
export interface LoadedTemplate {
  readonly name: string;
  readonly description: string;
  readonly layout: Layout;
}

export async function loadTemplate(
  ref: string,
  planDir: string,
  planFile: string,
): Promise<{ template?: LoadedTemplate; diagnostics: Diagnostic[] }> {
  void ref;
  void planDir;
  void planFile;
  throw new Error('loadTemplate: not built yet');
}

export async function expandDocument(input: {
  parsed: ParsedPlan;
  plan: Plan;
  data: unknown;
  template: LoadedTemplate;
  planDir: string;
}): Promise<{ tree: Root; diagnostics: Diagnostic[] }> {
  void input;
  throw new Error('expandDocument: not built yet');
}

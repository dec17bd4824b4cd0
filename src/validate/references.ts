import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { inspectPath, problemDiagnostic, type Access } from '../io/contain.js';
import type { ParsedPlan } from '../parse/parse-plan.js';
import { locate } from '../parse/yaml-path.js';
import { positionAt } from '../read/source.js';
import { isAllowedAttachmentPath } from './rules/attachment-files.js';

/**
 * The attachment files a plan names, vetted where they lie before anything reads them:
 * inside the project, not in `.git`, regular files within the size cap. Reported at the
 * `file:` value. Paths of the wrong form are attachment-path's, absent files
 * attachment-missing's (both rules), so neither is repeated here.
 */
export function checkAttachmentReferences(parsed: ParsedPlan, data: Readonly<Record<string, unknown>>, planDir: string, access: Access): Diagnostic[] {
  const list = data['attachments'];
  const y = parsed.yaml;
  if (!Array.isArray(list) || !y) return [];
  const found: Diagnostic[] = [];
  list.forEach((item: unknown, i) => {
    const file = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)['file'] : undefined;
    if (typeof file !== 'string' || file.trim() === '' || !isAllowedAttachmentPath(file)) return;
    const v = inspectPath(path.resolve(planDir, file), 'attachment', access);
    if (v.ok || v.problem === 'missing') return;
    const loc = locate(y.doc.contents, ['attachments', i, 'file']);
    const at = positionAt(parsed.source, y.offset + ((loc.node ?? loc.key)?.range?.[0] ?? 0));
    found.push(problemDiagnostic(v, 'attachment', { file: parsed.source.path, ...at }, file, 'attachment-missing'));
  });
  return found;
}

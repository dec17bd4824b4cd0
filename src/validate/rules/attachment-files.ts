import * as path from 'node:path';
import type { FrontScalar } from '../front-matter.js';
import type { RuleInput } from '../rule.js';

/** The non-empty `attachments[].file` values, with their scalars. */
export function attachmentFiles(input: RuleInput): Array<FrontScalar & { readonly value: string }> {
  const list = input.data?.['attachments'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((_a, i) => {
    const at = input.scalarAt(['attachments', i, 'file']);
    return at && typeof at.value === 'string' && at.value.trim() !== '' ? [at as FrontScalar & { readonly value: string }] : [];
  });
}

/** A Markdown file named relative to the plan: the only kind an attachment may be. */
export function isAllowedAttachmentPath(p: string): boolean {
  return !path.isAbsolute(p) && !path.win32.isAbsolute(p) && /\.(md|markdown)$/i.test(p);
}

/** An attachment's path as shown to the user: beside the plan's shown path, with forward slashes. */
export function attachmentShownPath(planShown: string, file: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(planShown.split(path.sep).join('/')), file.split(path.sep).join('/')));
}

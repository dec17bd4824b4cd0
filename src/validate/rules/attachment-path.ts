import * as path from 'node:path';
import type { Rule } from '../rule.js';

/**
 * `attachments[].file` is built into the document, which CI may publish: it must be a
 * Markdown file named relative to the plan, never an absolute path such as /etc/passwd
 * or a system file that would leak the build machine's contents into an official document.
 */
export const attachmentPath: Rule = {
  ids: ['attachment-path'],
  check(input, report) {
    const list = input.data?.['attachments'];
    if (!Array.isArray(list)) return;
    list.forEach((_a, i) => {
      const at = input.scalarAt(['attachments', i, 'file']);
      if (!at || typeof at.value !== 'string' || at.value.trim() === '') return;
      const p = at.value;
      if (path.isAbsolute(p) || path.win32.isAbsolute(p) || !/\.(md|markdown)$/i.test(p)) report.at(at.start, at.end, 'attachment-path', { path: p });
    });
  },
};

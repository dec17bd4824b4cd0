import type { Rule } from '../rule.js';
import { attachmentFiles, isAllowedAttachmentPath } from './attachment-files.js';

/**
 * `attachments[].file` is built into the document, which CI may publish: it must be a
 * Markdown file named relative to the plan, never an absolute path such as /etc/passwd
 * or a system file that would leak the build machine's contents into an official document.
 */
export const attachmentPath: Rule = {
  ids: ['attachment-path'],
  check(input, report) {
    for (const at of attachmentFiles(input)) {
      if (!isAllowedAttachmentPath(at.value)) report.at(at.start, at.end, 'attachment-path', { path: at.value });
    }
  },
};

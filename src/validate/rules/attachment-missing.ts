import * as path from 'node:path';
import type { Rule } from '../rule.js';
import { attachmentFiles, isAllowedAttachmentPath } from './attachment-files.js';

/** `attachments[].file` must name a file next to the plan (relative to its folder). */
export const attachmentMissing: Rule = {
  ids: ['attachment-missing'],
  check(input, report) {
    for (const at of attachmentFiles(input)) {
      // A path of the wrong kind is attachment-path's to report.
      if (!isAllowedAttachmentPath(at.value)) continue;
      if (!input.ctx.fileExists(path.resolve(input.ctx.planDir, at.value))) report.at(at.start, at.end, 'attachment-missing', { path: at.value });
    }
  },
};

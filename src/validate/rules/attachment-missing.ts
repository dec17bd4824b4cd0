import * as path from 'node:path';
import type { Rule } from '../rule.js';

/** `attachments[].file` must name a file next to the plan (relative to its folder). */
export const attachmentMissing: Rule = {
  ids: ['attachment-missing'],
  check(input, report) {
    const list = input.data?.['attachments'];
    if (!Array.isArray(list)) return;
    list.forEach((_a, i) => {
      const at = input.scalarAt(['attachments', i, 'file']);
      if (!at || typeof at.value !== 'string' || at.value.trim() === '') return;
      // A path of the wrong kind is attachment-path's to report.
      if (path.isAbsolute(at.value) || !/\.(md|markdown)$/i.test(at.value)) return;
      if (!input.ctx.fileExists(path.resolve(input.ctx.planDir, at.value))) report.at(at.start, at.end, 'attachment-missing', { path: at.value });
    });
  },
};

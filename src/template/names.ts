/**
 * Partial names with a fixed meaning. Document blocks are placed by skeletons only and
 * become the custom nodes of src/model/document.ts; data sections render the plan's
 * front-matter data (from partial files, except `attachments`, which is the 附件说明 block).
 */
export const blockPartials = [
  'red-header',
  'title',
  'recipients',
  'body',
  'attachment-note',
  'signature',
  'attachment-pages',
  'plan-page',
  'colophon',
  'page-break',
] as const;
export type BlockPartial = (typeof blockPartials)[number];

/** Data sections implemented in code rather than by a partial file. */
export const codeSections = ['attachments'] as const;

/** Whether `name` is a document block a skeleton places. */
export function isBlockPartial(name: string): name is BlockPartial {
  return (blockPartials as readonly string[]).includes(name);
}

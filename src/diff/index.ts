import type { DocumentModel } from '../model/document.js';
import type { RevisionStamp } from '../render/docx/revisions.js';
import { formatTerm, type Lang } from '../diagnostics/catalogue.js';
import { alignParagraphs, type SeenParagraph, type Step, type TextPart } from './align.js';

/**
 * plangen diff: two versions of a plan, each through the whole pipeline to the document the
 * writer takes, compared by what a reader sees (paragraphs, then characters) and written as
 * the new version with the differences as Word revisions.
 */

/** One difference, for the summary. */
export type Change =
  | { readonly op: 'change'; readonly section: string; readonly parts: readonly TextPart[] }
  | { readonly op: 'insert'; readonly section: string; readonly text: string }
  | { readonly op: 'delete'; readonly section: string; readonly text: string };

export interface DiffedDocument {
  readonly docx: Uint8Array;
  readonly changes: readonly Change[];
}

export async function diffModels(before: DocumentModel, after: DocumentModel, stamp: RevisionStamp): Promise<DiffedDocument> {
  const { recordParagraphs, renderDocx } = await import('../render/docx/index.js');
  const { RevisionWriter } = await import('../render/docx/revisions.js');
  const old = recordParagraphs(before);
  const now = recordParagraphs(after);
  const steps = alignParagraphs(old, now);
  const rendered = await renderDocx(after, new RevisionWriter(old, steps, stamp));
  return { docx: rendered.docx, changes: summarise(steps, old, now) };
}

/** The steps that change something, each with the section it is in (in the new version where it is there). */
export function summarise(steps: readonly Step[], old: readonly SeenParagraph[], now: readonly SeenParagraph[]): Change[] {
  const out: Change[] = [];
  let section = '';
  for (const s of steps) {
    if (s.op !== 'delete') section = now[s.new]?.section ?? section;
    // A paragraph with nothing to read (a blank line) is layout, not content.
    if (s.op === 'change') out.push({ op: 'change', section, parts: s.parts });
    else if (s.op === 'insert' && now[s.new]?.text.trim()) out.push({ op: 'insert', section, text: printed(now[s.new]!) });
    else if (s.op === 'delete' && old[s.old]?.text.trim()) out.push({ op: 'delete', section: section || (old[s.old]?.section ?? ''), text: printed(old[s.old]!) });
  }
  return out;
}

const printed = (p: SeenParagraph) => p.printed ?? p.text;

/** Characters of context either side of a change in the summary. */
const CONTEXT = 12;

/** Old and new text of a changed paragraph, cut to the changes and a little context. */
export function excerpts(parts: readonly TextPart[]): { before: string; after: string } {
  const first = parts.findIndex((p) => p.op !== 'same');
  const last = parts.length - 1 - [...parts].reverse().findIndex((p) => p.op !== 'same');
  const lead = parts[first - 1]?.op === 'same' ? parts[first - 1]!.text : '';
  const tail = parts[last + 1]?.op === 'same' ? parts[last + 1]!.text : '';
  const head = [...lead].length > CONTEXT ? '…' + [...lead].slice(-CONTEXT).join('') : lead;
  const end = [...tail].length > CONTEXT ? [...tail].slice(0, CONTEXT).join('') + '…' : tail;
  const middle = parts.slice(first, last + 1);
  const side = (op: 'delete' | 'insert') => head + middle.filter((p) => p.op === 'same' || p.op === op).map((p) => p.text).join('') + end;
  return { before: side('delete'), after: side('insert') };
}

export interface SummaryNames {
  readonly old: string;
  readonly new: string;
}

function counts(changes: readonly Change[]) {
  return {
    changed: changes.filter((c) => c.op === 'change').length,
    added: changes.filter((c) => c.op === 'insert').length,
    deleted: changes.filter((c) => c.op === 'delete').length,
  };
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');

/** The summary for a terminal: section by section, old → new. */
export function textSummary(changes: readonly Change[], names: SummaryNames, lang: Lang): string {
  const lines = [formatTerm('diff-head', { ...names, ...counts(changes) }, lang)];
  if (changes.length === 0) lines.push(formatTerm('diff-none', {}, lang));
  let section: string | undefined;
  for (const c of changes) {
    if (c.section !== section) {
      section = c.section;
      lines.push('', oneLine(section || formatTerm('diff-front', {}, lang)));
    }
    if (c.op === 'change') {
      const { before, after } = excerpts(c.parts);
      lines.push(`  ${formatTerm('diff-changed', {}, lang)}  ${oneLine(before)}`, `    → ${oneLine(after)}`);
    } else {
      lines.push(`  ${formatTerm(c.op === 'insert' ? 'diff-added' : 'diff-deleted', {}, lang)}  ${oneLine(c.text)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The summary as Markdown, for a GitHub job summary or a pull-request comment. */
export function markdownSummary(changes: readonly Change[], names: SummaryNames, lang: Lang): string {
  const md = (text: string) => oneLine(text).replace(/([\\`*_~[\]<>|#])/g, '\\$1');
  const lines = [`### ${md(formatTerm('diff-head', { ...names, ...counts(changes) }, lang))}`];
  if (changes.length === 0) lines.push('', md(formatTerm('diff-none', {}, lang)));
  let section: string | undefined;
  for (const c of changes) {
    if (c.section !== section) {
      section = c.section;
      lines.push('', `**${md(section || formatTerm('diff-front', {}, lang))}**`, '');
    }
    if (c.op === 'change') {
      const inline = c.parts.map((p) => (p.op === 'same' ? md(p.text) : p.op === 'delete' ? `~~${md(p.text)}~~` : `**${md(p.text)}**`)).join('');
      lines.push(`- ${formatTerm('diff-changed', {}, lang)}：${inline}`);
    } else if (c.op === 'insert') {
      lines.push(`- ${formatTerm('diff-added', {}, lang)}：**${md(c.text)}**`);
    } else {
      lines.push(`- ${formatTerm('diff-deleted', {}, lang)}：~~${md(c.text)}~~`);
    }
  }
  return lines.join('\n') + '\n';
}

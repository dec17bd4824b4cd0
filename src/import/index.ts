/**
 * `plangen import`'s stages: bytes → Markdown text (DOCX through mammoth; text as it is)
 * → mdast with the pasted-text structure → blocks → recognised data and body → plan text.
 * Pure apart from reading the DOCX; the command (src/cli/import.ts) writes and checks.
 */
import type { RootContent } from 'mdast';
import { parseWritten } from '../parse/parse-plan.js';
import { makeSource } from '../read/source.js';
import { diagnostic } from '../diagnostics/report.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { toBlocks } from './blocks.js';
import { recognise, type Recognised } from './recognise.js';
import { markdownBody, planText } from './write-plan.js';

export type SourceKind = 'docx' | 'text';

export interface ImportedPlan {
  /** The plan: front matter and body. */
  readonly text: string;
  /** Attachment pages as Markdown files, named as the plan's `attachments[].file` says. */
  readonly attachmentFiles: ReadonlyArray<{ readonly name: string; readonly text: string }>;
  /** What was taken and what was left, as messages about the source file. */
  readonly report: readonly Diagnostic[];
  readonly recognised: Recognised;
}

/** Text a clerk can read back in Markdown: the DOCX as mammoth and rehype-remark see it. */
export async function sourceMarkdown(bytes: Uint8Array, kind: SourceKind, text?: string): Promise<{ markdown: string; images: number }> {
  if (kind === 'text') return { markdown: text ?? '', images: 0 };
  const { docxToMarkdown } = await import('./docx-to-markdown.js');
  return docxToMarkdown(bytes);
}

/**
 * `attachmentName(n)` names the file for the n-th attachment page (from 1), or undefined
 * when pages cannot be written (the plan goes to standard output).
 */
export function importMarkdown(markdown: string, shown: string, kind: SourceKind, images: number, attachmentName: (n: number) => string | undefined): ImportedPlan {
  // The front matter of a Markdown file imported again is not body text.
  const body = kind === 'text' ? markdown.replace(/^---\n[\s\S]*?\n---[ \t]*\n/, '') : markdown;
  const split = kind === 'text' ? linePerParagraph(body) : { text: body, origin: [] };
  // Lines as the clerk's file numbers them: the front matter taken off, the blank lines put in taken out.
  const skipped = markdown.slice(0, markdown.length - body.length).split('\n').length - 1;
  const { root } = parseWritten(makeSource(shown, split.text));
  const recognised = recognise(toBlocks(root, kind === 'docx', (line) => (split.origin[line - 1] ?? line) + skipped));
  const data = { ...recognised.data };
  const attachmentFiles: Array<{ name: string; text: string }> = [];
  const notWritten: RootContent[][] = [];
  if (Array.isArray(data['attachments'])) {
    data['attachments'] = (data['attachments'] as Array<string | { title: string; page: number }>).map((a) => {
      if (typeof a === 'string') return a;
      const page = recognised.attachmentPages[a.page];
      const name = attachmentName(a.page + 1);
      if (!page || !name) {
        if (page) notWritten.push([...page.body]);
        return a.title;
      }
      attachmentFiles.push({ name, text: markdownBody(page.body) });
      return { title: a.title, file: name };
    });
  }
  const report: Diagnostic[] = [];
  for (const e of recognised.extracted) report.push(diagnostic(shown, e.line, e.column, 'import-field', { field: e.field, value: e.value }));
  for (const p of recognised.placeholders) report.push(diagnostic(shown, p.line, p.column, 'import-placeholder', { text: p.text }));
  for (const p of recognised.noYear) report.push(diagnostic(shown, p.line, p.column, 'import-no-year', { text: p.value }));
  if (images > 0) report.push(diagnostic(shown, 1, 1, 'import-images', { count: images }));
  if (notWritten.length > 0) report.push(diagnostic(shown, 1, 1, 'import-attachments-not-written', { count: notWritten.length }));
  report.push(diagnostic(shown, 1, 1, 'import-kept-text', { count: recognised.leftAsText }));
  return { text: planText(data, recognised.body), attachmentFiles, report, recognised };
}

/**
 * Text from Word or a web page has one paragraph a line and no blank lines, and its first
 * lines (title, recipients) and last (signature, date, 抄送) are not indented: each line is
 * its own paragraph. Lines of a tab table stay together, and text that already separates
 * paragraphs with blank lines (Markdown) is left as it is.
 */
export function linePerParagraph(text: string): { text: string; origin: number[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // Only blank lines between paragraphs say how the text separates them: the empty lines a
  // file ends with (its last newline, a few Enters after the date) or starts with do not.
  const isBlank = (l: string) => l.trim() === '';
  const first = lines.findIndex((l) => !isBlank(l));
  const last = lines.findLastIndex((l) => !isBlank(l));
  const inner = first < 0 ? [] : lines.slice(first, last + 1);
  const blank = inner.filter(isBlank).length;
  const filled = inner.length - blank;
  if (blank * 3 >= filled) return { text, origin: lines.map((_l, i) => i + 1) };
  const tabbed = (l: string | undefined) => l !== undefined && /\S(\t| {2,}|\u3000{2,})\S/.test(l.trim());
  const out: string[] = [];
  const origin: number[] = [];
  lines.forEach((l, i) => {
    if (i > 0 && !(tabbed(l) && tabbed(lines[i - 1])) && l.trim() !== '') {
      out.push('');
      origin.push(i + 1);
    }
    out.push(l);
    origin.push(i + 1);
  });
  return { text: out.join('\n'), origin };
}

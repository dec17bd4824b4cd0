import type { ParagraphChild } from 'docx';
import type { RunStyle } from './inline.js';

/**
 * What a run was made from. docx's runs cannot be read back once built, so the writer
 * notes each run's text and style here; a revision (plangen diff) uses them to split a run
 * where a change starts and rebuild its pieces as inserted or deleted text.
 */
export type RunSource =
  | {
      readonly kind: 'text';
      /** As written into the run, word joiners (U+2060) included. */
      readonly text: string;
      readonly style: RunStyle;
      readonly breakBefore: boolean;
      readonly language?: { readonly eastAsia: string };
      /** A heading or list number the writer generates, not text the author wrote. */
      readonly generated?: boolean;
    }
  | { readonly kind: 'break' };

const sources = new WeakMap<object, RunSource>();

export function noteRun(run: ParagraphChild, source: RunSource): void {
  sources.set(run, source);
}

/** The source of a run, or undefined for what has no text (an image). */
export function runSource(run: ParagraphChild): RunSource | undefined {
  return sources.get(run);
}

/** The text a reader sees in a run: word joiners are invisible, a line break reads as one. */
export function visibleText(source: RunSource): string {
  return source.kind === 'break' ? '\n' : source.text.replaceAll('\u2060', '');
}

/**
 * The part of a run's written text that shows as visible characters [from, to): word
 * joiners go with the character before them, so a name split by an edit keeps its joins.
 */
export function sliceVisible(raw: string, from: number, to: number): string {
  let out = '';
  let seen = 0;
  for (const ch of raw) {
    if (ch === '\u2060') {
      if (seen > from && seen <= to) out += ch;
      continue;
    }
    if (seen >= from && seen < to) out += ch;
    seen += ch.length;
  }
  return out;
}

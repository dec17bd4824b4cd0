import type { Rule } from '../rule.js';

const OPEN_TO_CLOSE: Readonly<Record<string, string>> = { '“': '”', '‘': '’', '《': '》', '（': '）', '〔': '〕', '【': '】' };
const CLOSE_TO_OPEN: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(OPEN_TO_CLOSE).map(([o, c]) => [c, o]));

/** One unmatched mark: where it is in the text, and the pair it belongs to. */
export interface Unmatched {
  readonly index: number;
  readonly open: string;
  readonly close: string;
}

/**
 * Match Chinese quotes and brackets in one block of text. A closing mark with no opener,
 * and every opener left unclosed, is unmatched. A closer that matches an opener further
 * down the stack closes it and marks the openers above it as unclosed, so one stray mark
 * gives one message, not a cascade.
 */
const ANY_MARK = /[“”‘’《》（）〔〕【】]/;
const MARKS = /[“”‘’《》（）〔〕【】]/g;

export function findUnmatched(text: string): Unmatched[] {
  // Most blocks hold no such mark at all; skipping them keeps this rule off the profile.
  if (!ANY_MARK.test(text)) return [];
  const stack: Array<{ index: number; ch: string }> = [];
  const out: Unmatched[] = [];
  // Visit only the marks themselves: prose between them is most of the text.
  for (const m of text.matchAll(MARKS)) {
    const i = m.index;
    const ch = m[0];
    if (OPEN_TO_CLOSE[ch]) {
      stack.push({ index: i, ch });
      continue;
    }
    const open = CLOSE_TO_OPEN[ch];
    if (!open) continue;
    // ’ between Latin letters is an apostrophe (it’s), not a closing quote.
    if (ch === '’' && /[A-Za-z]/.test(text[i - 1] ?? '') && /[A-Za-z]/.test(text[i + 1] ?? '')) continue;
    const at = stack.map((s) => s.ch).lastIndexOf(open);
    if (at < 0) {
      out.push({ index: i, open, close: ch });
      continue;
    }
    // stack[at] is the opener this mark closes; anything opened after it was never closed.
    for (const s of stack.splice(at).slice(1)) out.push({ index: s.index, open: s.ch, close: OPEN_TO_CLOSE[s.ch] ?? '' });
  }
  for (const s of stack) out.push({ index: s.index, open: s.ch, close: OPEN_TO_CLOSE[s.ch] ?? '' });
  return out.sort((a, b) => a.index - b.index);
}

export const unbalancedPairs: Rule = {
  ids: ['unbalanced-pairs'],
  check(input, report) {
    for (const span of [...input.frontSpans, ...input.bodySpans]) {
      for (const u of findUnmatched(span.text)) {
        const mark = span.text[u.index] ?? u.open;
        const at = span.offsetOf(u.index, mark);
        report.at(at, at + 1, 'unbalanced-pairs', { open: u.open, close: u.close });
      }
    }
  },
};

/**
 * Did LibreOffice draw every character? LibreOffice 7.4 can silently leave out marks
 * (hanging punctuation in justified lines, see /docs/pdf.md), so the PDF's text is compared
 * with the document's: CJK ideographs, full-width punctuation and digits, which are what a
 * reader would miss. Latin letters and spaces are left out: PDF text extraction splits and
 * joins them in ways that say nothing about the page.
 */

const punctuation = new Set('，。、；：？！“”‘’（）《》〈〉〔〕【】「」『』—…·～'.split(''));

/** Whether a character is one we count. */
export function isCounted(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f) ||
    (cp >= 0x30 && cp <= 0x39) ||
    (cp >= 0xff10 && cp <= 0xff19) ||
    punctuation.has(ch)
  );
}

/**
 * Some fonts map ideographs to the look-alike Kangxi radicals (U+2F00…) in a PDF's text
 * layer; fold those back so a correct page is not reported as losing characters.
 */
function fold(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if ((cp >= 0x2f00 && cp <= 0x2fdf) || (cp >= 0x2e80 && cp <= 0x2eff)) return ch.normalize('NFKC');
  return ch;
}

/** The counted characters of a text, in order. */
export function countedSequence(text: string): string[] {
  const out: string[] = [];
  for (const raw of text) {
    const ch = fold(raw);
    if (isCounted(ch)) out.push(ch);
  }
  return out;
}

/**
 * Split `pdftotext` output into pages (it ends each page with a form feed) and take the
 * page number (`— N —` in the footer) out of each, since the document's text has none.
 */
export function pdfPages(extracted: string): string[] {
  const pages = extracted.split('\f');
  if (pages.length > 1 && pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages.map((text, i) => removePageNumber(text, i + 1));
}

/**
 * Pages as pdf-text.ts reads them, each page number taken out as pdfPages does; undefined
 * when a page does not hold exactly one `— N —`. pdftotext gives the footer, the lowest line
 * of the page, last, so the match pdfPages takes out is the footer's; here characters come in
 * drawing order, and only a single match is the footer's for certain (pdftotext then decides).
 */
export function pagesReadHere(pages: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const [i, text] of pages.entries()) {
    const matches = pageNumberMatches(text, i + 1);
    if (matches.length !== 1) return undefined;
    out.push(cut(text, matches[0]!));
  }
  return out;
}

function removePageNumber(text: string, page: number): string {
  // Normally one line of its own; the last match is the footer, not a dash in the body.
  const last = pageNumberMatches(text, page).at(-1);
  return last ? cut(text, last) : text;
}

function pageNumberMatches(text: string, page: number): RegExpExecArray[] {
  return [...text.matchAll(new RegExp(`[—–-]\\s*${page}\\s*[—–-]`, 'g'))];
}

function cut(text: string, m: RegExpExecArray): string {
  return text.slice(0, m.index) + text.slice(m.index + m[0].length);
}

export interface TextLoss {
  /** 1-based page where the PDF first lacks a character of the document. */
  readonly page: number;
  /** Characters missing from the PDF, with how many of each, in the document's order. */
  readonly missing: ReadonlyMap<string, number>;
}

/**
 * Compare the document's text with the PDF's pages. Only missing characters count: a PDF
 * may hold more than the document (a table's header row repeated on each page it spans).
 * Returns undefined when every counted character of the document was drawn.
 *
 * To name the page, the document's characters are matched page by page, each page's
 * characters taken as a multiset (table cells and frames may come out of the PDF in another
 * order within a page). When the next character is not on the current page, either the page
 * ended or the character was lost: it was lost if the text after it is still on this page.
 */
export function findTextLoss(documentText: string, pages: readonly string[]): TextLoss | undefined {
  const expected = countedSequence(documentText);
  const pageTallies = pages.map((p) => tally(countedSequence(p)));
  const total = tally(expected);
  for (const t of pageTallies) for (const [ch, n] of t) total.set(ch, (total.get(ch) ?? 0) - n);
  const missing = new Map([...total].filter(([, n]) => n > 0));
  if (missing.size === 0) return undefined;

  let lostOn: number | undefined;
  let o = 0;
  for (const [p, budget] of pageTallies.entries()) {
    while (o < expected.length) {
      const ch = expected[o]!;
      if ((budget.get(ch) ?? 0) > 0) {
        budget.set(ch, budget.get(ch)! - 1);
        o++;
        continue;
      }
      const isLastPage = p === pageTallies.length - 1;
      if (!isLastPage && !available(expected.slice(o + 1, o + 1 + lookahead), budget)) break;
      lostOn ??= p + 1;
      o++;
    }
  }
  return { page: lostOn ?? Math.max(pages.length, 1), missing };
}

/**
 * Whether the text right after a stuck character is still on this page: its first
 * `lookahead` characters, as far as the page has them in a row. Two in a row rule out a
 * chance match with a stray repeated header character.
 */
const lookahead = 2;

function available(seq: readonly string[], budget: ReadonlyMap<string, number>): boolean {
  if (seq.length === 0) return false;
  const left = new Map(budget);
  for (const ch of seq) {
    const n = left.get(ch) ?? 0;
    if (n === 0) return false;
    left.set(ch, n - 1);
  }
  return true;
}

function tally(seq: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const ch of seq) m.set(ch, (m.get(ch) ?? 0) + 1);
  return m;
}

/** `“，”×3 “。”×1`: a short, language-neutral account for the message's {detail}. */
export function describeMissing(missing: ReadonlyMap<string, number>, limit = 8): string {
  // Most-missed first; ties keep the document's order (the map was filled in reading order).
  const entries = [...missing].sort((a, b) => b[1] - a[1]);
  const shown = entries.slice(0, limit).map(([c, n]) => `“${c}”×${n}`);
  return [...shown, ...(entries.length > limit ? ['…'] : [])].join(' ');
}

/**
 * The classic cross-reference table (PDF 1.7, §7.5.4) that LibreOffice 7.4 always writes,
 * read once for everything here that looks things up by object number (pdf-facts.ts,
 * font-ids.ts, pdf-text.ts). A file with a cross-reference stream or object streams has
 * no such table; callers then leave the file alone or hand it to poppler.
 */

/** The `startxref` number at the end of the file and where its digits stand. */
export interface StartXref {
  /** The byte offset the number gives. */
  readonly offset: number;
  /** Where the number's digits start and end in the file (font-ids.ts writes a new one there). */
  readonly digitsAt: number;
  readonly digitsEnd: number;
}

/**
 * The `startxref` number, read from the file's last kilobyte only: a search over the whole
 * file (as each reader did before) costs a scan of every `s` in 200 KB for the same answer.
 */
export function findStartXref(text: string): StartXref | undefined {
  const from = Math.max(0, text.length - 1024);
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(from));
  if (!m) return undefined;
  const digitsAt = from + m.index + m[0].indexOf(m[1]!, 'startxref'.length);
  return { offset: Number(m[1]), digitsAt, digitsEnd: digitsAt + m[1]!.length };
}

/**
 * The `startxref` of a file laid out as LibreOffice writes it: a PDF header, no object or
 * cross-reference streams anywhere, and `xref` where `startxref` points. Undefined for any
 * other layout, which the readers leave to poppler.
 */
export function classicXref(text: string): StartXref | undefined {
  if (!text.startsWith('%PDF-') || /\/ObjStm\b|\/XRefStm\b|\/Type\s*\/XRef\b/.test(text)) return undefined;
  const startxref = findStartXref(text);
  return startxref && text.slice(startxref.offset, startxref.offset + 4) === 'xref' ? startxref : undefined;
}

export interface XrefTable {
  readonly startxref: StartXref;
  /** Where `xref` starts (startxref.offset). */
  readonly at: number;
  /** Where `trailer` starts, or -1 when the table has none. */
  readonly trailerAt: number;
  /** Byte offset of each object in use, by number. */
  readonly offsets: ReadonlyMap<number, number>;
  /** Where each entry's ten offset digits are, for rewriting them. */
  readonly entries: readonly { readonly digitsAt: number; readonly offset: number }[];
}

/** The table `startxref` points at, from the file's text (latin1, so string positions are byte offsets); undefined without one. */
export function readXref(text: string, startxref = findStartXref(text)): XrefTable | undefined {
  if (!startxref) return undefined;
  const at = startxref.offset;
  if (text.slice(at, at + 4) !== 'xref') return undefined;
  const trailerAt = text.indexOf('trailer', at);
  const body = text.slice(at, trailerAt < 0 ? text.length : trailerAt);
  const offsets = new Map<number, number>();
  const entries: { digitsAt: number; offset: number }[] = [];
  // Subsections: `first count`, then count fixed-width entries `oooooooooo ggggg n|f`.
  const line = /(\d+) (\d+)[ \t]*\r?\n|(\d{10}) (\d{5}) ([nf])(?=\s)/g;
  let number = 0;
  for (let m = line.exec(body); m; m = line.exec(body)) {
    if (m[1] !== undefined) {
      number = Number(m[1]);
      continue;
    }
    if (m[5] === 'n') {
      offsets.set(number, Number(m[3]));
      entries.push({ digitsAt: at + m.index, offset: Number(m[3]) });
    }
    number++;
  }
  return { startxref, at, trailerAt, offsets, entries };
}

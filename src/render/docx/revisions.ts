import { DeletedTextRun, InsertedTextRun, Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { SeenParagraph, Step, TextPart } from '../../diff/align.js';
import { runOptions } from './inline.js';
import { GRID_LINE, FIRST_LINE_INDENT } from './paragraphs.js';
import { runSource, sliceVisible, visibleText, type RunSource } from './run-sources.js';

/** Who made a revision and when, as Word's w:author and w:date. */
export interface RevisionStamp {
  readonly author: string;
  /** ISO 8601, e.g. 2025-06-03T00:00:00Z */
  readonly date: string;
}

/** A revision's attributes: the stamp and an id unique in the document. */
type Changed = RevisionStamp & { readonly id: number };

/** What a paragraph hook decides for one paragraph. */
export interface HookedParagraph {
  readonly children: ParagraphChild[];
  /** The paragraph mark is inserted (a paragraph that is new in this version). */
  readonly inserted?: Changed;
  readonly index: number;
}

/**
 * Sees every paragraph the writer makes on the grid or in a table cell, in document order.
 * Rendering without a hook is the plain build; `plangen diff` renders each version once with
 * a {@link ParagraphRecorder}, then the new one again with a {@link RevisionWriter}.
 */
export interface ParagraphHook {
  /** The number the next paragraph will get. */
  readonly next: number;
  paragraph(children: ParagraphChild[], kind: SeenParagraph['kind'], heading: boolean): HookedParagraph;
  /** A table row starts (cells are grouped into rows). */
  startRow(): void;
  /** The row just made, when every cell of it is new: the row is an inserted row. */
  rowInserted(): Changed | undefined;
  /** Whole rows of the old version that are gone, due before paragraph `index`. */
  deletedRows(index: number): DeletedRow[];
}

/** One recorded paragraph: what it reads and what its runs were made of. */
export interface RecordedParagraph extends SeenParagraph {
  readonly sources: readonly RunSource[];
  /** It is a heading (its text names the section of what follows). */
  readonly heading: boolean;
  /** Which table row a cell belongs to (a number unique in the document). */
  readonly row?: number;
}

export interface DeletedRow {
  readonly cells: ReadonlyArray<readonly ParagraphChild[]>;
  readonly deleted: Changed;
  /** One per cell, for each cell's paragraph mark. */
  readonly marks: readonly Changed[];
}

/** Records what each paragraph reads; changes nothing. */
export class ParagraphRecorder implements ParagraphHook {
  readonly seen: RecordedParagraph[] = [];
  private section = '';
  private row = 0;

  get next(): number {
    return this.seen.length;
  }

  paragraph(children: ParagraphChild[], kind: SeenParagraph['kind'], heading: boolean): HookedParagraph {
    const sources = children.map(runSource).filter((s): s is RunSource => s !== undefined);
    const text = sources.filter((s) => !(s.kind === 'text' && s.generated)).map(visibleText).join('');
    const printed = sources.map(visibleText).join('');
    if (heading) this.section = printed;
    this.seen.push({ kind, text, printed, section: this.section, sources, heading, ...(kind === 'cell' ? { row: this.row } : {}) });
    return { children, index: this.seen.length - 1 };
  }

  startRow(): void {
    this.row++;
  }

  rowInserted(): undefined {
    return undefined;
  }

  deletedRows(): DeletedRow[] {
    return [];
  }
}

/**
 * Writes the new version with the differences from the old one as Word revisions: inserted
 * text in w:ins, deleted text in w:del (w:delText), new paragraphs and rows with their marks
 * inserted, paragraphs and rows that are gone put back as deleted ones. Ids count up from 1
 * in document order, so the same two versions give the same bytes.
 */
export class RevisionWriter implements ParagraphHook {
  private index = 0;
  private nextId = 1;
  private readonly byNew = new Map<number, Step>();
  /** Deleted old paragraphs, each with the new paragraph it goes before. */
  private pending: Array<{ readonly anchor: number; readonly old: number }> = [];
  private rowCells: Array<Step | undefined> = [];

  get next(): number {
    return this.index;
  }

  constructor(
    private readonly old: readonly RecordedParagraph[],
    steps: readonly Step[],
    private readonly stamp: RevisionStamp,
  ) {
    let anchor = 0;
    for (const s of steps) {
      if (s.op === 'delete') this.pending.push({ anchor, old: s.old });
      else {
        this.byNew.set(s.new, s);
        anchor = s.new + 1;
      }
    }
  }

  private changed(): Changed {
    return { ...this.stamp, id: this.nextId++ };
  }

  paragraph(children: ParagraphChild[], kind: SeenParagraph['kind']): HookedParagraph {
    const index = this.index++;
    const step = this.byNew.get(index);
    if (kind === 'cell') this.rowCells.push(step);
    if (!step || step.op === 'same' || step.op === 'delete') return { children, index };
    if (step.op === 'insert') {
      const inserted = this.changed();
      return { children: children.map((c) => insertedChild(c, () => this.changed())), inserted, index };
    }
    return { children: this.revise(children, step.parts, this.old[step.old]?.sources ?? []), index };
  }

  startRow(): void {
    this.rowCells = [];
  }

  rowInserted(): Changed | undefined {
    return this.rowCells.length > 0 && this.rowCells.every((s) => s?.op === 'insert') ? this.changed() : undefined;
  }

  deletedRows(index: number): DeletedRow[] {
    const due = this.pending.filter((p) => p.anchor <= index && this.old[p.old]?.kind === 'cell');
    if (due.length === 0) return [];
    this.pending = this.pending.filter((p) => !due.includes(p));
    const rows = new Map<number, number[]>();
    for (const d of due) {
      const row = this.old[d.old]?.row ?? -1;
      rows.set(row, [...(rows.get(row) ?? []), d.old]);
    }
    return [...rows.values()].map((cells) => {
      const deleted = this.changed();
      return { cells: cells.map((o) => this.deletedRuns(this.old[o]?.sources ?? [], true)), deleted, marks: cells.map(() => this.changed()) };
    });
  }

  /** Deleted body paragraphs due before paragraph `index` (all that are left when undefined). */
  deletedParagraphs(index?: number): Paragraph[] {
    const due = this.pending.filter((p) => index === undefined || p.anchor <= index);
    this.pending = this.pending.filter((p) => !due.includes(p));
    return due.map((d) => {
      const rec = this.old[d.old];
      const sources = rec?.sources ?? [];
      return new Paragraph({
        ...GRID_LINE,
        indent: { firstLine: FIRST_LINE_INDENT.firstLine },
        run: { deletion: this.changed() },
        children: this.deletedRuns(sources, true),
      });
    });
  }

  /** Runs of deleted text for the visible range [from, to) of an old paragraph's runs. */
  private deletedRuns(sources: readonly RunSource[], whole: boolean, from = 0, to = Infinity): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    // Offsets count what the diff saw: visible text and line breaks, not generated numbers.
    let pos = 0;
    for (const s of sources) {
      if (s.kind !== 'text') {
        pos += visibleText(s).length;
        continue;
      }
      if (s.generated) {
        // A whole paragraph that is gone goes with the number it was printed with.
        if (whole) out.push(new DeletedTextRun({ ...runOptions(s.text, s.style), ...this.changed() }));
        continue;
      }
      const length = visibleText(s).length;
      const a = Math.max(from, pos);
      const b = Math.min(to, pos + length);
      if (a < b) out.push(new DeletedTextRun({ ...runOptions(sliceVisible(s.text, a - pos, b - pos), s.style, false, s.language), ...this.changed() }));
      pos += length;
    }
    return out;
  }

  /** A changed paragraph: its runs split where changes start and end, deletions put back. */
  private revise(children: readonly ParagraphChild[], parts: readonly TextPart[], old: readonly RunSource[]): ParagraphChild[] {
    const spans: Array<{ from: number; to: number; inserted: boolean }> = [];
    const deletions: Array<{ at: number; from: number; to: number }> = [];
    let n = 0;
    let o = 0;
    for (const p of parts) {
      const length = p.text.length;
      if (p.op === 'delete') {
        deletions.push({ at: n, from: o, to: o + length });
        o += length;
        continue;
      }
      spans.push({ from: n, to: n + length, inserted: p.op === 'insert' });
      n += length;
      if (p.op === 'same') o += length;
    }
    const out: ParagraphChild[] = [];
    let d = 0;
    const putDeletions = (upTo: number) => {
      for (; d < deletions.length && deletions[d]!.at <= upTo; d++) out.push(...this.deletedRuns(old, false, deletions[d]!.from, deletions[d]!.to));
    };
    let pos = 0;
    for (const child of children) {
      const source = runSource(child);
      if (!source || (source.kind === 'text' && source.generated)) {
        out.push(child);
        continue;
      }
      const length = visibleText(source).length;
      if (source.kind === 'break') {
        putDeletions(pos);
        out.push(child);
        pos += length;
        continue;
      }
      const cuts = new Set([pos, pos + length]);
      for (const s of spans) for (const at of [s.from, s.to]) if (at > pos && at < pos + length) cuts.add(at);
      for (const del of deletions) if (del.at > pos && del.at < pos + length) cuts.add(del.at);
      const points = [...cuts].sort((a, b) => a - b);
      for (let k = 0; k + 1 < points.length; k++) {
        const [a, b] = [points[k]!, points[k + 1]!];
        putDeletions(a);
        const options = runOptions(sliceVisible(source.text, a - pos, b - pos), source.style, a === pos && source.breakBefore, source.language);
        const inserted = spans.find((s) => s.from <= a && a < s.to)?.inserted ?? false;
        out.push(inserted ? new InsertedTextRun({ ...options, ...this.changed() }) : new TextRun(options));
      }
      pos += length;
    }
    putDeletions(Infinity);
    return out;
  }
}

/** A run of a new paragraph as inserted text; what has no text (an image, a break) stays. */
function insertedChild(child: ParagraphChild, changed: () => Changed): ParagraphChild {
  const source = runSource(child);
  if (source?.kind !== 'text') return child;
  return new InsertedTextRun({ ...runOptions(source.text, source.style, source.breakBefore, source.language), ...changed() });
}

import { diffArrays } from 'diff';

/**
 * What a reader sees of one paragraph (a heading, a body paragraph, a table cell), as the
 * DOCX writer laid it out; generated heading and list numbers are left out, so a number that
 * only moved because a section was added is not a change.
 */
export interface SeenParagraph {
  readonly kind: 'body' | 'cell';
  readonly text: string;
  /** The heading above it as printed (with its number), for the summary. */
  readonly section: string;
  /** The paragraph as printed, numbers included, for the summary. */
  readonly printed?: string;
}

/** One piece of a changed paragraph: kept, inserted or deleted text. */
export interface TextPart {
  readonly op: 'same' | 'insert' | 'delete';
  readonly text: string;
}

export type Step =
  | { readonly op: 'same'; readonly old: number; readonly new: number }
  | { readonly op: 'change'; readonly old: number; readonly new: number; readonly parts: readonly TextPart[] }
  | { readonly op: 'insert'; readonly new: number }
  | { readonly op: 'delete'; readonly old: number };

/**
 * Beyond this many characters inserted and deleted the character diff gives up (its cost
 * grows with length × edits): such paragraphs were rewritten, not edited.
 */
const MAX_EDIT = 3000;

/** Below this share of common characters two paragraphs are a removal and an addition, not an edit. */
const SIMILAR = 0.3;

/**
 * Paragraphs first, then characters: equal paragraphs line up by a longest-common-subsequence
 * diff; between two equal runs, removed and added paragraphs of one kind that share enough
 * text are paired as edits and diffed by character, the rest are whole insertions and
 * deletions. Steps come in the order of the new document, a deletion before the paragraph
 * that now follows it.
 */
export function alignParagraphs(before: readonly SeenParagraph[], after: readonly SeenParagraph[]): Step[] {
  const key = (p: SeenParagraph) => `${p.kind}\u0000${p.text}`;
  const chunks = diffArrays(before.map(key), after.map(key));
  const steps: Step[] = [];
  let o = 0;
  let n = 0;
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i]!;
    if (!c.added && !c.removed) {
      for (let k = 0; k < c.value.length; k++) steps.push({ op: 'same', old: o++, new: n++ });
      continue;
    }
    // A removal next to an addition is one stretch of edits.
    const next = chunks[i + 1];
    const joined = next !== undefined && ((c.removed && next.added) || (c.added && next.removed));
    const removed = (c.removed ? c.value.length : 0) + (joined && next.removed ? next.value.length : 0);
    const added = (c.added ? c.value.length : 0) + (joined && next.added ? next.value.length : 0);
    if (joined) i++;
    steps.push(...pairStretch(before, after, o, removed, n, added));
    o += removed;
    n += added;
  }
  return steps;
}

function pairStretch(before: readonly SeenParagraph[], after: readonly SeenParagraph[], o0: number, removed: number, n0: number, added: number): Step[] {
  const steps: Step[] = [];
  let o = o0;
  let n = n0;
  const oEnd = o0 + removed;
  const nEnd = n0 + added;
  const alike = (a: number, b: number) => before[a]!.kind === after[b]!.kind && similarity(before[a]!.text, after[b]!.text) >= SIMILAR;
  // Cells of rows that stayed are edits even when every character changed (张三 → 李四).
  const sameShape = removed === added;
  while (o < oEnd && n < nEnd) {
    if (alike(o, n) || (sameShape && before[o]!.kind === after[n]!.kind)) {
      steps.push(change(before, after, o++, n++));
    } else if (n + 1 < nEnd && alike(o, n + 1)) {
      steps.push({ op: 'insert', new: n++ });
    } else if (o + 1 < oEnd && alike(o + 1, n)) {
      steps.push({ op: 'delete', old: o++ });
    } else {
      steps.push({ op: 'delete', old: o++ }, { op: 'insert', new: n++ });
    }
  }
  while (o < oEnd) steps.push({ op: 'delete', old: o++ });
  while (n < nEnd) steps.push({ op: 'insert', new: n++ });
  return steps;
}

function change(before: readonly SeenParagraph[], after: readonly SeenParagraph[], o: number, n: number): Step {
  const parts = diffText(before[o]!.text, after[n]!.text);
  return parts.every((p) => p.op === 'same') ? { op: 'same', old: o, new: n } : { op: 'change', old: o, new: n, parts };
}

/** Share of characters two texts have in common, 0–1. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max([...a].length, [...b].length);
  if (longest === 0) return 1;
  const common = diffText(a, b)
    .filter((p) => p.op === 'same')
    .reduce((sum, p) => sum + [...p.text].length, 0);
  return common / longest;
}

/**
 * Characters, not words: Chinese has no spaces, so a two-character edit is a two-character
 * change. Diffed by code point (a rare character outside the BMP is one character), then
 * cleaned up so stray common characters (a 的 inside a rewritten clause) do not chop a
 * rewrite into confetti.
 */
export function diffText(a: string, b: string): TextPart[] {
  const changes = diffArrays([...a], [...b], { maxEditLength: MAX_EDIT });
  // Two long texts with next to nothing in common: one replaced the other.
  if (!changes) return [{ op: 'delete', text: a }, { op: 'insert', text: b }];
  const parts: TextPart[] = [];
  for (const c of changes) {
    parts.push({ op: c.added ? 'insert' : c.removed ? 'delete' : 'same', text: c.value.join('') });
  }
  return semanticCleanup(parts);
}

interface Edit {
  del: string;
  ins: string;
}
type Piece = { readonly same: string } | Edit;

/**
 * diff-match-patch's semantic clean-up, in short: an equality no longer than the edits on
 * both sides of it is folded into them (deleted and inserted again), repeated until nothing
 * changes. Deletions are put before insertions.
 */
export function semanticCleanup(parts: readonly TextPart[]): TextPart[] {
  let pieces: Piece[] = [];
  for (const p of parts) {
    if (p.text === '') continue;
    const last = pieces[pieces.length - 1];
    if (p.op === 'same') pieces.push({ same: p.text });
    else if (last && !('same' in last)) last[p.op === 'delete' ? 'del' : 'ins'] += p.text;
    else pieces.push(p.op === 'delete' ? { del: p.text, ins: '' } : { del: '', ins: p.text });
  }
  const weigh = (e: Edit) => Math.max([...e.del].length, [...e.ins].length);
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 1; i + 1 < pieces.length; i++) {
      const [before, eq, after] = [pieces[i - 1]!, pieces[i]!, pieces[i + 1]!];
      if (!('same' in eq) || 'same' in before || 'same' in after) continue;
      const size = [...eq.same].length;
      if (size <= weigh(before) && size <= weigh(after)) {
        pieces = [...pieces.slice(0, i - 1), { del: before.del + eq.same + after.del, ins: before.ins + eq.same + after.ins }, ...pieces.slice(i + 2)];
        changed = true;
        break;
      }
    }
  }
  wholeNumbers(pieces);
  return pieces.flatMap((p): TextPart[] =>
    'same' in p
      ? [{ op: 'same', text: p.same }]
      : [...(p.del ? [{ op: 'delete' as const, text: p.del }] : []), ...(p.ins ? [{ op: 'insert' as const, text: p.ins }] : [])],
  );
}

const DIGIT = /[0-9０-９.．]/u;

/**
 * A number is read whole: 33 → 35 is shown as 33 deleted and 35 inserted, not a 3 kept and
 * a 3 replaced by a 5; 11月30日 → 12月15日 the same way. Digits next to an edit that touches
 * digits move into it from the kept text on either side.
 */
function wholeNumbers(pieces: Piece[]): void {
  for (let i = 0; i < pieces.length; i++) {
    const edit = pieces[i]!;
    if ('same' in edit) continue;
    const before = pieces[i - 1];
    if (before && 'same' in before && /[0-9０-９]$/u.test(before.same) && startsWithDigit(edit)) {
      const [kept, moved] = splitTrailingDigits(before.same);
      pieces[i - 1] = { same: kept };
      edit.del = moved + edit.del;
      edit.ins = moved + edit.ins;
    }
    const after = pieces[i + 1];
    if (after && 'same' in after && /^[0-9０-９]/u.test(after.same) && endsWithDigit(edit)) {
      const moved = /^[0-9０-９.．]*/u.exec(after.same)![0];
      pieces[i + 1] = { same: after.same.slice(moved.length) };
      edit.del += moved;
      edit.ins += moved;
    }
  }
}

const startsWithDigit = (e: Edit) => (e.del !== '' && DIGIT.test(e.del[0]!)) || (e.ins !== '' && DIGIT.test(e.ins[0]!));
const endsWithDigit = (e: Edit) => (e.del !== '' && DIGIT.test(e.del.at(-1)!)) || (e.ins !== '' && DIGIT.test(e.ins.at(-1)!));

function splitTrailingDigits(text: string): [string, string] {
  const moved = /[0-9０-９.．]*$/u.exec(text)![0];
  return [text.slice(0, text.length - moved.length), moved];
}

import { isAlias, isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';

/** A string (or other scalar) value of the front matter with its place in the file. */
export interface FrontScalar {
  /** Keys and indexes from the root, e.g. ['phases', 0, 'end']. */
  readonly path: readonly (string | number)[];
  readonly value: unknown;
  /** File offsets of the scalar as written (quotes included). */
  readonly start: number;
  readonly end: number;
  /** The scalar as written in the file, for finding a substring's exact column. */
  readonly raw: string;
}

/** Every scalar value (not keys) of a YAML tree, in document order. */
export function collectScalars(root: Node | null, yamlOffset: number, text: string): FrontScalar[] {
  const out: FrontScalar[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        walk(pair.value, [...path, k]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i]));
    } else if (isScalar(node) && !isAlias(node)) {
      const s = node as Scalar;
      const r = s.range;
      if (!r) return;
      const start = yamlOffset + r[0];
      const end = yamlOffset + r[1];
      out.push({ path, value: s.value, start, end, raw: text.slice(start, end) });
    }
  };
  walk(root, []);
  return out;
}

/**
 * File offset of `match`, found at `index` of the scalar's value. Plain scalars are the
 * value itself; quoted or folded ones differ (quotes, escapes, line breaks), so the n-th
 * occurrence of the match in the written text is used, falling back to the scalar start.
 */
export function offsetInScalar(s: FrontScalar, index: number, match: string): number {
  const value = String(s.value);
  if (s.raw === value) return s.start + index;
  let nth = 0;
  for (let i = value.indexOf(match); i >= 0 && i < index; i = value.indexOf(match, i + 1)) nth++;
  let at = -1;
  for (let k = 0, from = 0; k <= nth; k++) {
    at = s.raw.indexOf(match, from);
    if (at < 0) break;
    from = at + 1;
  }
  return at >= 0 ? s.start + at : s.start;
}

/** A path as a clerk reads it: phases[1].end, leaders.members[0].name. */
export function displayPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number' || /^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/** Whether a path names one of the plan's date fields. */
export function isDatePath(path: readonly (string | number)[]): boolean {
  const [a, , c] = path;
  if (path.length === 1) return a === 'date' || a === 'printed';
  if (path.length === 3 && a === 'phases') return c === 'start' || c === 'end';
  if (path.length === 3 && a === 'targets') return c === 'by';
  if (path.length === 5 && a === 'duties' && c === 'targets') return path[4] === 'by';
  return false;
}

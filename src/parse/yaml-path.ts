import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';

/** Where a value lives in the YAML text: the value node and, for mapping entries, its key. */
export interface YamlLocation {
  readonly node: Node | null;
  readonly key: Node | null;
}

/**
 * Walk a parsed YAML tree along a path of keys and indexes (as from a JSON Pointer).
 * Stops at the deepest node that exists, so a missing property still points at its parent.
 */
export function locate(root: Node | null, path: readonly (string | number)[]): YamlLocation & { readonly depth: number } {
  let node: Node | null = root;
  let key: Node | null = null;
  let depth = 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p: Pair) => keyText(p.key) === String(seg));
      if (!pair) break;
      key = (pair.key as Node | null) ?? null;
      node = (pair.value as Node | null) ?? null;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      key = null;
      node = isPair(item) ? ((item.value as Node | null) ?? null) : (item as Node | null);
    } else break;
    depth++;
  }
  return { node, key, depth };
}

function keyText(k: unknown): string {
  return isScalar(k) ? String(k.value) : String(k);
}

/** Split a JSON Pointer (`/leaders/members/0/name`) into segments. */
export function pointerToPath(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Start offset (in the YAML text) of a location, preferring the key for mapping entries. */
export function startOf(loc: YamlLocation, preferKey = false): number {
  const n = preferKey && loc.key ? loc.key : loc.node ?? loc.key;
  return n?.range?.[0] ?? 0;
}

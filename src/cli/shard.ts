/**
 * `--shard I/N`: split the sorted plan list into N runs of consecutive plans and take the
 * I-th. Every plan falls in exactly one shard whatever N is, and the split depends only on
 * the list, so N CI jobs given the same plans build them all, each once.
 */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** `2/5` → { index: 2, count: 5 }; anything else (0/3, 4/3, 1/0, a/b) is undefined. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined;
}

/** The shard's part of `list` (already sorted): plans ⌊(I−1)·n/N⌋ up to ⌊I·n/N⌋. */
export function pickShard<T>(list: readonly T[], shard: Shard): T[] {
  const from = Math.floor(((shard.index - 1) * list.length) / shard.count);
  const to = Math.floor((shard.index * list.length) / shard.count);
  return list.slice(from, to);
}

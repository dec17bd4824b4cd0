/**
 * A JSON object read from a file we did not write ourselves (a cache entry, a manifest
 * part): an object with keys, not null or a list, which `typeof` alone would let through.
 */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Where each value of a JSON text starts, keyed by JSON Pointer (`/outputs/2/sha256`), or
 * the offset where the text stops being JSON. `JSON.parse` gives neither: its messages
 * name a position only for some mistakes and are English text that plangen may not show.
 * Nothing recurses, so a file of a million `[` cannot overflow the stack; nesting beyond
 * `maxDepth` counts as a mistake at the bracket that went too deep.
 */
export type JsonPlaces =
  | { readonly ok: true; readonly places: ReadonlyMap<string, number>; /** Where each member's key starts. */ readonly keys: ReadonlyMap<string, number> }
  | { readonly ok: false; readonly offset: number };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

export function jsonPlaces(text: string, maxDepth = 64): JsonPlaces {
  const places = new Map<string, number>();
  const keys = new Map<string, number>();
  const open: { readonly list: boolean; readonly pointer: string; index: number }[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  /** Past a string starting at `i`; its decoded text, or undefined where it breaks. */
  const string = (): string | undefined => {
    const start = i;
    if (text[i] !== '"') return undefined;
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (c < 0x20) return undefined;
      if (c === 0x5c) {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) return undefined;
        i = ESCAPE.lastIndex;
      } else i++;
    }
    return undefined;
  };
  /** A member's key and colon; the pointer of its value, or undefined where they break. */
  const member = (parent: string): string | undefined => {
    skipSpace();
    const start = i;
    const key = string();
    if (key === undefined) return undefined;
    skipSpace();
    if (text[i] !== ':') return undefined;
    i++;
    const pointer = `${parent}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    keys.set(pointer, start);
    return pointer;
  };
  const fail = (): JsonPlaces => ({ ok: false, offset: Math.min(i, text.length) });

  let pointer = '';
  for (;;) {
    skipSpace();
    places.set(pointer, i);
    const c = text[i];
    let scalar = true;
    if (c === '{' || c === '[') {
      if (open.length >= maxDepth) return fail();
      i++;
      skipSpace();
      const list = c === '[';
      if (text[i] === (list ? ']' : '}')) i++;
      else {
        open.push({ list, pointer, index: 0 });
        const next = list ? `${pointer}/0` : member(pointer);
        if (next === undefined) return fail();
        pointer = next;
        scalar = false;
      }
    } else if (c === '"') {
      if (string() === undefined) return fail();
    } else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return fail();
      i = NUMBER.lastIndex;
    }
    if (!scalar) continue;
    // After a value: close what ends here, then either the next member or the end of the text.
    for (;;) {
      skipSpace();
      const top = open[open.length - 1];
      if (!top) return i === text.length ? { ok: true, places, keys } : fail();
      if (text[i] === ',') {
        i++;
        if (top.list) {
          top.index++;
          pointer = `${top.pointer}/${top.index}`;
        } else {
          const next = member(top.pointer);
          if (next === undefined) return fail();
          pointer = next;
        }
        break;
      }
      if (text[i] !== (top.list ? ']' : '}')) return fail();
      i++;
      open.pop();
    }
  }
}

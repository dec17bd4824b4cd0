import { inflateSync } from 'node:zlib';
import { decodeName } from './pdf-facts.js';
import { classicXref, readXref, type XrefTable } from './xref.js';

/**
 * The characters each page of a PDF draws, read from the file itself: every text-showing
 * operator of the page's content (and of the forms it draws), each code mapped through its
 * font's ToUnicode map, which LibreOffice writes for every font it embeds. This replaces a
 * `pdftotext` process per PDF (22–47 ms of CPU, docs/performance.md) for the lost-text check,
 * which compares each page's characters as a multiset: so the order in which they come out
 * does not matter, only that each page has exactly the characters pdftotext would give.
 *
 * poppler's text output drops what it cannot place (a character outside the page), drops
 * text drawn twice on the same spot (fake bold, shadows), takes /ActualText instead of the
 * glyphs, and falls back to a font's encoding where no ToUnicode entry exists. Rather than
 * imitate those rules, this reader gives up (undefined) wherever one of them could apply,
 * and wherever the file holds anything else it does not read (object or cross-reference
 * streams, encryption, another filter than Flate, Type 0 and Type 3 fonts, inline images,
 * annotations with appearances, optional content): the check then runs pdftotext as before.
 */
export function readPdfText(pdf: Uint8Array): string[] | undefined {
  try {
    const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    return new Reader(bytes, bytes.toString('latin1')).pages();
  } catch {
    // Unreadable here (or malformed): pdftotext decides.
    return undefined;
  }
}

/** Raised wherever the file holds something this reader does not read exactly as poppler would. */
class Unreadable extends Error {}

function unreadable(why: string): never {
  throw new Unreadable(why);
}

class Name {
  constructor(readonly name: string) {}
}
class Ref {
  constructor(readonly num: number) {}
}
/** A string's bytes, one latin1 character each. */
class Str {
  constructor(readonly bytes: string) {}
}
type Dict = Map<string, Value>;
type Value = number | boolean | null | Name | Ref | Str | Dict | Value[] | Stream;

class Stream {
  constructor(
    readonly dict: Dict,
    /** Where the data starts in the file. */
    readonly start: number,
  ) {}
}

/**
 * Bounds that keep a hostile or broken file from running long or filling the heap; past any
 * of them the file goes to pdftotext. LibreOffice's PDFs stay far inside: an A4 page holds
 * about 2,000 characters, a dozen nested `q`, a few form runs, and a simple font's ToUnicode
 * map at most 256 codes.
 */
const limits = {
  pages: 10_000,
  formDepth: 8,
  treeDepth: 64,
  /** Nested `q`: each saves a copy of the state. */
  saveDepth: 256,
  /** Characters drawn on a page: the same-spot test compares each with those before it (and poppler drops tiny text past 50,000). */
  charsPerPage: 20_000,
  /** Forms drawn on a page, counting each `Do` of a form drawn inside another: forms drawing forms multiply. */
  formRunsPerPage: 1_000,
  /** One stream, inflated: a small Flate stream can inflate a thousandfold. */
  streamBytes: 64 << 20,
  /** Bytes inflated and bytes interpreted over the whole file, a stream drawn again counted again. */
  workBytes: 256 << 20,
  /** Operators and operands over the whole file. */
  tokens: 20_000_000,
  /**
   * Same-spot comparisons over the whole file: each character against those like it drawn
   * before on its page, so a page of one character repeated costs its count squared.
   * A 160-page plan takes 154,000.
   */
  sameSpot: 20_000_000,
  /** Code mappings a ToUnicode map may set (each range entry counts one per code). */
  cmapEntries: 1 << 16,
};

/** Escapes in a literal string that stand for one character (§7.3.4.2, Table 3). */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };

const WHITE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

const HEX = new Int8Array(256).fill(-1);
for (const [k, c] of [...'0123456789abcdef'].entries()) HEX[c.charCodeAt(0)] = HEX[c.toUpperCase().charCodeAt(0)] = k;

/** PDF tokens from a latin1 string (PDF 1.7, §7.2–7.3). */
class Lexer {
  constructor(
    readonly s: string,
    public i = 0,
  ) {}

  private skip(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (WHITE[c]) this.i++;
      else if (c === 37 /* % */) {
        while (this.i < s.length && s.charCodeAt(this.i) !== 10 && s.charCodeAt(this.i) !== 13) this.i++;
      } else return;
    }
  }

  /**
   * The next value, or an operator (a plain string: content streams are mostly operators and
   * numbers, neither allocated); undefined at the end. `refs`: read `n g R` as a reference.
   */
  next(refs: boolean): Value | string | undefined {
    this.skip();
    const s = this.s;
    if (this.i >= s.length) return undefined;
    const c = s.charCodeAt(this.i);
    if (c === 47 /* / */) {
      const start = ++this.i;
      while (this.i < s.length && !WHITE[s.charCodeAt(this.i)] && !DELIM[s.charCodeAt(this.i)]) this.i++;
      const raw = s.slice(start, this.i);
      return new Name(raw.includes('#') ? decodeName(raw) : raw);
    }
    if (c === 40 /* ( */) return this.literal();
    if (c === 60 /* < */) {
      if (s.charCodeAt(this.i + 1) === 60) {
        this.i += 2;
        return this.dict(refs);
      }
      return this.hex();
    }
    if (c === 91 /* [ */) {
      this.i++;
      const out: Value[] = [];
      for (;;) {
        this.skip();
        if (s.charCodeAt(this.i) === 93 /* ] */) {
          this.i++;
          return out;
        }
        const v = this.next(refs);
        if (v === undefined || typeof v === 'string') unreadable('array');
        out.push(v);
      }
    }
    if (c === 93 || c === 62 || c === 41 || c === 123 || c === 125) unreadable('stray delimiter');
    // Numbers are most of a content stream's tokens: read in place, without a substring.
    if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
      const n = this.number();
      if (n !== undefined) {
        if (refs && Number.isInteger(n) && n >= 0) {
          // `n g R`: look ahead without consuming unless it is one.
          const m = /^\s+(\d+)\s+R(?=[\s/<>[\]()%]|$)/.exec(s.slice(this.i, this.i + 32));
          if (m) {
            this.i += m[0].length;
            return new Ref(n);
          }
        }
        return n;
      }
    }
    const start = this.i;
    while (this.i < s.length && !WHITE[s.charCodeAt(this.i)] && !DELIM[s.charCodeAt(this.i)]) this.i++;
    const word = s.slice(start, this.i);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (word === '') unreadable('empty token');
    return word;
  }

  /** A number at the current place (`-12`, `3.5`, `.5`, `4.`), or undefined (and nothing read) when the token is not one. */
  private number(): number | undefined {
    const s = this.s;
    let k = this.i;
    let sign = 1;
    const first = s.charCodeAt(k);
    if (first === 45 || first === 43) {
      if (first === 45) sign = -1;
      k++;
    }
    let whole = 0;
    let fraction = 0;
    let scale = 1;
    let digits = 0;
    let dot = false;
    for (; k < s.length; k++) {
      const d = s.charCodeAt(k);
      if (d >= 48 && d <= 57) {
        digits++;
        if (dot) fraction += (d - 48) * (scale /= 10);
        else whole = whole * 10 + (d - 48);
      } else if (d === 46 && !dot) dot = true;
      else break;
    }
    if (digits === 0 || (k < s.length && !WHITE[s.charCodeAt(k)] && !DELIM[s.charCodeAt(k)])) return undefined;
    this.i = k;
    return sign * (whole + fraction);
  }

  private dict(refs: boolean): Dict {
    const out: Dict = new Map();
    for (;;) {
      this.skip();
      if (this.s.charCodeAt(this.i) === 62 && this.s.charCodeAt(this.i + 1) === 62) {
        this.i += 2;
        return out;
      }
      const key = this.next(refs);
      if (!(key instanceof Name)) unreadable('dictionary key');
      const v = this.next(refs);
      if (v === undefined || typeof v === 'string') unreadable('dictionary value');
      out.set(key.name, v);
    }
  }

  private hex(): Str {
    const s = this.s;
    let bytes = '';
    let high = -1;
    for (let k = this.i + 1; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c === 62 /* > */) {
        this.i = k + 1;
        // An odd last digit is followed by an implied 0 (§7.3.4.3).
        return new Str(high < 0 ? bytes : bytes + String.fromCharCode(high << 4));
      }
      if (WHITE[c]) continue;
      const v = HEX[c]!;
      if (v < 0) break;
      if (high < 0) high = v;
      else {
        bytes += String.fromCharCode((high << 4) | v);
        high = -1;
      }
    }
    unreadable('hex string');
  }

  private literal(): Str {
    const s = this.s;
    let depth = 0;
    let out = '';
    for (this.i++; this.i < s.length; this.i++) {
      const ch = s[this.i]!;
      if (ch === '\\') {
        const n = s[++this.i];
        if (n === undefined) break;
        const simple = SIMPLE_ESCAPES[n];
        if (simple !== undefined) out += simple;
        else if (n >= '0' && n <= '7') {
          let oct = n;
          while (oct.length < 3 && s[this.i + 1]! >= '0' && s[this.i + 1]! <= '7') oct += s[++this.i];
          out += String.fromCharCode(parseInt(oct, 8) & 0xff);
        } else if (n === '\r') {
          if (s[this.i + 1] === '\n') this.i++;
        } else if (n !== '\n') out += n;
      } else if (ch === '(') {
        depth++;
        out += ch;
      } else if (ch === ')') {
        if (depth === 0) {
          this.i++;
          return new Str(out);
        }
        depth--;
        out += ch;
      } else if (ch === '\r') {
        // An end of line in a string is a line feed, whichever way it was written (§7.3.4.2).
        if (s[this.i + 1] === '\n') this.i++;
        out += '\n';
      } else out += ch;
    }
    unreadable('literal string');
  }
}

type Matrix = readonly [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 × m2, PDF's row-vector convention (§8.3.4). */
function multiply(m1: Matrix, m2: Matrix): Matrix {
  const [a1, b1, c1, d1, e1, f1] = m1;
  const [a2, b2, c2, d2, e2, f2] = m2;
  return [a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2, e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2];
}

interface Font {
  readonly toUnicode: ReadonlyMap<number, string>;
  readonly firstChar: number;
  /** Advance widths in glyph space (thousandths of the size), from /FirstChar on. */
  readonly widths: readonly number[];
}

interface State {
  ctm: Matrix;
  font: Font | undefined;
  size: number;
  charSpace: number;
  wordSpace: number;
  scale: number;
  leading: number;
  rise: number;
}

/** Where each character was drawn on the page, for the same-spot test: x, y and size, three numbers a glyph. */
type Placed = Map<string, number[]>;

/** One page being read: its characters so far, where they stand, its area, and how many forms it has run. */
interface PageText {
  readonly chars: string[];
  readonly placed: Placed;
  readonly area: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
  formRuns: number;
  drawn: number;
}

class Reader {
  private readonly table: XrefTable;
  private readonly objects = new Map<number, Value>();
  private readonly fonts = new Map<Dict, Font>();
  /** Forms' data, inflated once however often they are drawn (page contents are read once each, and not kept). */
  private readonly forms = new Map<Stream, string>();
  /** What the limits count over the whole file. */
  private workBytes = 0;
  private tokens = 0;
  private sameSpot = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly text: string,
  ) {
    this.table = readXref(text, classicXref(text) ?? unreadable('layout')) ?? unreadable('no cross-reference table');
  }

  pages(): string[] {
    if (this.table.trailerAt < 0) unreadable('no trailer');
    const lexer = new Lexer(this.text, this.table.trailerAt + 'trailer'.length);
    const trailer = lexer.next(true);
    if (!(trailer instanceof Map)) unreadable('trailer');
    if (trailer.has('Encrypt') || trailer.has('Prev')) unreadable('encrypted or updated');
    const root = this.dict(trailer.get('Root'));
    // Hidden optional content is left out by poppler; not worth following here.
    if (root.has('OCProperties')) unreadable('optional content');
    const out: string[] = [];
    this.walk(this.dict(root.get('Pages')), { resources: undefined, box: undefined }, out, new Set(), 0);
    return out;
  }

  /** The page tree in order, with what pages inherit (§7.7.3.4). */
  private walk(node: Dict, inherited: { resources: Dict | undefined; box: Value | undefined }, out: string[], seen: Set<Dict>, depth: number): void {
    if (seen.has(node) || depth > limits.treeDepth || out.length > limits.pages) unreadable('page tree');
    seen.add(node);
    const here = {
      resources: node.has('Resources') ? this.dict(node.get('Resources')) : inherited.resources,
      box: node.has('MediaBox') ? node.get('MediaBox') : inherited.box,
    };
    const type = this.resolve(node.get('Type'));
    if (type instanceof Name && type.name === 'Page') {
      out.push(this.page(node, here.resources ?? new Map(), here.box));
      return;
    }
    const kids = this.resolve(node.get('Kids'));
    if (!Array.isArray(kids)) unreadable('page tree');
    for (const kid of kids) this.walk(this.dict(kid), here, out, seen, depth + 1);
  }

  private page(page: Dict, resources: Dict, boxValue: Value | undefined): string {
    const box = this.numbers(boxValue, 4);
    const area = { x0: Math.min(box[0]!, box[2]!), y0: Math.min(box[1]!, box[3]!), x1: Math.max(box[0]!, box[2]!), y1: Math.max(box[1]!, box[3]!) };
    const annots = this.resolve(page.get('Annots'));
    if (Array.isArray(annots)) {
      // poppler draws annotations' appearances into the text (and makes some when missing); links have none.
      for (const a of annots) {
        const annot = this.dict(a);
        const subtype = this.resolve(annot.get('Subtype'));
        if (annot.has('AP') || !(subtype instanceof Name) || subtype.name !== 'Link') unreadable('annotation');
      }
    }
    const contents = this.resolve(page.get('Contents'));
    const streams = contents === undefined || contents === null ? [] : Array.isArray(contents) ? contents.map((c) => this.resolve(c)) : [contents];
    const content = streams.map((s) => (s instanceof Stream ? this.decode(s) : unreadable('contents'))).join('\n');
    const text: PageText = { chars: [], placed: new Map(), area, formRuns: 0, drawn: 0 };
    const state: State = { ctm: IDENTITY, font: undefined, size: 0, charSpace: 0, wordSpace: 0, scale: 1, leading: 0, rise: 0 };
    this.run(content, resources, state, text, 0);
    return text.chars.join('');
  }

  /** Interpret one content stream for its text (§9.3–9.4), `state` being the graphics state it starts from. */
  private run(content: string, resources: Dict, start: State, page: PageText, depth: number): void {
    this.work(content.length);
    if (content.includes('ActualText')) unreadable('ActualText');
    const lexer = new Lexer(content);
    const stack: State[] = [];
    let g: State = { ...start };
    let tm: Matrix = IDENTITY;
    let tlm: Matrix = IDENTITY;
    const operands: Value[] = [];
    const num = (k: number): number => {
      const v = operands[k];
      return typeof v === 'number' ? v : unreadable('operand');
    };
    const nextLine = (tx: number, ty: number) => {
      tlm = multiply([1, 0, 0, 1, tx, ty], tlm);
      tm = tlm;
    };
    const show = (items: readonly Value[]) => {
      const font = g.font ?? unreadable('no font');
      const m = multiply(tm, g.ctm);
      const size = Math.abs(g.size) * Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
      let tx = 0;
      for (const item of items) {
        if (typeof item === 'number') {
          tx -= (item / 1000) * g.size * g.scale;
          continue;
        }
        if (!(item instanceof Str)) unreadable('TJ');
        if ((page.drawn += item.bytes.length) > limits.charsPerPage) unreadable('characters on a page');
        for (let k = 0; k < item.bytes.length; k++) {
          const code = item.bytes.charCodeAt(k);
          const u = font.toUnicode.get(code) ?? unreadable('unmapped code');
          const w = font.widths[code - font.firstChar] ?? unreadable('no width');
          const advance = (w / 1000) * g.size * g.scale;
          const x = tx * m[0] + g.rise * m[2] + m[4];
          const y = tx * m[1] + g.rise * m[3] + m[5];
          const ex = x + advance * m[0];
          const ey = y + advance * m[1];
          const { area } = page;
          // poppler drops a character outside the page; only what is certainly inside is read here.
          if (!(x >= area.x0 && x <= area.x1 && ex >= area.x0 && ex <= area.x1 && y >= area.y0 && y <= area.y1 && ey >= area.y0 && ey <= area.y1)) unreadable('outside the page');
          if (u !== '' && u !== ' ') {
            // poppler drops text drawn again on (nearly) the same spot: fake bold, shadows.
            const same = page.placed.get(u);
            if (same) {
              if ((this.sameSpot += same.length / 3) > limits.sameSpot) unreadable('same-spot comparisons');
              for (let k = 0; k < same.length; k += 3) {
                const tolerance = 0.25 * Math.max(same[k + 2]!, size);
                if (Math.abs(same[k]! - x) < tolerance && Math.abs(same[k + 1]! - y) < tolerance) unreadable('drawn twice');
              }
              same.push(x, y, size);
            } else page.placed.set(u, [x, y, size]);
          }
          page.chars.push(u);
          tx += ((w / 1000) * g.size + g.charSpace + (code === 32 ? g.wordSpace : 0)) * g.scale;
        }
      }
      tm = multiply([1, 0, 0, 1, tx, 0], tm);
    };
    for (;;) {
      const t = lexer.next(false);
      if (t === undefined) break;
      if (++this.tokens > limits.tokens) unreadable('tokens');
      if (typeof t !== 'string') {
        operands.push(t);
        if (operands.length > 64) unreadable('operands');
        continue;
      }
      switch (t) {
        case 'q':
          if (stack.length >= limits.saveDepth) unreadable('save depth');
          stack.push({ ...g });
          break;
        case 'Q':
          g = stack.pop() ?? g;
          break;
        case 'cm':
          g.ctm = multiply([num(0), num(1), num(2), num(3), num(4), num(5)], g.ctm);
          break;
        case 'BT':
          tm = tlm = IDENTITY;
          break;
        case 'ET':
          page.chars.push('\n');
          break;
        case 'Tf': {
          const name = operands[0];
          if (!(name instanceof Name)) unreadable('Tf');
          g.font = this.font(this.dict(this.dict(resources.get('Font')).get(name.name)));
          g.size = num(1);
          break;
        }
        case 'Tc':
          g.charSpace = num(0);
          break;
        case 'Tw':
          g.wordSpace = num(0);
          break;
        case 'Tz':
          g.scale = num(0) / 100;
          break;
        case 'TL':
          g.leading = num(0);
          break;
        case 'Ts':
          g.rise = num(0);
          break;
        case 'Tr':
          // Fill, stroke, both (LibreOffice's synthetic bold); the invisible and clipping modes are left to poppler.
          if (num(0) > 2) unreadable('render mode');
          break;
        case 'Td':
          nextLine(num(0), num(1));
          break;
        case 'TD':
          g.leading = -num(1);
          nextLine(num(0), num(1));
          break;
        case 'Tm':
          tm = tlm = [num(0), num(1), num(2), num(3), num(4), num(5)];
          break;
        case 'T*':
          nextLine(0, -g.leading);
          break;
        case 'Tj':
          show([operands[0] ?? null]);
          break;
        case "'":
          nextLine(0, -g.leading);
          show([operands[0] ?? null]);
          break;
        case '"':
          g.wordSpace = num(0);
          g.charSpace = num(1);
          nextLine(0, -g.leading);
          show([operands[2] ?? null]);
          break;
        case 'TJ': {
          const items = operands[0];
          show(Array.isArray(items) ? items : unreadable('TJ'));
          break;
        }
        case 'Do': {
          const name = operands[0];
          if (!(name instanceof Name)) unreadable('Do');
          const xobject = this.resolve(this.dict(resources.get('XObject')).get(name.name));
          if (!(xobject instanceof Stream)) unreadable('XObject');
          const subtype = this.resolve(xobject.dict.get('Subtype'));
          if (!(subtype instanceof Name)) unreadable('XObject');
          if (subtype.name === 'Image') break;
          if (subtype.name !== 'Form' || depth >= limits.formDepth) unreadable('XObject');
          if (++page.formRuns > limits.formRunsPerPage) unreadable('form runs');
          let data = this.forms.get(xobject);
          if (data === undefined) this.forms.set(xobject, (data = this.decode(xobject)));
          const matrix = xobject.dict.has('Matrix') ? this.numbers(xobject.dict.get('Matrix'), 6) : IDENTITY;
          const own = xobject.dict.has('Resources') ? this.dict(xobject.dict.get('Resources')) : resources;
          this.run(data, own, { ...g, ctm: multiply(matrix as unknown as Matrix, g.ctm) }, page, depth + 1);
          break;
        }
        case 'gs': {
          const name = operands[0];
          if (!(name instanceof Name)) unreadable('gs');
          if (this.dict(this.dict(resources.get('ExtGState')).get(name.name)).has('Font')) unreadable('font in ExtGState');
          break;
        }
        case 'BDC': {
          // Marked content poppler acts on: optional content (it may hide it) and replacement text.
          const tag = operands[0];
          const props = operands[1] instanceof Name ? this.dict(this.dict(resources.get('Properties')).get(operands[1].name)) : operands[1];
          if ((tag instanceof Name && tag.name === 'OC') || (props instanceof Map && (props.has('ActualText') || props.has('OC')))) unreadable('marked content');
          break;
        }
        case 'BI':
        case 'ID':
          // Inline image data is binary and has no length to skip it by.
          unreadable('inline image');
      }
      operands.length = 0;
    }
  }

  private font(dict: Dict): Font {
    const cached = this.fonts.get(dict);
    if (cached) return cached;
    const subtype = this.resolve(dict.get('Subtype'));
    if (!(subtype instanceof Name) || !['Type1', 'MMType1', 'TrueType'].includes(subtype.name)) unreadable('font type');
    const cmap = this.resolve(dict.get('ToUnicode'));
    if (!(cmap instanceof Stream)) unreadable('no ToUnicode');
    const firstChar = this.resolve(dict.get('FirstChar'));
    const widths = this.resolve(dict.get('Widths'));
    if (typeof firstChar !== 'number' || !Array.isArray(widths)) unreadable('widths');
    const font: Font = { toUnicode: parseToUnicode(this.decode(cmap), limits.cmapEntries), firstChar, widths: widths.map((w) => this.resolve(w)).map((w) => (typeof w === 'number' ? w : unreadable('widths'))) };
    this.fonts.set(dict, font);
    return font;
  }

  private numbers(v: Value | undefined, n: number): number[] {
    const arr = this.resolve(v);
    if (!Array.isArray(arr) || arr.length !== n) unreadable('numbers');
    return arr.map((x) => {
      const r = this.resolve(x);
      return typeof r === 'number' ? r : unreadable('numbers');
    });
  }

  private dict(v: Value | undefined): Dict {
    const d = this.resolve(v);
    if (d instanceof Map) return d;
    if (d instanceof Stream) return d.dict;
    unreadable('dictionary');
  }

  private resolve(v: Value | undefined): Value | undefined {
    return v instanceof Ref ? this.object(v.num) : v;
  }

  /** Object `n` as the table places it (§7.3.10), a stream with where its data starts. */
  private object(n: number): Value {
    const cached = this.objects.get(n);
    if (cached !== undefined) return cached;
    const at = this.table.offsets.get(n) ?? unreadable('missing object');
    const lexer = new Lexer(this.text, at);
    if (lexer.next(false) !== n || typeof lexer.next(false) !== 'number') unreadable('object header');
    if (lexer.next(false) !== 'obj') unreadable('object header');
    const v = lexer.next(true);
    if (v === undefined || typeof v === 'string') unreadable('object');
    let out: Value = v;
    const after = /^\s*stream(\r\n|\n)/.exec(this.text.slice(lexer.i, lexer.i + 16));
    if (after && v instanceof Map) out = new Stream(v, lexer.i + after[0].length);
    this.objects.set(n, out);
    return out;
  }

  /** A stream's data, inflated; only Flate without a predictor, which is all LibreOffice uses. */
  private decode(stream: Stream): string {
    const length = this.resolve(stream.dict.get('Length'));
    if (typeof length !== 'number' || length < 0 || stream.start + length > this.text.length) unreadable('length');
    const raw = this.bytes.subarray(stream.start, stream.start + length);
    const filter = this.resolve(stream.dict.get('Filter'));
    const filters = filter === undefined ? [] : Array.isArray(filter) ? filter.map((f) => this.resolve(f)) : [filter];
    if (stream.dict.has('DecodeParms')) unreadable('decode parameters');
    if (filters.length === 0) {
      this.work(raw.length);
      return raw.toString('latin1');
    }
    if (filters.length !== 1 || !(filters[0] instanceof Name) || filters[0].name !== 'FlateDecode') unreadable('filter');
    // Past the bound zlib stops and throws (a RangeError): the file goes to pdftotext.
    const data = inflateSync(raw, { maxOutputLength: Math.max(1, Math.min(limits.streamBytes, limits.workBytes - this.workBytes)) });
    this.work(data.length);
    return data.toString('latin1');
  }

  private work(bytes: number): void {
    if ((this.workBytes += bytes) > limits.workBytes) unreadable('work');
  }
}

/** The highest code a simple font's one-byte strings can hold: the only fonts read here. */
const MAX_CODE = 0xff;

/**
 * A ToUnicode CMap's `bfchar` and `bfrange` entries (PDF 1.7, §9.10.3): code → the UTF-16BE
 * text it stands for. A CMap with anything else that maps (`cidchar`, `usecmap`) is not read.
 */
export function parseToUnicode(cmap: string, maxEntries = Infinity): Map<number, string> {
  if (/\b(begincidchar|begincidrange|usecmap)\b/.test(cmap)) unreadable('CMap');
  const out = new Map<number, string>();
  let entries = 0;
  const set = (code: number, text: string) => {
    if (++entries > maxEntries) unreadable('CMap size');
    out.set(code, text);
  };
  const utf16 = (hex: string): string => {
    let s = '';
    for (let k = 0; k + 4 <= hex.length; k += 4) s += String.fromCharCode(parseInt(hex.slice(k, k + 4), 16));
    return hex.length % 4 === 0 ? s : unreadable('CMap');
  };
  // Blocks in file order, a later mapping of a code replacing an earlier one, as poppler reads them.
  for (const block of cmap.matchAll(/begin(bfchar|bfrange)([\s\S]*?)end\1/g)) {
    if (block[1] === 'bfchar') {
      for (const m of block[2]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) {
        const code = parseInt(m[1]!, 16);
        if (code <= MAX_CODE) set(code, utf16(m[2]!));
      }
      continue;
    }
    const entry = /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]*)>|\[([^\]]*)\])/g;
    for (const m of block[2]!.matchAll(entry)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      if (hi < lo || hi - lo > 0xffff) unreadable('CMap');
      // Only simple fonts are read, one byte a code: codes past 0xFF are never looked up, so not set.
      const top = Math.min(hi, MAX_CODE);
      if (m[3] !== undefined) {
        // Consecutive codes: the last UTF-16 unit counts up.
        const first = utf16(m[3]);
        if (first === '') unreadable('CMap');
        const head = first.slice(0, -1);
        const last = first.charCodeAt(first.length - 1);
        for (let code = lo; code <= top; code++) set(code, head + String.fromCharCode(last + code - lo));
      } else {
        const each = [...m[4]!.matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => utf16(x[1]!));
        for (let code = lo; code <= top && code - lo < each.length; code++) set(code, each[code - lo]!);
      }
    }
  }
  return out;
}

/**
 * The lost-text check reads each page's characters from the PDF itself (pdf-text.ts) instead
 * of running pdftotext. It must give pdftotext's characters, page by page, wherever it
 * answers, and leave the file to pdftotext wherever poppler's own rules (characters off the
 * page, text drawn twice, ActualText, no ToUnicode) could make a difference.
 *
 * Small PDFs written here try each construct; LibreOffice's PDFs of the fixture documents,
 * the hanging-punctuation one among them, compare the two readers on what they are for
 * (every example's PDF is compared in examples.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examinePdf, type ExamineInput } from '../../src/render/pdf/examine.js';
import { docxFontNames } from '../../src/render/pdf/font-check.js';
import { parseToUnicode, readPdfText } from '../../src/render/pdf/pdf-text.js';
import { countedSequence, findTextLoss, pagesReadHere, pdfPages } from '../../src/render/pdf/text-check.js';
import { findOnPath } from '../../src/render/pdf/tools.js';
import { tempDir } from '../helpers/cli.js';
import { convertInOneRun, makePlanDocx, type FixtureDocx } from './fixture-docx.js';
import { missingRenderTools } from './pdf-layout.js';

const pdftotext = findOnPath('pdftotext', process.env);
const tmp = tempDir('plangen-pdf-text-');
afterAll(() => tmp.cleanup());

type Obj = string | { readonly dict: string; readonly data: string | Buffer };

/** A PDF of these objects (numbered from 1, the first the catalog) with a classic cross-reference table. */
function pdfOf(objects: readonly Obj[], trailer = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const size = () => parts.reduce((n, p) => n + p.length, 0);
  const offsets: number[] = [];
  for (const [i, o] of objects.entries()) {
    offsets.push(size());
    if (typeof o === 'string') parts.push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1'));
    else {
      const data = typeof o.data === 'string' ? Buffer.from(o.data, 'latin1') : o.data;
      parts.push(Buffer.from(`${i + 1} 0 obj\n<<${o.dict}/Length ${data.length}>>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n', 'latin1'));
    }
  }
  const xrefAt = size();
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}trailer\n<</Size ${objects.length + 1}/Root 1 0 R${trailer}>>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/**
 * Codes 01–07 one by one, 10–12 as a range counting up, 20–21 as a range with a list:
 * 一 ， 。 — 1 (space) 2 | 二 亍 于 | 十 3.
 */
const cmap = `/CIDInit/ProcSet findresource begin 12 dict begin begincmap
/CMapName/Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
7 beginbfchar
<01> <4E00>
<02> <FF0C>
<03> <3002>
<04> <2014>
<05> <0031>
<06> <0020>
<07> <0032>
endbfchar
2 beginbfrange
<10> <12> <4E8C>
<20> <21> [<5341> <0033>]
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`;

const widths = Array.from({ length: 64 }, (_, i) => (i === 6 ? 250 : 1000)).join(' ');
const fontDict = (extra = '/ToUnicode 7 0 R') => `<</Type/Font/Subtype/Type1/BaseFont/Helvetica/FirstChar 0/LastChar 63/Widths[${widths}]${extra}>>`;
/** `— N —`, as a footer draws it. */
const footer = (n: number) => `BT /F1 14 Tf 450 60 Td <0406${n === 1 ? '05' : '07'}0604>Tj ET`;

interface DocOptions {
  readonly pages: readonly string[];
  readonly font?: string;
  /** Extra resources (inside the Resources dictionary) and objects from number 8 on. */
  readonly resources?: string;
  readonly extra?: readonly Obj[];
  readonly page?: string;
  readonly deflate?: boolean;
  readonly trailer?: string;
}

/** Catalog 1, pages 2, resources 3, font 4, then the CMap as 7 and the page objects after the extras. */
function doc(o: DocOptions): Buffer {
  const first = 8 + (o.extra?.length ?? 0);
  const kids = o.pages.map((_, i) => `${first + 2 * i} 0 R`).join(' ');
  const pageObjects: Obj[] = o.pages.flatMap((content, i) => [
    `<</Type/Page/Parent 2 0 R/Contents ${first + 2 * i + 1} 0 R${o.page ?? ''}>>`,
    o.deflate ? { dict: '/Filter/FlateDecode', data: deflateSync(Buffer.from(content, 'latin1')) } : { dict: '', data: content },
  ]);
  return pdfOf(
    [
      '<</Type/Catalog/Pages 2 0 R>>',
      `<</Type/Pages/Kids[${kids}]/Count ${o.pages.length}/MediaBox[0 0 595.3 841.9]/Resources 3 0 R>>`,
      `<</Font<</F1 4 0 R>>${o.resources ?? ''}>>`,
      o.font ?? fontDict(),
      '<<>>',
      '<<>>',
      { dict: '', data: cmap },
      ...(o.extra ?? []),
      ...pageObjects,
    ],
    o.trailer,
  );
}

/** Each page's counted characters with how many of each, page number taken out as for pdftotext's output. */
const tallies = (pages: readonly string[]) =>
  pages.map((p) => {
    const m = new Map<string, number>();
    for (const c of countedSequence(p)) m.set(c, (m.get(c) ?? 0) + 1);
    return [...m].sort(([a], [b]) => (a < b ? -1 : 1));
  });

function poppler(file: string): string[] {
  return pdfPages(execFileSync(pdftotext!, ['-enc', 'UTF-8', file, '-']).toString('utf8'));
}

/** The PDF with its last stream's dictionary opening as `opening` instead (the page's contents in doc()). */
function lastStream(pdf: Buffer, opening: string): Buffer {
  const s = pdf.toString('latin1');
  const at = s.lastIndexOf('<</Length');
  return Buffer.from(s.slice(0, at) + opening + s.slice(at + '<</Length'.length), 'latin1');
}

let written = 0;
function save(pdf: Buffer): string {
  const file = path.join(tmp.dir, `made-${++written}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

describe('reading a page\'s characters from the PDF', () => {
  const shows = [
    // Tj, TJ with a kerning number, Td, a literal string with an octal escape, ' and " with TL.
    'BT /F1 16 Tf 100 700 Td <0102>Tj [<03> -20 <1011>]TJ 0 -20 Td (\\022) Tj 20 TL (\\040) \' 1 2 (\\041) " ET',
    footer(1),
  ].join('\n');

  it('maps codes through bfchar and both forms of bfrange, for every text-showing operator', () => {
    expect(readPdfText(doc({ pages: [shows] }))).toEqual(['一，。二亍于十3\n— 1 —\n']);
    expect(parseToUnicode(cmap).get(0x11)).toBe('亍');
  });

  it('reads Flate-compressed contents, pages in the tree\'s order, and text inside a form', () => {
    const form: Obj = { dict: '/Type/XObject/Subtype/Form/BBox[0 0 595 842]/Matrix[1 0 0 1 0 -100]', data: 'BT /F1 16 Tf 100 500 Td <0107>Tj ET' };
    const pages = [`q 1 0 0 1 10 10 cm /X1 Do Q\n${footer(1)}`, `BT /F1 16 Tf 100 700 Td <10>Tj ET\n${footer(2)}`];
    const pdf = doc({ pages, deflate: true, resources: '/XObject<</X1 8 0 R>>', extra: [form] });
    expect(readPdfText(pdf)).toEqual(['一2\n— 1 —\n', '二\n— 2 —\n']);
    if (pdftotext) expect(tallies(pagesReadHere(readPdfText(pdf)!)!)).toEqual(tallies(poppler(save(pdf))));
  });

  it.skipIf(!pdftotext)('gives pdftotext\'s characters for each page it reads', () => {
    const pdf = doc({ pages: [shows, `BT /F1 16 Tf 2 Tr 100 700 Td <2021>Tj ET\n${footer(2)}`] });
    const here = pagesReadHere(readPdfText(pdf)!);
    expect(here).toBeDefined();
    expect(tallies(here!)).toEqual(tallies(poppler(save(pdf))));
  });

  // Each of these is something poppler treats by rules of its own: the reader answers nothing.
  const lone = (content: string, o: Partial<DocOptions> = {}) => doc({ pages: [`${content}\n${footer(1)}`], ...o });
  const cases: [string, Buffer, 'poppler drops it' | 'poppler keeps one' | undefined][] = [
    ['a character off the page', lone('BT /F1 16 Tf -200 700 Td <01>Tj ET BT /F1 16 Tf 100 700 Td <02>Tj ET'), 'poppler drops it'],
    ['the same text drawn twice on one spot (fake bold)', lone('BT /F1 16 Tf 100 700 Td <01>Tj ET BT /F1 16 Tf 100.5 700 Td <01>Tj ET'), 'poppler keeps one'],
    ['replacement text (ActualText)', lone('/Span <</ActualText (x)>> BDC BT /F1 16 Tf 100 700 Td <01>Tj ET EMC'), undefined],
    ['a font without ToUnicode', lone('BT /F1 16 Tf 100 700 Td <01>Tj ET', { font: fontDict('') }), undefined],
    ['a code its ToUnicode lacks', lone('BT /F1 16 Tf 100 700 Td <3F>Tj ET'), undefined],
    ['a Type 0 font', lone('BT /F1 16 Tf 100 700 Td <0001>Tj ET', { font: '<</Type/Font/Subtype/Type0/BaseFont/X/Encoding/Identity-H/ToUnicode 7 0 R>>' }), undefined],
    ['a Type 3 font', lone('BT /F1 16 Tf 100 700 Td <01>Tj ET', { font: fontDict('/ToUnicode 7 0 R').replace('/Type1', '/Type3') }), undefined],
    ['invisible text (render mode 3)', lone('BT /F1 16 Tf 3 Tr 100 700 Td <01>Tj ET'), undefined],
    ['an inline image', lone('BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI BT /F1 16 Tf 100 700 Td <01>Tj ET'), undefined],
    ['an annotation with an appearance', lone('BT /F1 16 Tf 100 700 Td <01>Tj ET', { page: '/Annots[<</Subtype/FreeText/Rect[0 0 1 1]/AP<<>>>>]' }), undefined],
    ['another filter than Flate', lastStream(lone('BT /F1 16 Tf 100 700 Td <01>Tj ET'), '<</Filter/ASCIIHexDecode/Length'), undefined],
    ['an encrypted file', lone('BT /F1 16 Tf 100 700 Td <01>Tj ET', { trailer: '/Encrypt 5 0 R' }), undefined],
    ['object streams', Buffer.from(lone('BT /F1 16 Tf 100 700 Td <01>Tj ET').toString('latin1').replace('<</Type/Catalog', '<</Type/ObjStm '), 'latin1'), undefined],
    ['not a PDF', Buffer.from('not a PDF\n%%EOF\n'), undefined],
  ];
  it.each(cases)('leaves the file to pdftotext: %s', (_name, pdf, popplerRule) => {
    expect(readPdfText(pdf)).toBeUndefined();
    if (!popplerRule || !pdftotext) return;
    // The rule is poppler's: a naive reading would count 一 once more than pdftotext gives.
    const counted = tallies(poppler(save(pdf)))[0]!;
    expect(counted.find(([c]) => c === '一')?.[1]).toBe(popplerRule === 'poppler drops it' ? undefined : 1);
  });

  it('takes the page number out only where a page has exactly one', () => {
    expect(pagesReadHere(['正文，第一页\n— 1 —\n', '第二页\n— 2 —\n'])).toEqual(['正文，第一页\n\n', '第二页\n\n']);
    // None, or two that could be it: which one pdftotext would take out is not known here.
    expect(pagesReadHere(['正文\n'])).toBeUndefined();
    expect(pagesReadHere(['—1—正文\n— 1 —\n'])).toBeUndefined();
  });
});

/** A Type 1 font with a width for every byte, its ToUnicode map object `cmapObject`. */
const byteFont = (cmapObject: number) => `<</Type/Font/Subtype/Type1/BaseFont/Helvetica/FirstChar 0/LastChar 255/Widths[${Array(256).fill(500).join(' ')}]/ToUnicode ${cmapObject} 0 R>>`;
const asciiMap = (blocks: string) => `/CIDInit/ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n${blocks}\nendcmap CMapName currentdict /CMap defineresource pop end end`;
/** Every printable ASCII byte as itself. */
const asciiRange = '1 beginbfrange\n<20> <7E> <0020>\nendbfrange';

/** pdftotext's pages as it prints them (page numbers left in: these files have no footer). */
function popplerPages(file: string): string[] {
  const pages = execFileSync(pdftotext!, ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 }).toString('utf8').split('\f');
  if (pages.length > 1 && pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages;
}

/** Each page's characters other than white space, with how many of each. */
const glyphs = (pages: readonly string[]) =>
  pages.map((p) => {
    const m = new Map<string, number>();
    for (const c of p) if (!/\s/.test(c)) m.set(c, (m.get(c) ?? 0) + 1);
    return [...m].sort(([a], [b]) => (a < b ? -1 : 1));
  });

/** The reader's answer and how long it took; where it answers and pdftotext is here, the two must agree. */
function readTimed(pdf: Buffer): { here: string[] | undefined; ms: number } {
  const started = performance.now();
  const here = readPdfText(pdf);
  const ms = performance.now() - started;
  if (here && pdftotext) expect(glyphs(here)).toEqual(glyphs(popplerPages(save(pdf))));
  return { here, ms };
}

// Far above what these take once bounded (milliseconds), far below what they took unbounded (seconds to minutes).
const QUICK_MS = 10_000;
const SLOW_TEST = { timeout: 120_000 };

describe('reading a hostile or odd PDF: pdftotext\'s answer, or none, and soon', () => {
  it('applies ToUnicode blocks in the file\'s order, a later mapping of a code winning', SLOW_TEST, () => {
    const content = 'BT /F1 16 Tf 100 700 Td (- 1 -) Tj ET';
    const rangeFirst = doc({ pages: [content], font: byteFont(8), extra: [{ dict: '', data: asciiMap(`${asciiRange}\n1 beginbfchar\n<31> <4E00>\nendbfchar`) }] });
    const charFirst = doc({ pages: [content], font: byteFont(8), extra: [{ dict: '', data: asciiMap(`1 beginbfchar\n<31> <4E00>\nendbfchar\n${asciiRange}`) }] });
    expect(readTimed(rangeFirst).here).toEqual(['- 一 -\n']);
    expect(readTimed(charFirst).here).toEqual(['- 1 -\n']);
  });

  /** `count` characters from `alphabet` in turn at `size` pt, lines 500 pt wide, on each of `pages` pages. */
  const manyChars = (count: number, size: number, alphabet = 'a', pages = 1) => {
    const perLine = Math.floor(500 / (size * 0.5));
    let content = `BT /F1 ${size} Tf 20 800 Td ${size * 1.2} TL\n`;
    const line = Array.from({ length: perLine }, (_, i) => alphabet[i % alphabet.length]).join('');
    for (let left = count; left > 0; left -= perLine) content += `(${line.slice(0, left)}) Tj T*\n`;
    return doc({ pages: Array<string>(pages).fill(`${content}ET`), font: byteFont(8), extra: [{ dict: '', data: asciiMap(asciiRange) }], deflate: true });
  };
  const alphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

  it('hands a page of more characters than a page holds to pdftotext (poppler drops tiny text past 50,000)', SLOW_TEST, () => {
    const { here, ms } = readTimed(manyChars(60_000, 1, alphanumerics));
    expect(here).toBeUndefined();
    expect(ms).toBeLessThan(QUICK_MS);
  });

  it('still reads dense pages below that bound', SLOW_TEST, () => {
    const { here, ms } = readTimed(manyChars(15_000, 4, alphanumerics, 2));
    expect(here?.map((p) => p.replace(/\s/g, '').length)).toEqual([15_000, 15_000]);
    expect(ms).toBeLessThan(QUICK_MS);
  });

  it('hands over pages whose same-spot test would compare past its bound', SLOW_TEST, () => {
    // 10,000 of one character on each of three pages: 150 million comparisons unbounded.
    const { here, ms } = readTimed(manyChars(10_000, 4, 'a', 3));
    expect(here).toBeUndefined();
    expect(ms).toBeLessThan(QUICK_MS);
  });

  const text = 'BT /F1 16 Tf 100 700 Td (a) Tj ET\n';
  const plain = (content: string | Buffer, extra: readonly Obj[] = [], resources = '') =>
    doc({ pages: [typeof content === 'string' ? content : content.toString('latin1')], font: byteFont(8), extra: [{ dict: '', data: asciiMap(asciiRange) }, ...extra], resources, deflate: true });

  it('hands over a save stack nested past its bound, and reads one nested a little', SLOW_TEST, () => {
    // Three million `q` deflate to a few kilobytes; each saved a copy of the state.
    const deep = readTimed(plain(text + 'q '.repeat(3_000_000)));
    expect(deep.here).toBeUndefined();
    expect(deep.ms).toBeLessThan(QUICK_MS);
    expect(readTimed(plain(`${'q '.repeat(100)}${text}${'Q '.repeat(100)}`)).here).toEqual(['a\n']);
  });

  it('hands over forms that draw forms past a bound on form runs per page', SLOW_TEST, () => {
    // Seven forms, each drawing the next eight times: 8^6 runs from a few kilobytes.
    const forms: Obj[] = Array.from({ length: 7 }, (_, l) => ({
      dict: `/Type/XObject/Subtype/Form/BBox[0 0 10 10]/Resources<<${l < 6 ? `/XObject<</X ${10 + l} 0 R>>` : ''}>>/Filter/FlateDecode`,
      data: deflateSync(Buffer.from(l < 6 ? '/X Do\n'.repeat(8) : 'q Q')),
    }));
    const fan = readTimed(plain(`${text}/X Do`, forms, '/XObject<</X 9 0 R>>'));
    expect(fan.here).toBeUndefined();
    expect(fan.ms).toBeLessThan(QUICK_MS);
    // One form drawn twice is read twice.
    const twice: Obj = { dict: '/Type/XObject/Subtype/Form/BBox[0 0 595 842]', data: 'BT /F1 16 Tf 300 300 Td (b) Tj ET' };
    expect(readTimed(plain(`${text}/X Do q 1 0 0 1 0 100 cm /X Do Q`, [twice], '/XObject<</X 9 0 R>>')).here).toEqual(['a\nb\nb\n']);
  });

  it('reads a ToUnicode map of many wide ranges quickly, or hands it over', SLOW_TEST, () => {
    const wide = asciiMap(`10000 beginbfrange\n<20> <7E> <0020>\n${'<0000> <FFFF> <0020>\n'.repeat(10_000)}endbfrange`);
    const pdf = doc({ pages: ['BT /F1 16 Tf 100 700 Td (- 1 -) Tj ET'], font: byteFont(8), extra: [{ dict: '/Filter/FlateDecode', data: deflateSync(Buffer.from(wide, 'latin1')) }] });
    const { ms } = readTimed(pdf);
    expect(ms).toBeLessThan(QUICK_MS);
    // A few such ranges are read, the last one winning: 0x2D 0x20 0x31 each shifted by 0x20.
    const few = asciiMap(`2 beginbfrange\n<20> <7E> <0020>\n<0000> <FFFF> <0020>\nendbfrange`);
    expect(readTimed(doc({ pages: ['BT /F1 16 Tf 100 700 Td (- 1 -) Tj ET'], font: byteFont(8), extra: [{ dict: '', data: few }] })).here).toEqual(['M@Q@M\n']);
  });

  it('hands over a stream that inflates past its bound', SLOW_TEST, () => {
    const bomb = readTimed(plain(Buffer.concat([Buffer.from(text), Buffer.alloc(80 << 20, 32)])));
    expect(bomb.here).toBeUndefined();
    expect(bomb.ms).toBeLessThan(QUICK_MS);
  });

  it('hands over a file whose pages together draw more than the bound on work', SLOW_TEST, () => {
    // 300 pages drawing one megabyte of content each, the same stream: 300 MB read from 1 KB.
    const content = deflateSync(Buffer.concat([Buffer.from(text), Buffer.alloc(1 << 20, 32)]));
    const pages = Array.from({ length: 300 }, () => '<</Type/Page/Parent 2 0 R/Contents 8 0 R>>');
    const kids = pages.map((_, i) => `${9 + i} 0 R`).join(' ');
    const pdf = pdfOf([
      '<</Type/Catalog/Pages 2 0 R>>',
      `<</Type/Pages/Kids[${kids}]/Count 300/MediaBox[0 0 595.3 841.9]/Resources 3 0 R>>`,
      '<</Font<</F1 4 0 R>>>>',
      byteFont(7),
      '<<>>',
      '<<>>',
      { dict: '', data: asciiMap(asciiRange) },
      { dict: '/Filter/FlateDecode', data: content },
      ...pages,
    ]);
    const shared = readTimed(pdf);
    expect(shared.here).toBeUndefined();
    expect(shared.ms).toBeLessThan(QUICK_MS);
  });
});

describe.skipIf(!!missingRenderTools() || process.platform === 'win32')('LibreOffice\'s PDFs, read here and by pdftotext', () => {
  let docs: FixtureDocx[];
  const raw: string[] = [];

  beforeAll(async () => {
    // The hanging one is where LibreOffice really drops marks; the second has an attachment page.
    docs = [await makePlanDocx({ paragraphs: 16, attachments: 0, hanging: true }), await makePlanDocx({ paragraphs: 8, attachments: 1 })];
    raw.push(...convertInOneRun(docs, tmp.dir));
  }, 240_000);

  it('finds the same characters on every page, and the same losses', () => {
    for (const [i, file] of raw.entries()) {
      const here = pagesReadHere(readPdfText(readFileSync(file)) ?? []);
      expect(here, file).toBeDefined();
      const there = poppler(file);
      expect(tallies(here!)).toEqual(tallies(there));
      // The document's text, and texts claiming marks the PDF lacks: the same verdicts.
      const text = docs[i]!.text;
      for (const claimed of [text, `${text}，`, text.replace('一、', '一、、'), `２０２５${text}`]) {
        expect(findTextLoss(claimed, here!)).toEqual(findTextLoss(claimed, there));
      }
    }
    // LibreOffice dropped line-end marks from the hanging document: both readers see it.
    expect(findTextLoss(docs[0]!.text, poppler(raw[0]!))).toBeDefined();
    expect(findTextLoss(docs[1]!.text, poppler(raw[1]!))).toBeUndefined();
  });

  it('runs pdftotext only for a PDF it cannot read, with the same verdict', { timeout: 60_000 }, async () => {
    // A pdftotext that marks each call, then does the real work.
    const calls = path.join(tmp.dir, 'pdftotext-calls');
    const stub = path.join(tmp.dir, 'counting-pdftotext');
    writeFileSync(stub, `#!/bin/sh\necho "$3" >> "${calls}"\nexec "${pdftotext}" "$@"\n`);
    chmodSync(stub, 0o755);
    const input = (file: string, i: number): ExamineInput => {
      const output = path.join(tmp.dir, `examined-${++written}.pdf`);
      writeFileSync(output, readFileSync(file));
      return { output, docx: docs[i]!.docx, text: docs[i]!.text, fonts: docxFontNames(docs[i]!.docx)!, tools: { pdfinfo: undefined, pdftotext: stub, pdffonts: undefined }, env: process.env };
    };
    const direct = await Promise.all(raw.map((f, i) => examinePdf(input(f, i))));
    expect(existsSync(calls)).toBe(false);
    // Bytes after the end-of-file marker: poppler reads past them, this reader does not.
    const hidden = path.join(tmp.dir, 'after-eof.pdf');
    writeFileSync(hidden, Buffer.concat([readFileSync(raw[0]!), Buffer.from('% after the end\n')]));
    expect(readPdfText(readFileSync(hidden))).toBeUndefined();
    const fallback = await examinePdf(input(hidden, 0));
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toHaveLength(1);
    // (The fonts are not compared here: pdffonts is left out, and this file's fonts are the system's.)
    const lost = (r: { problems: readonly { ruleId: string }[] }) => r.problems.filter((p) => p.ruleId === 'pdf-text-lost');
    expect(lost(fallback)).toEqual(lost(direct[0]!));
    expect(lost(direct[0]!)).toHaveLength(1);
    expect(lost(direct[1]!)).toEqual([]);
    rmSync(calls, { force: true });
  });
});

import { Document, DocumentGridType, FileChild, Footer, Packer, PageOrientation, Styles, XmlComponent } from 'docx';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { DocumentModel, Layout } from '../../model/document.js';
import type { FontNames } from './fonts.js';
import { builtPackages, type BuiltPackage } from './generated/docx-packages.js';
import { createContext, type BlockOut, type RenderContext } from './context.js';
import { renderBlocks, rootEnv } from './blocks.js';
import { pageFooters } from './footer.js';
import { FOOTER_DISTANCE, HEADER_DISTANCE, LINE_PITCH, PAGE_HEIGHT, PAGE_WIDTH } from './metrics.js';
import { addFieldResult, canonicalZip, rewriteCoreDates } from './package.js';
import { fontTableXml, rewriteThemeFonts, stylesXml } from './styles.js';
import { bodyChildren, documentPieces, documentXml } from './body-xml.js';
import { escapeXml, XmlBlock } from './xml-text.js';
import { xmlSafe } from '../../util/characters.js';
import { placedAt } from './paragraphs.js';
import { ParagraphRecorder, type RecordedParagraph, type RevisionWriter } from './revisions.js';

/*
 * The DOCX writer, split the way pandoc's is: metrics.ts (the numbers of GB/T 9704),
 * fonts.ts, styles.ts (styles.xml, theme and font table), paragraphs.ts (the line grid),
 * inline.ts (phrasing → runs), blocks.ts (one handler per mdast node), doc-blocks.ts
 * (title, recipients, 附件说明, signature, attachment pages), header.ts (版头), colophon.ts
 * (版记), tables.ts, footer.ts (页码), and package.ts/ids.ts (the canonical zip). The body
 * of word/document.xml is written as text (xml-text.ts, body-xml.ts); docx writes the
 * package around it.
 */

/**
 * document → DOCX bytes, laid out to GB/T 9704-2012 (see the team's GBT9704.md notes), plus
 * the document's visible text, one line per paragraph. Deterministic: the same model gives
 * the same bytes on any machine and in any time zone.
 */
export async function renderDocx(model: DocumentModel, revisions?: RevisionWriter): Promise<{ docx: Uint8Array; text: string }> {
  const ctx = createContext(model.layout, model.images, revisions);
  const made: BlockOut[] = [];
  renderBlocks(model.tree.children, ctx, rootEnv(ctx), made);
  const { children, stretches } = bodyChildren(revisions ? withDeletedParagraphs(made, revisions) : made);
  // The blocks' text is all the body needs from here on.
  made.length = 0;
  const meta = { title: model.meta.title, creator: model.meta.creator ?? 'plangen' };
  // A body all of text, with no revisions, packs to the same parts as every other such
  // document with the same fonts and margins but for the text and the core properties.
  const reusable = !revisions && children.length === 1 && stretches.length === 1 && meta.title !== '' && meta.creator !== '';
  const key = reusable ? packageKey(ctx.fonts, model.layout.margins) : '';
  let fixed = reusable ? (packages.get(key) ?? builtPackage(key)) : undefined;
  if (!fixed) {
    const packed = await packDocument(model, ctx, children, revisions, reusable ? CORE_MARKS : meta);
    const pieces = documentPieces(partText(packed, 'word/document.xml'), stretches.length);
    fixed = { parts: packed, pieces, core: partText(packed, 'docProps/core.xml') };
  }
  if (reusable && !packages.has(key)) {
    // A few fonts-and-margins pairs in a process at most; a long --watch session that
    // tries many margins starts afresh rather than growing.
    if (packages.size >= 16) packages.clear();
    packages.set(key, fixed);
  }
  const parts = { ...fixed.parts };
  const body = documentXml(fixed.pieces, stretches);
  stretches.length = 0;
  const core = reusable ? fillCore(fixed.core, meta) : fixed.core;
  const docx = canonicalZip(parts, [
    ['word/styles.xml', stylesXml(model.layout)],
    ['word/fontTable.xml', fontTableXml(model.layout)],
    ['word/theme/theme1.xml', (xml) => rewriteThemeFonts(xml, model.layout)],
    ['docProps/core.xml', rewriteCoreDates(core, model.timestamp)],
    ['word/document.xml', body],
    [/^word\/footer\d+\.xml$/, addFieldResult],
  ]);
  // The text the PDF is checked against is the text the DOCX holds.
  return { docx, text: xmlSafe(ctx.lines.join('\n')) };
}

/**
 * What docx writes for a document, its parts by name: all but word/document.xml and
 * docProps/core.xml are the same for every plain document with the same fonts and margins,
 * and core.xml differs only in the title and author. A batch's plans with a body all of text
 * take them from the first such document (see renderDocx), or, for the built-in templates'
 * fonts and margins, from what docx packed at build time (builtPackage); docx packs a
 * document only when it holds an image or revisions, or is the first of another kind.
 */
const packages = new Map<string, PlainPackage>();

interface PlainPackage {
  readonly parts: Readonly<Record<string, Uint8Array>>;
  readonly pieces: readonly string[];
  readonly core: string;
}

/** The key of a plain document's package: what the parts docx writes for it depend on. */
export function packageKey(fonts: FontNames, margins: Layout['margins']): string {
  return JSON.stringify([fonts, { top: margins.top, right: margins.right, bottom: margins.bottom, left: margins.left }]);
}

/**
 * A plain package docx wrote when plangen was built (scripts/generate-docx-parts.mjs), for
 * the fonts and margins the built-in templates give: a one-plan build then never runs docx's
 * Document and Packer, and a template with other margins packs its first document as before.
 */
function builtPackage(key: string): PlainPackage | undefined {
  const built = builtPackages.find((p) => p.keys.includes(key));
  if (!built) return undefined;
  const parts: Record<string, Uint8Array> = {};
  for (const [name, xml] of Object.entries(built.parts)) parts[name] = strToU8(xml);
  return { parts, pieces: built.pieces, core: built.core };
}

/**
 * What docx writes for a plain document with these fonts and margins, in the form
 * builtPackage reads: its parts but word/document.xml as text, the pieces of document.xml
 * around the body, and core.xml with {@link CORE_MARKS}. The build runs this for each
 * variant it keeps; the tests compare what it kept with a fresh run.
 */
export async function packPlain(layout: Layout): Promise<{ readonly key: string } & Omit<BuiltPackage, 'keys'>> {
  const ctx = createContext(layout, new Map());
  const { children, stretches } = bodyChildren([new XmlBlock('')]);
  const model = { layout } as DocumentModel;
  const packed = await packDocument(model, ctx, children, undefined, CORE_MARKS, false);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(packed).sort()) {
    const data = packed[name];
    if (name !== 'word/document.xml' && name !== 'docProps/core.xml' && data) parts[name] = strFromU8(data);
  }
  return {
    key: packageKey(ctx.fonts, layout.margins),
    parts,
    pieces: documentPieces(partText(packed, 'word/document.xml'), stretches.length),
    // docx stamps the time of packing; every document's own clock reading replaces it, so a
    // fixed one keeps the generated module the same from build to build.
    core: rewriteCoreDates(partText(packed, 'docProps/core.xml'), new Date(0)),
  };
}

/** A packed part's text, or nothing when docx did not write it. */
function partText(packed: Record<string, Uint8Array>, name: string): string {
  const data = packed[name];
  return data ? strFromU8(data) : '';
}

/** Title and author placeholders in a core.xml that is kept for other documents. */
const CORE_MARKS = { title: 'plangen-core-title', creator: 'plangen-core-creator' };

/** core.xml for a document's title and author, from one written with {@link CORE_MARKS}: escaped as docx escapes them. */
function fillCore(core: string, meta: { readonly title: string; readonly creator: string }): string {
  // One pass, so a title that reads like a placeholder is not filled in again.
  return core.replace(/plangen-core-(title|creator)/g, (_m, field: 'title' | 'creator') => escapeXml(meta[field]));
}

async function packDocument(
  model: DocumentModel,
  ctx: RenderContext,
  children: FileChild[],
  revisions: RevisionWriter | undefined,
  meta: { readonly title: string; readonly creator: string },
  // packPlain wants every part from docx itself, not the footers and theme kept from before.
  reuseFixed = true,
): Promise<Record<string, Uint8Array>> {
  const { margins } = model.layout;
  const fontsKey = JSON.stringify(ctx.fonts);
  const known = reuseFixed ? fixedParts.get(fontsKey) : undefined;
  const doc = new Document({
    title: meta.title,
    creator: meta.creator,
    lastModifiedBy: meta.creator,
    revision: 1,
    evenAndOddHeaderAndFooters: true,
    // A reviewer's own edits to a tracked-changes document are tracked too.
    ...(revisions ? { features: { trackRevisions: true } } : {}),
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_WIDTH, height: PAGE_HEIGHT, orientation: PageOrientation.PORTRAIT },
            margin: { ...margins, header: HEADER_DISTANCE, footer: FOOTER_DISTANCE, gutter: 0 },
          },
          // 22 lines a page; a line-only grid, since LibreOffice sizes a character grid's
          // cells from the Normal style and never reaches 28 a line (GB §5.2.3).
          grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
        },
        // Placeholders when this process has the footers' parts already (see fixedParts).
        footers: known ? { default: new Footer({ children: [] }), even: new Footer({ children: [] }) } : pageFooters(ctx.fonts),
        children,
      },
    ],
  });
  // word/styles.xml is replaced whole by stylesXml below: with an empty styles part docx
  // does not prepare and write its ~40 default styles first, about a tenth of packing.
  Object.assign(doc, { styles: new Styles({}) });
  if (known) Object.assign(doc, { theme: new PartPlaceholder() });
  const parts = await packParts(doc);
  if (known) Object.assign(parts, known);
  else if (reuseFixed) fixedParts.set(fontsKey, Object.fromEntries(Object.entries(parts).filter(([name]) => FIXED_PART.test(name))));
  return parts;
}

/**
 * The page-number footers and the theme are the same for every document with the same
 * fonts, and preparing them was about a tenth of a small document's packing (the theme
 * alone half of docx's fixed cost). The first document with given fonts in a process packs
 * them; later ones, a batch's plans, give docx empty stand-ins and take these parts as docx
 * wrote them then. Edits (theme fonts, the PAGE field's result) are applied after, to both.
 */
const fixedParts = new Map<string, Record<string, Uint8Array>>();
const FIXED_PART = /^word\/(?:footer\d+\.xml|theme\/theme1\.xml)$/;

/** An empty part for docx to write where a fixed part will be put. */
class PartPlaceholder extends XmlComponent {
  constructor() {
    super('w:placeholder');
  }
}

/**
 * What each paragraph of a document reads, in order, as the writer lays it out: the first
 * half of a revision (plangen diff). Nothing is packed.
 */
export function recordParagraphs(model: DocumentModel): RecordedParagraph[] {
  const recorder = new ParagraphRecorder();
  const ctx = createContext(model.layout, model.images, recorder);
  renderBlocks(model.tree.children, ctx, rootEnv(ctx), []);
  return recorder.seen;
}

/** Paragraphs of the old version that are gone, put back (deleted) where they stood. */
function withDeletedParagraphs(blocks: readonly BlockOut[], revisions: RevisionWriter): BlockOut[] {
  const out: BlockOut[] = [];
  for (const block of blocks) {
    const at = placedAt.get(block);
    if (at !== undefined) out.push(...revisions.deletedParagraphs(at));
    out.push(block);
  }
  out.push(...revisions.deletedParagraphs());
  return out;
}

type CompiledData = string | Uint8Array | ArrayBuffer;

/**
 * The package's parts as docx writes them. docx's Packer zips them and canonicalZip would
 * unzip them again (about 60 ms of cold deflate and inflate), so take them from the
 * Packer's compiler directly; if a docx release moves that, fall back to the public way.
 */
async function packParts(doc: Document): Promise<Record<string, Uint8Array>> {
  const compiler = (Packer as unknown as { compiler?: { compile?: (file: Document) => Map<string, CompiledData> } }).compiler;
  if (typeof compiler?.compile !== 'function') return unzipSync(new Uint8Array(await Packer.toArrayBuffer(doc)));
  const parts: Record<string, Uint8Array> = {};
  for (const [name, data] of compiler.compile(doc)) {
    parts[name] = typeof data === 'string' ? strToU8(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
  }
  return parts;
}

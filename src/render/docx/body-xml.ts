import { FileChild } from 'docx';
import type { BlockOut } from './context.js';
import { renumberIds } from './ids.js';
import { editDocxXml, XmlBlock } from './xml-text.js';

/*
 * word/document.xml is docx's writing and ours spliced together. docx writes the document
 * around the body (namespaces, section properties) and the few blocks it must write itself
 * (a paragraph holding an image, whose media and relationship it registers; a revision's
 * paragraphs and tables, plangen diff); every other block is already text (XmlBlock), and
 * docx is given one small marker in place of each stretch of them. The part is then joined
 * once from docx's pieces and the blocks' text, so the whole body is never held twice as
 * docx objects, prepared objects and text, and no whole-part regex pass is needed.
 */

const MARK = 'plangen-body';

/** Where a stretch of text blocks goes in what docx writes. */
class BodyMarker extends FileChild {
  constructor() {
    super(MARK);
  }

  override prepForXml(): ReturnType<FileChild['prepForXml']> {
    return { [MARK]: {} } as ReturnType<FileChild['prepForXml']>;
  }
}

/** The body as docx's section children (docx's own blocks, markers for text) and the text of each marked stretch. */
export function bodyChildren(blocks: readonly BlockOut[]): { children: FileChild[]; stretches: string[][] } {
  const children: FileChild[] = [];
  const stretches: string[][] = [];
  let open: string[] | undefined;
  for (const block of blocks) {
    if (block instanceof XmlBlock) {
      if (!open) {
        open = [];
        stretches.push(open);
        children.push(new BodyMarker());
      }
      open.push(block.xml);
    } else {
      open = undefined;
      children.push(block);
    }
  }
  return { children, stretches };
}

/**
 * What docx wrote for {@link bodyChildren}'s children, split at the markers, with the
 * edits the package makes to docx's XML (package.ts, ids.ts); the text blocks have them
 * already.
 */
export function documentPieces(written: string, stretches: number): string[] {
  const pieces = renumberIds(editDocxXml(written)).split(`<${MARK}/>`);
  if (pieces.length !== stretches + 1) throw new Error(`docx wrote ${pieces.length - 1} body markers for ${stretches} stretches of text`);
  return pieces;
}

/** document.xml: docx's pieces with the stretches' text between them, joined once. */
export function documentXml(pieces: readonly string[], stretches: readonly (readonly string[])[]): string {
  const out: string[] = [];
  pieces.forEach((piece, i) => {
    out.push(piece);
    const stretch = stretches[i];
    if (stretch) for (const xml of stretch) out.push(xml);
  });
  return out.join('');
}

import type { Paragraph, Table } from 'docx';
import type { XmlBlock } from './xml-text.js';
import type { ImageData, Layout } from '../../model/document.js';
import { HeadingCounter } from '../../model/heading-number.js';
import { fontNames, type FontNames } from './fonts.js';
import type { ParagraphHook } from './revisions.js';

/** What a block handler emits: paragraphs and tables, in document order. */
export type BlockOut = Paragraph | Table | XmlBlock;

/**
 * The state of one render. It lives exactly as long as one `renderDocx` call; handlers
 * append to it in document order.
 */
export interface RenderContext {
  readonly layout: Layout;
  readonly fonts: FontNames;
  readonly images: ReadonlyMap<string, ImageData>;
  /** Visible text, one entry per paragraph, for the PDF stage's comparison. */
  readonly lines: string[];
  /** Heading numbers; replaced by a fresh counter inside each attachment page. */
  headings: HeadingCounter;
  /** A docPageBreak was seen: the next paragraph starts a page. */
  pageBreakPending: boolean;
  /** Sees each paragraph as it is made (plangen diff); absent in a plain build. */
  readonly revisions?: ParagraphHook;
}

/** A fresh render state for one document. */
export function createContext(layout: Layout, images: ReadonlyMap<string, ImageData>, revisions?: ParagraphHook): RenderContext {
  return {
    ...(revisions ? { revisions } : {}),
    layout,
    fonts: fontNames(layout.fonts),
    images,
    lines: [],
    headings: new HeadingCounter(),
    pageBreakPending: false,
  };
}

/** Take the pending page break, if any, for the paragraph about to be made. */
export function takePageBreak(ctx: RenderContext): boolean {
  const pending = ctx.pageBreakPending;
  ctx.pageBreakPending = false;
  return pending;
}

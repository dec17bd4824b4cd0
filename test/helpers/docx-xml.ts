import { strFromU8, unzipSync } from 'fflate';
import { DOMParser } from '@xmldom/xmldom';
import * as xpath from 'xpath';

/** Namespaces bound for xpath queries over DOCX parts. */
export const NS = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  pic: 'http://schemas.openxmlformats.org/drawingml/2006/picture',
  cp: 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  rel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  ct: 'http://schemas.openxmlformats.org/package/2006/content-types',
} as const;

const selectNs = xpath.useNamespaces(NS);

/** A parsed XML part. */
export type XmlDoc = Document;

export interface DocxParts {
  /** Entry names in zip order. */
  readonly names: readonly string[];
  /** Raw text of a part (throws when missing). */
  text(name: string): string;
  /** Parsed XML of a part (throws when missing). */
  xml(name: string): XmlDoc;
  readonly document: XmlDoc;
  readonly styles: XmlDoc;
  readonly settings: XmlDoc;
  /** Footer parts by relationship type of the section's reference: `default`, `even`, `first`. */
  footer(type: 'default' | 'even' | 'first'): XmlDoc | undefined;
  /** {@link select}, for convenience: `docx.select('//w:p', docx.document)`. */
  readonly select: typeof select;
  readonly select1: typeof select1;
}

/**
 * Unzip a DOCX and give its parts as text and parsed XML. Parts are parsed on first use.
 * Query them with {@link select} (prefixes w, r, wp, a, pic, cp, dc, dcterms, rel, ct).
 */
export function readDocx(bytes: Uint8Array): DocxParts {
  const entries = unzipSync(bytes);
  const names = Object.keys(entries);
  const cache = new Map<string, XmlDoc>();
  const text = (name: string): string => {
    const data = entries[name];
    if (!data) throw new Error(`no part ${name} in the package (have: ${names.join(', ')})`);
    return strFromU8(data);
  };
  const xml = (name: string): XmlDoc => {
    let doc = cache.get(name);
    if (!doc) {
      doc = new DOMParser().parseFromString(text(name), 'text/xml') as unknown as XmlDoc;
      cache.set(name, doc);
    }
    return doc;
  };
  const footer = (type: 'default' | 'even' | 'first'): XmlDoc | undefined => {
    const id = attr(select1(`//w:sectPr/w:footerReference[@w:type="${type}"]`, xml('word/document.xml')), 'r:id');
    if (!id) return undefined;
    const target = attr(select1(`//rel:Relationship[@Id="${id}"]`, xml('word/_rels/document.xml.rels')), 'Target');
    return target ? xml(`word/${target}`) : undefined;
  };
  return {
    names,
    text,
    xml,
    get document() {
      return xml('word/document.xml');
    },
    get styles() {
      return xml('word/styles.xml');
    },
    get settings() {
      return xml('word/settings.xml');
    },
    footer,
    select,
    select1,
  };
}

/** All nodes an xpath expression selects (prefixes from {@link NS}). */
export function select(expression: string, node: Node | XmlDoc): Node[] {
  const result = selectNs(expression, node as unknown as Node);
  return Array.isArray(result) ? (result as Node[]) : [];
}

/** The first node an xpath expression selects, or undefined. */
export function select1(expression: string, node: Node | XmlDoc): Node | undefined {
  return select(expression, node)[0];
}

/** An attribute's value (`w:val` …) of an element node, or undefined. */
export function attr(node: Node | undefined, name: string): string | undefined {
  if (!node || node.nodeType !== 1) return undefined;
  const el = node as Element;
  return el.hasAttribute(name) ? (el.getAttribute(name) ?? undefined) : undefined;
}

/** The string value of an xpath expression (`string(...)`, `count(...)`). */
export function evaluate(expression: string, node: Node | XmlDoc): string {
  return String(selectNs(expression, node as unknown as Node, true) ?? '');
}

/** Text of a paragraph (or any element): its w:t contents joined. */
export function paragraphText(node: Node): string {
  return select('.//w:t', node)
    .map((t) => t.textContent ?? '')
    .join('');
}

/** All body paragraphs of document.xml (not those inside tables). */
export function bodyParagraphs(doc: XmlDoc): Node[] {
  return select('/w:document/w:body/w:p', doc);
}

/**
 * The body of word/document.xml is written as text by plangen itself (body-xml.ts), not by
 * docx's Formatter: building, preparing and serialising docx's object tree for every run
 * and paragraph was the largest part of rendering (docs/performance.md, docxml). The text
 * must be byte for byte what docx writes, so the few pieces still taken from docx (a run
 * style's `w:rPr`, a kind of paragraph's `w:pPr`, prepared once per process) are written
 * here the way docx 9's own stringifier does, quirks included, and every part of the body
 * is escaped the way docx escapes it.
 */
import { addAutoSpaceOff } from './package.js';

/**
 * A block of the body written as text: the XML docx would write for it, made at once so
 * the runs and paragraphs it was made from can be dropped. Only a plain build makes these;
 * a revision's paragraphs and tables (plangen diff) and a paragraph holding an image stay
 * docx objects, which docx writes in their place (body-xml.ts).
 */
export class XmlBlock {
  constructor(readonly xml: string) {}
}

/**
 * A block's XML: its own text, or, for a docx paragraph that holds no image (its options
 * are ones the writer could not share), what docx would write for it, edited.
 */
export function blockXml(block: XmlBlock | { prepForXml(context: never): unknown }): string {
  if (block instanceof XmlBlock) return block.xml;
  const prepared = block.prepForXml({ stack: [] } as never) as Prepared | undefined;
  return prepared ? editDocxXml(stringifyPrepared(prepared)) : '';
}

/** What docx's Formatter makes of a component: `{ name: [ {_attr}, child, 'text' ] }` and the like. */
export type Prepared = Readonly<Record<string, unknown>>;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

// docx escapes text and attribute values alike, and drops the C0 controls XML 1.0 forbids.
const ESCAPED = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const NEEDS_ESCAPE = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/;

/** Text or an attribute value as docx writes it. */
export function escapeXml(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, (ch) => ESCAPES[ch] ?? '') : value;
}

function escapeValue(value: unknown): unknown {
  return typeof value === 'string' ? escapeXml(value) : value;
}

/**
 * A prepared component as XML, as docx's `stringifyXmlable` writes it without indenting
 * (the way the Packer writes every part). Its quirks are kept: a string in a child list
 * replaces the element written just before it, and an element given an array of only
 * attributes is written open and closed rather than empty.
 */
export function stringifyPrepared(data: Prepared): string {
  const name = Object.keys(data)[0];
  const values = name === undefined ? undefined : data[name];
  let attributes = '';
  const content: unknown[] = [];
  const addAttributes = (attr: Readonly<Record<string, unknown>>): void => {
    for (const [key, value] of Object.entries(attr)) attributes += ` ${key}="${String(escapeValue(value))}"`;
  };
  if (typeof values === 'object') {
    if (values !== null) {
      const { _attr: attr, _cdata: cdata } = values as { _attr?: Record<string, unknown>; _cdata?: string };
      if (attr) addAttributes(attr);
      if (cdata) content.push(`<![CDATA[${cdata.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`);
      if (Array.isArray(values)) {
        let isStringContent = false;
        content.push('');
        for (const value of values as unknown[]) {
          if (typeof value === 'object' && value !== null) {
            const first = Object.keys(value)[0];
            if (first === '_attr') addAttributes((value as { _attr: Record<string, unknown> })._attr);
            else content.push(stringifyPrepared(value as Prepared));
          } else {
            content.pop();
            isStringContent = true;
            content.push(escapeValue(value));
          }
        }
        if (!isStringContent) content.push('');
      }
    }
  } else {
    content.push(escapeValue(values));
  }
  const open = (name ? `<${name}` : '') + attributes;
  if (content.length === 0) return `${open}/>`;
  return `${open}${name ? '>' : ''}${content.map((c) => (c === undefined ? '' : String(c))).join('')}${name ? `</${name}>` : ''}`;
}

/**
 * The edits the writer makes to what docx writes (package.ts: `autoSpaceDE`/`autoSpaceDN`
 * off after `overflowPunct`, and `w:val="false"` as `"0"`), applied to a piece of docx's
 * XML. Every match lies inside one `w:pPr` or `w:rPr`, so editing the pieces gives what
 * editing the whole part did.
 */
export function editDocxXml(xml: string): string {
  return addAutoSpaceOff(xml).replace(/ w:val="false"/g, ' w:val="0"');
}

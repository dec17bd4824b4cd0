import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { DOMParser } from '@xmldom/xmldom';
import type { Nodes } from 'mdast';
import { renderDocx } from '../../src/render/docx/index.js';
import { fullPlan, model } from './models.js';

/**
 * Whatever text reaches the DOCX writer, every part it writes is well-formed XML that Word
 * and LibreOffice open. xmldom checks structure but not characters, so the XML 1.0 Char
 * production (spec §2.2) is checked here directly, plus the noncharacters Word refuses.
 */
const controls = Array.from({ length: 32 }, (_, c) => c).filter((c) => c !== 0x09 && c !== 0x0a);
const nonCharacters = [0xfdd0, 0xfdef, 0xfffe, 0xffff, ...Array.from({ length: 16 }, (_, p) => [(p + 1) * 0x10000 + 0xfffe, (p + 1) * 0x10000 + 0xffff]).flat()];
const hostile = [...controls.map((c) => String.fromCharCode(c)), ...nonCharacters.map((c) => String.fromCodePoint(c)), '\ud800', '\udfff', 'x\udbff', '\udc00x'].join('');
// Written fine, only warned about by check: they must survive.
const invisible = '\u200b\u200d\u2060\ufeff\u202e\u2066\u2069';

function xmlCharProblems(xml: string): string[] {
  const out: string[] = [];
  for (const ch of xml) {
    const c = ch.codePointAt(0)!;
    const ok =
      c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
    const wordRefuses = (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) === 0xfffe;
    if (!ok || wordRefuses) out.push('U+' + c.toString(16).toUpperCase());
  }
  return out;
}

function strictParse(name: string, xml: string): void {
  new DOMParser({
    onError: (level, message) => {
      // U+FFFD is what the writer puts in place of what it dropped: expected, not an error.
      if (level === 'warning' && /replacement character/.test(message)) return;
      throw new Error(`${name}: ${level}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml');
}

type Block = ReturnType<typeof fullPlan>[number];

/** Every text node of the tree gets the hostile characters appended. */
function poison<T>(node: T): T {
  const visit = (n: Nodes): void => {
    if (n.type === 'text') n.value += hostile + invisible;
    if ('children' in n) for (const c of n.children) visit(c as Nodes);
  };
  visit(node as unknown as Nodes);
  return node;
}

describe('the DOCX writer never writes a character XML cannot hold', () => {
  it('in the body, headings, tables, lists, title, recipients, red header, signature, attachments and colophon', async () => {
    const children = fullPlan('段落' + hostile).map((block): Block => {
      const b = poison(structuredClone(block)) as unknown as Record<string, unknown>;
      // The document blocks keep their text in fields, not text nodes.
      for (const [k, v] of Object.entries(b)) {
        if (k !== 'type' && typeof v === 'string') b[k] = v + hostile;
        if (Array.isArray(v) && v.every((x) => typeof x === 'string')) b[k] = v.map((x: string) => x + hostile);
      }
      return b as unknown as Block;
    });
    const m = model(children);
    const { docx, text } = await renderDocx({ ...m, meta: { title: '标题' + hostile, creator: '机关' + hostile } });
    const parts = unzipSync(docx);
    const xmlNames = Object.keys(parts).filter((n) => /\.(xml|rels)$/.test(n));
    expect(xmlNames).toContain('word/document.xml');
    expect(xmlNames).toContain('docProps/core.xml');
    for (const name of xmlNames) {
      const xml = strFromU8(parts[name]!);
      expect(xmlCharProblems(xml), name).toEqual([]);
      strictParse(name, xml);
    }
    const document = strFromU8(parts['word/document.xml']!);
    // What was there shows as U+FFFD; the invisible characters are kept, and the body text too.
    expect(document).toContain('段落\ufffd');
    expect(document).toContain(invisible);
    expect(strFromU8(parts['docProps/core.xml']!)).toContain('标题\ufffd');
    expect(xmlCharProblems(text)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { Document, Packer } from 'docx';

/**
 * The writer takes the package parts from docx's Packer compiler to skip a zip and unzip
 * (src/render/docx/index.ts). It falls back to the public API when that is gone, so output
 * stays right either way; this test says when an upgrade of docx loses the faster path.
 */
describe('docx internals the writer relies on', () => {
  it('Packer.compiler.compile gives the parts by path', () => {
    const compiler = (Packer as unknown as { compiler?: { compile?: (d: Document) => Map<string, unknown> } }).compiler;
    expect(typeof compiler?.compile).toBe('function');
    const parts = compiler!.compile!(new Document({ sections: [{ children: [] }] }));
    expect([...parts.keys()]).toEqual(expect.arrayContaining(['word/document.xml', '[Content_Types].xml', '_rels/.rels', 'docProps/core.xml']));
  });
});

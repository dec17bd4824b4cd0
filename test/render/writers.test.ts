import { describe, expect, it } from 'vitest';
import { batchWriter, compareWriter, documentWriter, outputChoices, outputExtensions, outputsFor, registerWriter, writers } from '../../src/render/writers.js';
import { outputKind } from '../../src/cli/build.js';
import { model, titleWriter } from './models.js';

const ids = (list: readonly { readonly id: string }[] | undefined) => list?.map((w) => w.id);

const textWriter = titleWriter('txt');

describe('the table of writers', () => {
  it('holds docx, pdf and diff, each at the stage it runs in', () => {
    expect(writers().map((w) => [w.id, w.ext, w.stage])).toEqual([
      ['docx', '.docx', 'worker'],
      ['pdf', '.pdf', 'batch'],
      ['diff', '.docx', 'compare'],
    ]);
    expect(batchWriter('pdf').needs).toBe('docx');
  });

  it('gives --to its choices: the writers that take one plan, then both', () => {
    expect(outputChoices()).toEqual(['docx', 'pdf', 'both']);
  });

  it.each([
    ['docx', ['docx'], ['docx'], ['.docx']],
    // A PDF alone still has its DOCX rendered in the worker, for LibreOffice; only the PDF is written.
    ['pdf', ['pdf'], ['docx'], ['.pdf']],
    ['both', ['docx', 'pdf'], ['docx'], ['.docx', '.pdf']],
  ])('--to %s writes %j, renders %j, extensions %j', (to, asked, rendered, exts) => {
    expect(ids(outputsFor(to)?.asked)).toEqual(asked);
    expect(ids(outputsFor(to)?.rendered)).toEqual(rendered);
    expect(outputExtensions(to)).toEqual(exts);
  });

  it('knows no `diff` or unknown kind for --to', () => {
    expect(outputsFor('diff')).toBeUndefined();
    expect(outputsFor('word')).toBeUndefined();
    expect(outputExtensions('word')).toEqual([]);
  });

  it('looks writers up by stage and refuses a wrong one', () => {
    expect(documentWriter('docx').id).toBe('docx');
    expect(compareWriter('diff').ext).toBe('.docx');
    expect(() => documentWriter('pdf')).toThrow();
    expect(() => batchWriter('docx')).toThrow();
  });

  it('the DOCX writer renders a document model to DOCX bytes and its text', async () => {
    const out = await documentWriter('docx').write(model([{ type: 'paragraph', children: [{ type: 'text', value: '正文第一段' }] }]));
    expect([...out.bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip
    expect(out.text).toContain('正文第一段');
  });

  it('takes a registered writer into --to, its extension into -o, and lets it go again', () => {
    const unregister = registerWriter(textWriter);
    try {
      expect(outputChoices()).toEqual(['docx', 'pdf', 'txt', 'both']);
      expect(ids(outputsFor('txt')?.rendered)).toEqual(['txt']);
      expect(outputKind({ output: 'x.txt' })).toEqual({ to: 'txt', chosen: true });
      expect(outputKind({ output: 'x.txt', to: 'docx' })).toMatchObject({ error: 'usage-output-kind' });
      // --pdf with a kind that writes no PDF contradicts it, whichever kind that is.
      expect(outputKind({ pdf: true, to: 'txt' })).toEqual({ error: 'usage-pdf-and-docx', args: { to: 'txt' } });
      expect(() => registerWriter(textWriter)).toThrow();
      expect(() => registerWriter({ ...textWriter, id: 'both' })).toThrow();
    } finally {
      unregister();
    }
    expect(outputChoices()).toEqual(['docx', 'pdf', 'both']);
    expect(outputKind({ output: 'x.txt' })).toEqual({ to: 'docx', chosen: false });
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { crc32, inflateRawSync } from 'node:zlib';
import { deflateSync, unzipSync } from 'fflate';
import { builtDeflated, builtPackages } from '../../src/render/docx/generated/docx-packages.js';
import { packageKey, packPlain, renderDocx } from '../../src/render/docx/index.js';
import { fontNames } from '../../src/render/docx/fonts.js';
import { defaultLayout, type DocumentModel, type FontProfile } from '../../src/model/document.js';
import { builtInNames, loadTemplate } from '../../src/template/load.js';
import { fullPlan, md, model } from './models.js';
import { makePng } from './png.js';

/*
 * A plain document's package around its body (every part but document.xml's body and the
 * title and author in core.xml) is what docx wrote when plangen was built
 * (scripts/generate-docx-parts.mjs). These tests fail when that drifts from what docx writes
 * now (a docx upgrade without a rebuild, an edit to packDocument), or when a plain document
 * is packed by docx again.
 */

const PROFILES: FontProfile[] = ['gb2312', 'modern'];

afterEach(() => {
  vi.doUnmock('../../src/render/docx/generated/docx-packages.js');
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('the packages kept at build time', () => {
  it('hold, for each font profile, exactly what docx packs now', async () => {
    expect(builtPackages.flatMap((p) => p.keys).sort()).toEqual(PROFILES.map((fonts) => packageKey(fontNames(fonts), defaultLayout.margins)).sort());
    for (const fonts of PROFILES) {
      const fresh = await packPlain({ ...defaultLayout, fonts });
      const built = builtPackages.find((p) => p.keys.includes(fresh.key));
      expect(built, fonts).toBeDefined();
      expect(Object.keys(built!.parts)).toEqual(Object.keys(fresh.parts));
      for (const name of Object.keys(fresh.parts)) expect(built!.parts[name], `${fonts}: ${name}`).toBe(fresh.parts[name]);
      expect(built!.pieces).toEqual(fresh.pieces);
      expect(built!.core).toBe(fresh.core);
      // The pieces are document.xml around one stretch of body text, section properties after it.
      expect(built!.pieces).toHaveLength(2);
      expect(built!.pieces[0]).toMatch(/<w:body>$/);
      expect(built!.pieces[1]).toMatch(/^<w:sectPr[\s>].*<\/w:body><\/w:document>$/);
    }
  });

  it('cover every built-in template with either font profile', async () => {
    for (const name of await builtInNames()) {
      const { template } = await loadTemplate(name, process.cwd(), 'plan.md');
      expect(template, name).toBeDefined();
      for (const fonts of PROFILES) {
        const key = packageKey(fontNames(fonts), template!.layout.margins);
        expect(builtPackages.some((p) => p.keys.includes(key)), `${name}, ${fonts}`).toBe(true);
      }
    }
  });
});

describe('the parts deflated at build time', () => {
  it('are what fflate deflates now, at the level every part is deflated at', () => {
    expect(builtDeflated.length).toBeGreaterThan(10);
    for (const [name, length, crc, deflated] of builtDeflated) {
      const data = inflateRawSync(Buffer.from(deflated, 'base64'));
      expect(data.length, name).toBe(length);
      expect(crc32(data), name).toBe(crc);
      expect(Buffer.from(deflateSync(data, { level: 6 })).toString('base64'), name).toBe(deflated);
    }
  });

  it('hold every part of a plain document but its body and core properties, for each font profile and heading weight', async () => {
    for (const fonts of PROFILES) {
      for (const boldHeading3 of [true, false]) {
        const parts = unzipSync((await renderDocx(model(fullPlan(), { layout: { ...defaultLayout, fonts, boldHeading3 } }))).docx);
        const names = Object.keys(parts).filter((n) => n !== 'word/document.xml' && n !== 'docProps/core.xml');
        expect(names.length).toBeGreaterThan(15);
        for (const name of names) {
          const data = Buffer.from(parts[name]!);
          const kept = builtDeflated.some(([n, , , deflated]) => n === name && inflateRawSync(Buffer.from(deflated, 'base64')).equals(data));
          expect(kept, `${fonts}, bold ${boldHeading3}: ${name}`).toBe(true);
        }
      }
    }
  });
});

describe('a plain document', () => {
  /** The writer and docx's Packer from a fresh module registry, so nothing is packed yet in it. */
  async function fresh(): Promise<{ renderDocx: typeof import('../../src/render/docx/index.js').renderDocx; compile: ReturnType<typeof vi.fn> }> {
    vi.resetModules();
    const { Packer } = await import('docx');
    const compiler = (Packer as unknown as { compiler: { compile: (...args: unknown[]) => unknown } }).compiler;
    const compile = vi.spyOn(compiler, 'compile') as unknown as ReturnType<typeof vi.fn>;
    const { renderDocx } = await import('../../src/render/docx/index.js');
    return { renderDocx, compile };
  }

  const plain: Array<[string, DocumentModel]> = [
    ['a full plan', model(fullPlan())],
    ['the modern font profile', model(fullPlan(), { layout: { ...defaultLayout, fonts: 'modern', boldHeading3: false } })],
    ['a title and author XML escapes', { ...model(md('正文。')), meta: { title: '关于A&B<C>"D"\'E\'的通知', creator: '某某局 & 某某办' } }],
  ];

  for (const [label, m] of plain) {
    it(`${label}: not packed by docx, and the same bytes as when docx packs it`, async () => {
      const built = await fresh();
      const ours = await built.renderDocx(m);
      expect(built.compile).not.toHaveBeenCalled();
      // Without what the build kept, docx packs the document itself and every part is deflated afresh.
      vi.doMock('../../src/render/docx/generated/docx-packages.js', () => ({ builtPackages: [], builtDeflated: [] }));
      const packed = await fresh();
      const theirs = await packed.renderDocx(m);
      expect(packed.compile).toHaveBeenCalledTimes(1);
      expect(Buffer.from(ours.docx).equals(Buffer.from(theirs.docx)), label).toBe(true);
      expect(ours.text).toBe(theirs.text);
    });
  }

  it('with other margins, or an image, is packed by docx as before', async () => {
    const { renderDocx, compile } = await fresh();
    await renderDocx(model(md('正文。'), { layout: { ...defaultLayout, margins: { top: 2000, right: 1400, bottom: 1900, left: 1500 } } }));
    expect(compile).toHaveBeenCalledTimes(1);
    await renderDocx(model(md('![图](a.png)'), { images: new Map([['a.png', { data: makePng(40, 30), type: 'png', width: 40, height: 30 }]]) }));
    expect(compile).toHaveBeenCalledTimes(2);
  });
});

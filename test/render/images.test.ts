/** Loading images for the DOCX writer: sizes from PNG/JPEG headers, diagnostics at the image's position. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Image, Root } from 'mdast';
import { imageInfo, resolveImages } from '../../src/model/images.js';
import { parseMarkdown } from '../../src/parse/parse-plan.js';
import { makeJpegHeader, makePng } from './png.js';

const dir = mkdtempSync(path.join(tmpdir(), 'plangen-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('imageInfo', () => {
  test('PNG and JPEG sizes come from their headers', () => {
    expect(imageInfo(makePng(321, 123))).toEqual({ type: 'png', width: 321, height: 123 });
    expect(imageInfo(makeJpegHeader(1024, 768))).toEqual({ type: 'jpg', width: 1024, height: 768 });
  });

  test('anything else is not an image we take', () => {
    expect(imageInfo(new TextEncoder().encode('GIF89a....'))).toBeNull();
    expect(imageInfo(new Uint8Array([0xff, 0xd8, 0x00]))).toBeNull();
    expect(imageInfo(makePng(1, 1).slice(0, 10))).toBeNull();
  });
});

describe('resolveImages', () => {
  writeFileSync(path.join(dir, 'chart.png'), makePng(40, 30));
  mkdirSync(path.join(dir, 'att'));
  writeFileSync(path.join(dir, 'att', 'photo.jpg'), makeJpegHeader(64, 48));
  writeFileSync(path.join(dir, 'fake.png'), 'not an image');

  test('loads images relative to the plan, or to the baseDir an expansion set', async () => {
    const tree = parseMarkdown('![图](chart.png)\n\n![照片](photo.jpg)');
    const photo = (tree.children[1] as { children: Image[] }).children[0]!;
    photo.data = { ...(photo.data ?? {}), baseDir: path.join(dir, 'att') } as Image['data'];
    const { images, diagnostics } = await resolveImages(tree, dir, 'plan.md');
    expect(diagnostics).toEqual([]);
    expect(images.get('chart.png')).toMatchObject({ type: 'png', width: 40, height: 30 });
    expect(images.get('photo.jpg')).toMatchObject({ type: 'jpg', width: 64, height: 48 });
  });

  test('missing and unsupported images are errors at the image', async () => {
    const tree: Root = parseMarkdown('正文\n\n前文![缺](missing.png)\n\n![假](fake.png) ![远程](https://example.org/a.png)');
    const { images, diagnostics } = await resolveImages(tree, dir, 'plan.md');
    expect(images.size).toBe(0);
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.column, d.args.path, d.severity])).toEqual([
      ['image-missing', 3, 3, 'missing.png', 'error'],
      ['image-unsupported', 5, 1, 'fake.png', 'error'],
      // Not fetched: a build must not depend on the network (nor probe it).
      ['image-remote', 5, 16, 'https://example.org/a.png', 'error'],
    ]);
    expect(diagnostics.every((d) => d.file === 'plan.md')).toBe(true);
  });
});

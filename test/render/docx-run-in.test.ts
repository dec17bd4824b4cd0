/** Run-in headings and numbered paragraphs from pasted text, as the DOCX writer sets them. */
import { describe, expect, test } from 'vitest';
import { parseWritten } from '../../src/parse/parse-plan.js';
import { makeSource } from '../../src/read/source.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { attr, bodyParagraphs, paragraphText, readDocx, select, select1 } from '../helpers/docx-xml.js';
import type { Layout } from '../../src/model/document.js';
import { model } from './models.js';

async function render(markdown: string, layout: Partial<Layout> = {}) {
  const { root } = parseWritten(makeSource('p.md', markdown));
  const out = await renderDocx(model(root.children, { layout }));
  return bodyParagraphs(readDocx(out.docx).document);
}

/** Each run of a paragraph as [east Asian face, bold, text]. */
function runs(p: Node): Array<[string, boolean, string]> {
  return select('./w:r[w:t]', p).map((r) => [attr(select1('./w:rPr/w:rFonts', r), 'w:eastAsia') ?? '', select1('./w:rPr/w:b', r) !== undefined, paragraphText(r)]);
}

describe('run-in headings', () => {
  test('one body paragraph: number and head in the heading face, the rest in the body face', async () => {
    const [p] = await render('（一）加强组织领导。成立工作专班。');
    expect(select1('./w:pPr/w:pStyle', p!)).toBeUndefined();
    expect(select1('./w:pPr/w:keepNext', p!)).toBeUndefined();
    expect(runs(p!)).toEqual([
      ['楷体_GB2312', false, '（一）'],
      ['楷体_GB2312', false, '加强组织领导。'],
      ['仿宋_GB2312', false, '成立工作专班。'],
    ]);
  });

  test('level 3 follows the layout’s bold setting', async () => {
    const bold = await render('1、落实责任。网格员每周巡查。');
    expect(runs(bold[0]!).map(([, b]) => b)).toEqual([true, true, false]);
    const plain = await render('1、落实责任。网格员每周巡查。', { boldHeading3: false });
    expect(runs(plain[0]!).map(([, b]) => b)).toEqual([false, false, false]);
  });

  test('numbered with the headings around them; a long numbered paragraph is body text', async () => {
    const ps = await render('（一）甲项。正文。\n（三）各社区要在汛期前对辖区内地下车库、低洼地段和危旧房屋逐一排查，建立台账，确保不漏一处。\n（二）丙项。正文。');
    expect(ps.map(paragraphText)).toEqual([
      '（一）甲项。正文。',
      '（二）各社区要在汛期前对辖区内地下车库、低洼地段和危旧房屋逐一排查，建立台账，确保不漏一处。',
      '（三）丙项。正文。',
    ]);
    expect(new Set(runs(ps[1]!).map(([face]) => face))).toEqual(new Set(['仿宋_GB2312']));
  });
});

import { describe, expect, it } from 'vitest';
import { AlignmentType, Document, LineRuleType, PageBreak, Packer, Paragraph, TextRun, type IParagraphOptions, type ParagraphChild } from 'docx';
import { markerRun, runOptions, textRun, type RunStyle } from '../../src/render/docx/inline.js';
import { paragraphOf } from '../../src/render/docx/paragraphs.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { defaultLayout } from '../../src/model/document.js';
import { fullPlan, md, model } from './models.js';
import { strFromU8, unzipSync } from 'fflate';
import { XmlBlock } from '../../src/render/docx/xml-text.js';
import { addAutoSpaceOff } from '../../src/render/docx/package.js';

/*
 * The writer builds each run style's properties, and each kind of paragraph's, once per
 * process and shares them (src/render/docx/inline.ts, paragraphs.ts). What docx writes
 * must not change by it: every shortcut is compared with docx's own way of building the
 * same run or paragraph.
 */

const context = () => ({ stack: [] }) as unknown as Parameters<TextRun['prepForXml']>[0];
const prepared = (c: { prepForXml: (ctx: never) => unknown }) => c.prepForXml(context() as never);

const body: RunStyle = { font: '仿宋_GB2312', size: 32, condensed: true };
const styles: RunStyle[] = [
  body,
  { ...body, bold: true },
  { ...body, strike: true },
  { font: '楷体_GB2312', size: 32, condensed: true, bold: true, strike: true },
  { font: '方正小标宋简体', size: 44, condensed: false, color: 'FF0000' },
  { font: '黑体', size: 28, condensed: false },
];
const texts = ['一、指导思想', '“两个确保”', 'GB/T 9704—2012', '', '含 & < > 的文字'];

describe('runs built from a shared shape', () => {
  it('prepare exactly as a docx TextRun of the same options', () => {
    for (const style of styles) {
      for (const text of texts) {
        for (const breakBefore of [false, true]) {
          for (const language of [undefined, { eastAsia: 'zxx' }]) {
            const ours = textRun(text, style, breakBefore, language) as unknown as TextRun;
            expect(prepared(ours), `${style.font} ${text} ${breakBefore}`).toEqual(prepared(new TextRun(runOptions(text, style, breakBefore, language))));
          }
        }
        // Heading and list numbers the writer generates.
        expect(prepared(markerRun(text, style) as unknown as TextRun)).toEqual(prepared(new TextRun(runOptions(text, style, false))));
      }
    }
  });

  it('share one properties object among runs of a style, and not across styles', () => {
    const rPr = (run: ParagraphChild) => (prepared(run as unknown as TextRun) as { 'w:r': unknown[] })['w:r'][0];
    expect(rPr(textRun('甲', body))).toBe(rPr(textRun('乙', body)));
    expect(rPr(textRun('甲', body))).not.toBe(rPr(textRun('甲', { ...body, bold: true })));
    // A curly quote needs the eastAsia hint: a shape of its own.
    expect(rPr(textRun('甲', body))).not.toBe(rPr(textRun('“甲”', body)));
  });

  it('a tab is still a w:tab element (built the plain way)', () => {
    const xml = JSON.stringify(prepared(textRun('签发人：\t王某某', body) as unknown as TextRun));
    expect(xml).toContain('w:tab');
    expect(xml).toContain('签发人：');
  });
});

describe('paragraphs with shared properties', () => {
  const kinds: IParagraphOptions[] = [
    { spacing: { line: 579, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, widowControl: false, overflowPunctuation: true, indent: { left: 0, firstLine: 640, firstLineChars: 200 }, alignment: AlignmentType.BOTH },
    { style: 'Heading1', keepNext: true, pageBreakBefore: true, alignment: AlignmentType.LEFT, outlineLevel: 0 },
    { alignment: AlignmentType.CENTER, border: { bottom: { style: 'single', size: 8, color: 'FF0000', space: 1 } } },
    { style: 'TableText', spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 }, indent: { firstLine: 0 } },
  ];

  it('write exactly what docx writes for a Paragraph of the same options, with and without runs', async () => {
    const ours: string[] = [];
    const theirs: Paragraph[] = [];
    for (const options of kinds) {
      for (const runs of [[], [textRun('正文。', body)], [textRun('甲', body), textRun('乙', { ...body, bold: true }), textRun('签发人：\t王某某', body)]]) {
        const made = paragraphOf(options, runs, false);
        expect(made).toBeInstanceOf(XmlBlock);
        ours.push((made as XmlBlock).xml);
        theirs.push(new Paragraph({ ...options, children: runs }));
      }
    }
    const doc = new Document({ sections: [{ children: theirs }] });
    const xml = strFromU8(unzipSync(new Uint8Array(await Packer.toBuffer(doc)))['word/document.xml']!);
    const written = xml.slice(xml.indexOf('<w:body>') + '<w:body>'.length, xml.lastIndexOf('<w:sectPr'));
    expect(ours.join('')).toBe(addAutoSpaceOff(written).replace(/ w:val="false"/g, ' w:val="0"'));
  });

  it('share one properties object per kind; a revision paragraph is built the plain way', () => {
    const pPr = (p: Paragraph) => (prepared(p) as { 'w:p': unknown[] })['w:p'][0];
    const [first] = kinds;
    // A paragraph holding a run only docx can write (an image; here a page break, which
    // prepares without a package) is docx's to write; it still shares its kind's properties.
    const docxOnly = new PageBreak();
    const a = paragraphOf(first!, [docxOnly], false) as Paragraph;
    const b = paragraphOf({ ...first! }, [textRun('乙', body), docxOnly], false) as Paragraph;
    expect(a).toBeInstanceOf(Paragraph);
    expect(pPr(a)).toBe(pPr(b));
    const revised = paragraphOf(first!, [], true) as Paragraph;
    expect(revised).toBeInstanceOf(Paragraph);
    expect(pPr(revised)).not.toBe(pPr(a));
  });

  // The first document with given fonts packs footers and theme; later ones reuse those
  // parts (src/render/docx/index.ts): the second render of each profile takes that path.
  it('a whole document renders the same bytes twice in one process (shapes and fixed parts reused)', async () => {
    for (const fonts of ['gb2312', 'modern'] as const) {
      const m = model([...fullPlan(), ...md('## 二、表格\n\n| 单位 | 任务 |\n| --- | --- |\n| 街道 | **检查** |\n')], { layout: { ...defaultLayout, fonts } });
      const a = await renderDocx(m);
      const b = await renderDocx(m);
      expect(Buffer.from(b.docx).equals(Buffer.from(a.docx)), fonts).toBe(true);
      const theme = unzipSync(b.docx)['word/theme/theme1.xml'];
      expect(strFromU8(theme!)).toContain(fonts === 'modern' ? 'typeface="仿宋"' : 'typeface="仿宋_GB2312"');
      expect(strFromU8(unzipSync(b.docx)['word/footer1.xml']!)).toContain('PAGE');
    }
  });
});

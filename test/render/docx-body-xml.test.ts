import { describe, expect, it, vi } from 'vitest';
import type { RootContent } from 'mdast';
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, Table, TabStopType, TextRun } from 'docx';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { renderDocx } from '../../src/render/docx/index.js';
import { createContext, type BlockOut } from '../../src/render/docx/context.js';
import { renderBlocks, rootEnv } from '../../src/render/docx/blocks.js';
import { ParagraphRecorder } from '../../src/render/docx/revisions.js';
import { gridParagraph, type LineOptions } from '../../src/render/docx/paragraphs.js';
import { textRun } from '../../src/render/docx/inline.js';
import { addAutoSpaceOff, rewriteCoreDates, zipEntries } from '../../src/render/docx/package.js';
import { renumberIds } from '../../src/render/docx/ids.js';
import { escapeXml, stringifyPrepared, XmlBlock } from '../../src/render/docx/xml-text.js';
import { defaultLayout, type DocumentModel, type ImageData } from '../../src/model/document.js';
import { hasUnwritable, xmlSafe } from '../../src/util/characters.js';
import { fullPlan, md, model } from './models.js';
import { makePng } from './png.js';

/*
 * The body of word/document.xml is written as text (src/render/docx/body-xml.ts,
 * xml-text.ts): it must be byte for byte what docx writes for the same blocks. The
 * reference is docx itself: the same model rendered with a paragraph hook (the way
 * plangen diff renders, where every block stays a docx Paragraph or Table), packed by
 * docx's Packer, with the edits the package used to make over the whole part.
 */

/** What docx writes for the model's body, edited as the package edited it before the text writer. */
async function docxBody(m: DocumentModel): Promise<string> {
  const ctx = createContext(m.layout, m.images, new ParagraphRecorder());
  const made: BlockOut[] = [];
  renderBlocks(m.tree.children, ctx, rootEnv(ctx), made);
  for (const block of made) expect(block, 'the reference render is docx objects only').not.toBeInstanceOf(XmlBlock);
  const doc = new Document({ sections: [{ children: made as Array<Paragraph | Table> }] });
  const xml = strFromU8(unzipSync(new Uint8Array(await Packer.toBuffer(doc)))['word/document.xml']!);
  const edited = renumberIds(addAutoSpaceOff(xml).replace(/ w:val="false"/g, ' w:val="0"'));
  // As canonicalZip does for every part.
  return body(hasUnwritable(edited) ? xmlSafe(edited) : edited);
}

/** The body of the model as plangen writes it. */
async function ourBody(m: DocumentModel): Promise<string> {
  const { docx } = await renderDocx(m);
  return body(strFromU8(unzipSync(docx)['word/document.xml']!));
}

/**
 * The blocks of a document.xml: between <w:body> and the section properties. An image's
 * relationship id depends on the parts before it (the reference has no footers), so ids
 * are numbered in order of appearance; docx writes image runs in both.
 */
function body(xml: string): string {
  const start = xml.indexOf('<w:body>');
  const end = xml.lastIndexOf('<w:sectPr');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const ids = new Map<string, number>();
  return xml.slice(start + '<w:body>'.length, end).replace(/r:embed="(rId\d+)"/g, (_m, id: string) => `r:embed="image${ids.get(id) ?? ids.set(id, ids.size + 1).get(id)}"`);
}

async function expectSameBody(m: DocumentModel, label: string): Promise<string> {
  const ours = await ourBody(m);
  const theirs = await docxBody(m);
  expect(ours.length, label).toBeGreaterThan(0);
  expect(ours, label).toBe(theirs);
  return ours;
}

const png = (w: number, h: number): ImageData => ({ data: makePng(w, h), type: 'png', width: w, height: h });

const cases: Array<[string, () => RootContent[], Map<string, ImageData>?]> = [
  ['a full plan: red header, title, recipients, headings, lists, quote, table, note, signature, attachment page, colophon', () => fullPlan()],
  [
    'Chinese text with full-width punctuation, curly quotes, dashes and ellipses',
    () => md('“两个确保”——安全第一、预防为主；“三小”场所……《条例》（试行）：１２３ＡＢＣ，！？\n\n‘单引号’·间隔号'),
  ],
  [
    'the characters XML escapes, controls docx drops, and the ones the package replaces',
    () => md(`A & B < C > D "引号" 'apos' &amp; <w:t> ]]> \u0001\u0008\u000b\u001f end\n\n孤立\ud800代理 \ufffe 与 \u2028 行分隔`),
  ],
  [
    'bold, emphasis (楷体), strike, links, inline code, nested marks, empty marks',
    () => md('正文**加粗**与*强调*和~~删除~~，[链接](https://example.org)与`code`，***粗楷***，**混合*嵌套*文字**，空的****与__。'),
  ],
  ['hard breaks, <br> and soft breaks between Chinese and Latin text', () => md('第一行  \n第二行<br>第三行\n接着写\nLatin\nwords 和中文\n续写')],
  [
    'lists nested three deep, ordered and bulleted, starting at 3, items that open with a nested block',
    () => md('3. 第三项\n4. 第四项\n   1. 子项甲\n   2. 子项乙\n      1. 孙项\n      - 无号孙项\n- 无号\n  - 嵌套无号\n\n1. - 以列表开头的项\n2.\n'),
  ],
  ['headings of every depth, typed markers stripped, a depth-6 heading as a paragraph', () => md('# 一级\n\n## 一、二级\n\n### （一）三级\n\n#### 1.四级\n\n##### （1）五级\n\n###### 六级\n\n## **二、加粗的标题**')],
  [
    'tables: alignments, empty and missing cells, marks and escapes in cells, a one-column table',
    () =>
      md(
        '| 左 | 中 | 右 | 缺省 |\n| :-- | :-: | --: | --- |\n| **粗** | *楷* | A&B<C> | |\n| 只有一格 |\n| 1 | 2 | 3 | 4 |\n\n| 单列 |\n| --- |\n| 内容“引号” |\n',
      ),
  ],
  ['code blocks, thematic breaks, footnotes (printed as nothing), html comments', () => md('前文[^1]。\n\n```\n第一行\n\n\t缩进行\n```\n\n---\n\n<!-- 注释 -->\n\n[^1]: 脚注内容\n')],
  ['an empty paragraph list and blank blocks', () => [{ type: 'paragraph', children: [] }, { type: 'paragraph', children: [{ type: 'text', value: '' }] }] as RootContent[]],
  ['joined personal names (zxx runs) next to text', () => md('组长：王\u2060某\u2060某，成员：李\u2060四、张三。')],
  [
    'red header with signers (tabs), no copy number; a page break; a two-line title; attachment note with one item',
    () => [
      { type: 'docRedHeader', mark: '某某区人民政府', number: '某政发〔2025〕1号', signers: ['王某某', '李某某', '赵某某'] },
      { type: 'docTitle', text: '关于印发\n某某工作方案的通知' },
      ...md('正文。'),
      { type: 'docPageBreak' },
      ...md('## 新页的标题'),
      { type: 'docAttachmentNote', items: ['唯一的附件。'] },
      { type: 'docSignature', issuer: '某某区人民政府', date: '2025年12月31日' },
      { type: 'docColophon', cc: [], printer: '某某区人民政府办公室', printed: '2025年12月31日' },
    ] as RootContent[],
  ],
  ['a page break before a table', () => [...md('前文。'), { type: 'docPageBreak' }, ...md('| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |')] as RootContent[]],
  [
    'images: alone, inline with text, in a table cell (those blocks stay docx objects), with text blocks around them',
    () => md('前文。\n\n![图一](a.png)\n\n文字![图二](b.png)文字\n\n| 图 | 说明 |\n| --- | --- |\n| ![图三](a.png) | 说明 |\n\n后文。\n\n![缺失](missing.png)'),
    new Map([
      ['a.png', png(40, 30)],
      ['b.png', png(2000, 600)],
    ]),
  ],
];

describe('the body written as text is what docx writes', () => {
  for (const [label, blocks, images] of cases) {
    it(label, async () => {
      await expectSameBody(model(blocks(), images ? { images } : {}), label);
    });
  }

  it('with the modern font profile and bold third-level headings', async () => {
    await expectSameBody(model(fullPlan(), { layout: { ...defaultLayout, fonts: 'modern', boldHeading3: true } }), 'modern');
  });

  it('a second document in the process (shared shapes reused) is the same text', async () => {
    const m = model(fullPlan('再来一段“引号”与 & 符号。'));
    const first = await ourBody(m);
    expect(await ourBody(m)).toBe(first);
    expect(first).toBe(await docxBody(m));
  });

  it('escaped text keeps the characters a clerk wrote', async () => {
    const ours = await expectSameBody(model(md('甲&乙<丙>"丁"\'戊\'')), 'escapes');
    expect(ours).toContain('甲&amp;乙&lt;丙&gt;&quot;丁&quot;&apos;戊&apos;');
  });
});

describe('the XML pieces', () => {
  it('escapeXml escapes as docx does and drops the C0 controls XML forbids', () => {
    expect(escapeXml(`a&b<c>d"e'f\u0000\u0009\u000a\u000d\u001f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f\u0009\u000a\u000d');
    expect(escapeXml('纯中文')).toBe('纯中文');
  });

  it('stringifyPrepared writes prepared components as docx does', async () => {
    const runs = [
      new TextRun({ text: 'A&B', bold: true, font: { eastAsia: '黑体' }, size: 32 }),
      new TextRun({ break: 1 }),
      new TextRun({ children: ['甲', '\t', '乙'] }),
      new TextRun({ text: '' }),
    ];
    const paragraph = new Paragraph({ children: runs, keepNext: true, spacing: { line: 579 } });
    const doc = new Document({ sections: [{ children: [paragraph] }] });
    const written = body(strFromU8(unzipSync(new Uint8Array(await Packer.toBuffer(doc)))['word/document.xml']!));
    const prepared = paragraph.prepForXml({ stack: [] } as never) as Record<string, unknown>;
    expect(stringifyPrepared(prepared)).toBe(written);
  });
});

/*
 * A plain document (a body all of text, no revisions) takes every part but document.xml and
 * core.xml from the first such document with the same fonts and margins in the process
 * (src/render/docx/index.ts). Each document must still get the bytes it gets alone.
 */
describe('parts reused between the documents of a process', () => {
  /** renderDocx from a fresh copy of the writer's modules: nothing packed before. */
  async function freshRender(): Promise<typeof renderDocx> {
    vi.resetModules();
    return (await import('../../src/render/docx/index.js')).renderDocx;
  }

  const a = model(fullPlan(), { timestamp: new Date(Date.UTC(2024, 0, 2)) });
  const variants: Array<[string, DocumentModel]> = [
    ['another title and author, with characters XML escapes', { ...model(md('正文。')), meta: { title: '关于A&B<C>"D"\'E\'的通知', creator: '某某局 & 某某办' } }],
    ['no author given', { ...model(md('正文。')), meta: { title: '标题' } }],
    ['an empty title (docx packs it)', { ...model(md('正文。')), meta: { title: '', creator: '某某办' } }],
    ['a title that reads like the placeholder', { ...model(md('正文。')), meta: { title: 'plangen-core-creator', creator: 'plangen-core-title' } }],
    ['other margins', model(md('正文。'), { layout: { ...defaultLayout, margins: { top: 2000, right: 1400, bottom: 1900, left: 1500 } } })],
    ['the modern font profile', model(fullPlan(), { layout: { ...defaultLayout, fonts: 'modern' } })],
    ['an image (docx packs it)', model(md('![图](a.png)'), { images: new Map([['a.png', png(40, 30)]]) })],
    ['an empty body', model([])],
  ];

  for (const [label, b] of variants) {
    it(`${label}: the same bytes after other documents as alone`, async () => {
      const alone = await (await freshRender())(b);
      const render = await freshRender();
      await render(a);
      await render(model(md('| 甲 |\n| --- |\n| 1 |'), { layout: { ...defaultLayout, fonts: 'modern' } }));
      const after = await render(b);
      expect(Buffer.from(after.docx).equals(Buffer.from(alone.docx)), label).toBe(true);
      expect(after.text).toBe(alone.text);
      // And the first document is unchanged by what came between.
      expect(Buffer.from((await render(a)).docx).equals(Buffer.from((await (await freshRender())(a)).docx))).toBe(true);
    });
  }

  it('core.xml holds the title and author as docx writes them', async () => {
    for (const meta of [
      { title: '关于A&B<C>"D"\'E\'的通知', creator: '某某局 & 某某办' },
      { title: '含控制字符\u0001的标题', creator: '甲' },
    ]) {
      const ours = strFromU8(unzipSync((await renderDocx({ ...model(md('正文。')), meta })).docx)['docProps/core.xml']!);
      const doc = new Document({ title: meta.title, creator: meta.creator, lastModifiedBy: meta.creator, revision: 1, sections: [{ children: [] }] });
      const theirs = strFromU8(unzipSync(new Uint8Array(await Packer.toBuffer(doc)))['docProps/core.xml']!);
      const dated = (xml: string) => rewriteCoreDates(xml, new Date(Date.UTC(2025, 5, 3)));
      expect(dated(ours)).toBe(dated(theirs));
      expect(ours).toContain(`<dc:title>${escapeXml(meta.title)}</dc:title>`);
    }
  });
});

describe('the zip writer', () => {
  const mtime = new Date(1980, 0, 1);
  const fflateZip = (entries: Array<[string, Uint8Array]>) => zipSync(Object.fromEntries(entries.map(([n, d]) => [n, [d, { mtime, level: 6 }]])));
  const text = (s: string) => new TextEncoder().encode(s);

  it('writes what fflate zipSync writes, for kept, changed, empty and large parts', () => {
    const big = text('<w:p>正文</w:p>'.repeat(9000));
    const rounds: Array<Array<[string, Uint8Array]>> = [
      [['[Content_Types].xml', text('<Types/>')], ['word/document.xml', big], ['word/empty.xml', new Uint8Array(0)], ['word/theme/theme1.xml', text('主题'.repeat(500))]],
      // The same names again: kept parts reused, a changed one deflated anew.
      [['[Content_Types].xml', text('<Types/>')], ['word/document.xml', text('另一份')], ['word/empty.xml', new Uint8Array(0)], ['word/theme/theme1.xml', text('主题'.repeat(499))]],
      [['[Content_Types].xml', text('<Types/>')], ['word/theme/theme1.xml', text('主题'.repeat(499))]],
    ];
    for (const entries of rounds) expect(Buffer.from(zipEntries(entries)).equals(Buffer.from(fflateZip(entries)))).toBe(true);
    // A part equal in length but not in bytes is not taken for the kept one.
    const a: Array<[string, Uint8Array]> = [['x.xml', text('aaaa')]];
    const b: Array<[string, Uint8Array]> = [['x.xml', text('aaab')]];
    zipEntries(a);
    expect(unzipSync(zipEntries(b))['x.xml']).toEqual(text('aaab'));
  });
});

describe('grid paragraphs of every kind of options', () => {
  it('each written as docx writes it, though kinds share their properties by a short key', async () => {
    const kinds: LineOptions[] = [];
    for (const alignment of [undefined, AlignmentType.CENTER, AlignmentType.RIGHT, AlignmentType.LEFT]) {
      for (const indent of [undefined, { left: 640 }, { right: 640 }, { right: 320 }, { left: 320, firstLine: -320 }, { firstLine: 640, chars: true }, { firstLine: 640 }, { left: 0, right: 0, firstLine: 0 }]) {
        kinds.push({ ...(alignment ? { alignment } : {}), ...(indent ? { indent } : {}) });
      }
    }
    kinds.push({ style: 'Heading1', keepNext: true, outlineLevel: 0 }, { style: 'Heading2', keepNext: true, outlineLevel: 1 }, { style: 'Heading2', outlineLevel: 1 }, { style: 'Heading2', keepNext: true });
    kinds.push({ extra: { spacing: { before: 100, after: 0, line: 864, lineRule: LineRuleType.EXACT } } }, { extra: { tabStops: [{ type: TabStopType.LEFT, position: 3000 }] } });
    const render = (hook: boolean): BlockOut[] => {
      const ctx = createContext(defaultLayout, new Map(), hook ? new ParagraphRecorder() : undefined);
      const style = { font: '仿宋_GB2312', size: 32, condensed: true };
      // Each kind twice: on the page, and starting a new one.
      return [false, true].flatMap((pageBreak) =>
        kinds.map((options, i) => {
          ctx.pageBreakPending = pageBreak;
          return gridParagraph(ctx, [textRun(`第${i}段`, style)], `第${i}段`, options);
        }),
      );
    };
    const ours = render(false).map((b) => (b as XmlBlock).xml).join('');
    const doc = new Document({ sections: [{ children: render(true) as Paragraph[] }] });
    const xml = strFromU8(unzipSync(new Uint8Array(await Packer.toBuffer(doc)))['word/document.xml']!);
    expect(ours).toBe(body(addAutoSpaceOff(xml).replace(/ w:val="false"/g, ' w:val="0"')));
  });
});

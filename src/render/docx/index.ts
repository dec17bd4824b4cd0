import { Document, DocumentGridType, Packer, PageOrientation } from 'docx';
import type { DocumentModel } from '../../model/document.js';
import { createContext, type BlockOut } from './context.js';
import { renderBlocks, rootEnv } from './blocks.js';
import { pageFooters } from './footer.js';
import { FOOTER_DISTANCE, HEADER_DISTANCE, LINE_PITCH, PAGE_HEIGHT, PAGE_WIDTH } from './metrics.js';
import { addAutoSpaceOff, addFieldResult, canonicalZip, rewriteCoreDates } from './package.js';
import { fontTableXml, rewriteThemeFonts, stylesXml } from './styles.js';
import { renumberIds } from './ids.js';

/*
 * The DOCX writer, split the way pandoc's is: metrics.ts (the numbers of GB/T 9704),
 * fonts.ts, styles.ts (styles.xml, theme and font table), paragraphs.ts (the line grid),
 * inline.ts (phrasing → runs), blocks.ts (one handler per mdast node), doc-blocks.ts
 * (title, recipients, 附件说明, signature, attachment pages), header.ts (版头), colophon.ts
 * (版记), tables.ts, footer.ts (页码), and package.ts/ids.ts (the canonical zip).
 */

/**
 * document → DOCX bytes, laid out to GB/T 9704-2012 (see the team's GBT9704.md notes), plus
 * the document's visible text, one line per paragraph. Deterministic: the same model gives
 * the same bytes on any machine and in any time zone.
 */
export async function renderDocx(model: DocumentModel): Promise<{ docx: Uint8Array; text: string }> {
  const ctx = createContext(model.layout, model.images);
  const children: BlockOut[] = [];
  renderBlocks(model.tree.children, ctx, rootEnv(ctx), children);
  const { margins } = model.layout;
  const doc = new Document({
    title: model.meta.title,
    creator: model.meta.creator ?? 'plangen',
    lastModifiedBy: model.meta.creator ?? 'plangen',
    revision: 1,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_WIDTH, height: PAGE_HEIGHT, orientation: PageOrientation.PORTRAIT },
            margin: { ...margins, header: HEADER_DISTANCE, footer: FOOTER_DISTANCE, gutter: 0 },
          },
          // 22 lines a page; a line-only grid, since LibreOffice sizes a character grid's
          // cells from the Normal style and never reaches 28 a line (GB §5.2.3).
          grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
        },
        footers: pageFooters(ctx.fonts),
        children,
      },
    ],
  });
  const packed = new Uint8Array(await Packer.toArrayBuffer(doc));
  const docx = canonicalZip(packed, [
    ['word/styles.xml', stylesXml(model.layout)],
    ['word/fontTable.xml', fontTableXml(model.layout)],
    ['word/theme/theme1.xml', (xml) => rewriteThemeFonts(xml, model.layout)],
    ['docProps/core.xml', (xml) => rewriteCoreDates(xml, model.timestamp)],
    ['word/document.xml', (xml) => renumberIds(addAutoSpaceOff(xml).replace(/ w:val="false"/g, ' w:val="0"'))],
    [/^word\/footer\d+\.xml$/, addFieldResult],
  ]);
  return { docx, text: ctx.lines.join('\n') };
}

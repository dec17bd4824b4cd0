import type { Layout } from '../../model/document.js';
import { fontNames, LATIN, type FontNames } from './fonts.js';
import { CHAR_3, LINE_PITCH, SIZE_2, SIZE_3, SIZE_4 } from './metrics.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function fonts(eastAsia: string): string {
  return `<w:rFonts w:ascii="${LATIN}" w:hAnsi="${LATIN}" w:eastAsia="${eastAsia}" w:cs="${LATIN}"/>`;
}

const GRID_PPR =
  `<w:widowControl w:val="0"/><w:overflowPunct w:val="1"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>` +
  `<w:spacing w:before="0" w:after="0" w:line="${LINE_PITCH}" w:lineRule="exact"/>`;

function heading(level: 1 | 2 | 3 | 4, font: string, bold: boolean): string {
  return (
    `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/>` +
    `<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>` +
    `<w:pPr><w:keepNext/>${GRID_PPR}<w:ind w:firstLine="${2 * CHAR_3}" w:firstLineChars="200"/><w:jc w:val="both"/>` +
    `<w:outlineLvl w:val="${level - 1}"/></w:pPr>` +
    `<w:rPr>${fonts(font)}${bold ? '<w:b/><w:bCs/>' : '<w:b w:val="0"/><w:bCs w:val="0"/>'}<w:i w:val="0"/><w:iCs w:val="0"/>` +
    `<w:color w:val="000000"/><w:spacing w:val="-5"/><w:sz w:val="${SIZE_3}"/><w:szCs w:val="${SIZE_3}"/></w:rPr></w:style>`
  );
}

/**
 * word/styles.xml, written whole. docx's own style set always carries its blue Calibri
 * headings, Title and Hyperlink styles, whatever options are passed; Word and WPS show those
 * in their style galleries and fall back to them, so the package gets this file instead.
 * docDefaults hold the faces, size and language but no indent and no exact spacing: those
 * would leak into table cells, footers and centred lines (GBT9704.md, Fonts).
 * Word recognises built-in styles by `w:name` (`heading 1`), not by id.
 */
export function stylesXml(layout: Layout): string {
  const f: FontNames = fontNames(layout.fonts);
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:styles xmlns:w="${W}">` +
    `<w:docDefaults><w:rPrDefault><w:rPr>${fonts(f.fang)}<w:color w:val="000000"/><w:kern w:val="0"/>` +
    `<w:sz w:val="${SIZE_3}"/><w:szCs w:val="${SIZE_3}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
    `<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:overflowPunct w:val="1"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>` +
    `<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
    `<w:pPr><w:jc w:val="both"/></w:pPr>` +
    `<w:rPr>${fonts(f.fang)}<w:color w:val="000000"/><w:sz w:val="${SIZE_3}"/><w:szCs w:val="${SIZE_3}"/></w:rPr></w:style>` +
    heading(1, f.hei, false) +
    heading(2, f.kai, false) +
    heading(3, f.fang, layout.boldHeading3) +
    heading(4, f.fang, false) +
    `<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
    `<w:pPr>${GRID_PPR}<w:jc w:val="center"/></w:pPr>` +
    `<w:rPr>${fonts(f.title)}<w:b w:val="0"/><w:bCs w:val="0"/><w:color w:val="000000"/><w:sz w:val="${SIZE_2}"/><w:szCs w:val="${SIZE_2}"/></w:rPr></w:style>` +
    // Table text leaves the line grid: LibreOffice otherwise snaps each cell line to a
    // 579-twip grid line and doubles row heights.
    `<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
    `<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="left"/></w:pPr>` +
    `<w:rPr><w:sz w:val="${SIZE_4}"/><w:szCs w:val="${SIZE_4}"/></w:rPr></w:style>` +
    `<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>` +
    `<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/></w:pPr>` +
    `<w:rPr>${fonts(f.song)}<w:sz w:val="${SIZE_4}"/><w:szCs w:val="${SIZE_4}"/></w:rPr></w:style>` +
    `<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>` +
    `<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
    `<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/>` +
    `<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>` +
    `<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
    `<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/>` +
    `<w:semiHidden/><w:unhideWhenUsed/></w:style>` +
    `</w:styles>`
  );
}

/**
 * The theme's font scheme names the faces Word falls back to when a run names none
 * (等线/Calibri in docx's theme): point both schemes at the document's own faces.
 */
export function rewriteThemeFonts(theme: string, layout: Layout): string {
  const f = fontNames(layout.fonts);
  const scheme = (tag: 'majorFont' | 'minorFont', ea: string): string =>
    `<a:${tag}><a:latin typeface="${LATIN}"/><a:ea typeface="${ea}"/><a:cs typeface="${LATIN}"/>` +
    `<a:font script="Hans" typeface="${ea}"/></a:${tag}>`;
  return theme
    .replace(/<a:majorFont>[\s\S]*?<\/a:majorFont>/, scheme('majorFont', f.hei))
    .replace(/<a:minorFont>[\s\S]*?<\/a:minorFont>/, scheme('minorFont', f.fang));
}

/**
 * word/fontTable.xml naming every face the document uses, with the name Word should try
 * when the face is missing (`altName`) and its character set (86 = GB2312): a Windows 10/11
 * machine has 仿宋 and 楷体 but not the *_GB2312 faces, and without this entry Word falls
 * back to its default East Asian face (等线) instead.
 */
export function fontTableXml(layout: Layout): string {
  const f = fontNames(layout.fonts);
  const cjk = (name: string, alt: string | undefined, family: 'modern' | 'roman' | 'swiss' | 'script'): string =>
    `<w:font w:name="${name}">${alt && alt !== name ? `<w:altName w:val="${alt}"/>` : ''}` +
    `<w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="fixed"/></w:font>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:fonts xmlns:w="${W}">` +
    `<w:font w:name="${LATIN}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
    cjk(f.fang, '仿宋', 'modern') +
    cjk(f.kai, '楷体', 'script') +
    cjk(f.hei, 'SimHei', 'modern') +
    cjk(f.song, 'SimSun', 'modern') +
    cjk(f.title, '宋体', 'roman') +
    `</w:fonts>`
  );
}

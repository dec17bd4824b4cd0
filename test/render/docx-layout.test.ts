/**
 * The GB/T 9704 checklist (the team's GBT9704.md notes, items 1–14) read back from the DOCX a
 * full plan renders to: red header, title, recipients, headings, lists, quote, table,
 * attachment note, signature, attachment page and colophon.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { renderDocx } from '../../src/render/docx/index.js';
import { attr, bodyParagraphs, paragraphText, readDocx, select, select1, type DocxParts } from '../helpers/docx-xml.js';
import { fullPlan, model } from './models.js';

let docx: DocxParts;
let text: string;

beforeAll(async () => {
  const out = await renderDocx(model(fullPlan()));
  docx = readDocx(out.docx);
  text = out.text;
});

const val = (node: Node | undefined, name = 'w:val'): string | undefined => attr(node, name);
const num = (node: Node | undefined, name: string): number => Number(attr(node, name));
/** The first body paragraph whose text is (or starts with) the given text. */
function para(start: string): Node {
  const p = bodyParagraphs(docx.document).find((n) => paragraphText(n).startsWith(start));
  if (!p) throw new Error(`no paragraph starting with ${start}`);
  return p;
}
/** The body paragraph whose text is exactly the given text. */
function paraExact(whole: string): Node {
  const p = bodyParagraphs(docx.document).find((n) => paragraphText(n) === whole);
  if (!p) throw new Error(`no paragraph ${whole}`);
  return p;
}
function runFonts(p: Node): Array<Record<string, string | undefined>> {
  return select('.//w:r[w:t]/w:rPr/w:rFonts', p).map((f) => ({
    ascii: val(f, 'w:ascii'),
    hAnsi: val(f, 'w:hAnsi'),
    eastAsia: val(f, 'w:eastAsia'),
    cs: val(f, 'w:cs'),
  }));
}
const isFalse = (v: string | undefined): boolean => v === '0' || v === 'false' || v === 'off';

describe('page and grid', () => {
  test('1. A4 page, GB margins, no gutter', () => {
    const sect = select1('//w:body/w:sectPr', docx.document);
    expect(sect).toBeDefined();
    const pgSz = select1('w:pgSz', sect!);
    expect([num(pgSz, 'w:w'), num(pgSz, 'w:h')]).toEqual([11906, 16838]);
    const pgMar = select1('w:pgMar', sect!);
    for (const [side, want] of [['w:top', 2098], ['w:right', 1474], ['w:bottom', 1984], ['w:left', 1587]] as const) {
      expect(Math.abs(num(pgMar, side) - want)).toBeLessThanOrEqual(57);
    }
    expect(num(pgMar, 'w:gutter')).toBe(0);
    // The page number's dash 7 mm below the type area (GB §7.5).
    expect(num(pgMar, 'w:footer')).toBeGreaterThanOrEqual(1300);
    expect(num(pgMar, 'w:footer')).toBeLessThanOrEqual(1600);
  });

  test('2. line grid of 579 and every body and heading run condensed by 0.25 pt', () => {
    const grid = select1('//w:body/w:sectPr/w:docGrid', docx.document);
    expect(val(grid, 'w:type')).toBe('lines');
    expect(num(grid, 'w:linePitch')).toBeGreaterThanOrEqual(570);
    expect(num(grid, 'w:linePitch')).toBeLessThanOrEqual(580);
    const runs = [para('为切实做好'), para('一、指导思想'), para('（一）领导小组')].flatMap((p) => select('.//w:r[w:t]', p));
    expect(runs.length).toBeGreaterThan(3);
    for (const r of runs) expect(val(select1('w:rPr/w:spacing', r))).toBe('-5');
  });
});

describe('fonts and styles', () => {
  test('3. docDefaults: 仿宋_GB2312, sz 32, zh-CN, no first-line indent, no theme fonts anywhere', () => {
    const rPr = select1('//w:docDefaults/w:rPrDefault/w:rPr', docx.styles);
    expect(val(select1('w:rFonts', rPr!), 'w:eastAsia')).toBe('仿宋_GB2312');
    expect(val(select1('w:rFonts', rPr!), 'w:ascii')).toBe('Times New Roman');
    expect(val(select1('w:sz', rPr!))).toBe('32');
    expect(val(select1('w:lang', rPr!), 'w:eastAsia')).toBe('zh-CN');
    expect(select('//w:docDefaults//w:ind', docx.styles)).toHaveLength(0);
    for (const part of docx.names.filter((n) => n.endsWith('.xml'))) {
      expect(docx.text(part), part).not.toMatch(/w:(ascii|hAnsi|eastAsia|cs)Theme=/);
    }
    // The font table tells Word what to use where a *_GB2312 face is missing.
    const fontTable = docx.xml('word/fontTable.xml');
    expect(val(select1('//w:font[@w:name="仿宋_GB2312"]/w:altName', fontTable))).toBe('仿宋');
    expect(val(select1('//w:font[@w:name="楷体_GB2312"]/w:altName', fontTable))).toBe('楷体');
    expect(select('//w:font', fontTable).map((f) => val(f, 'w:name')).sort()).toEqual(
      ['Times New Roman', '仿宋_GB2312', '宋体', '方正小标宋简体', '楷体_GB2312', '黑体'].sort(),
    );
    // The theme's own fallback faces are the document's, not 等线/Calibri.
    const theme = docx.text('word/theme/theme1.xml');
    expect(theme).not.toMatch(/Calibri|等线/);
    expect(theme).toContain('<a:ea typeface="仿宋_GB2312"/>');
  });

  test('every text run names all four font slots', () => {
    const runs = select('//w:body//w:r[w:t]', docx.document);
    expect(runs.length).toBeGreaterThan(50);
    for (const r of runs) {
      const f = select1('w:rPr/w:rFonts', r);
      expect(f, paragraphText(r)).toBeDefined();
      for (const slot of ['w:ascii', 'w:hAnsi', 'w:eastAsia', 'w:cs']) expect(val(f, slot), `${slot} of ${paragraphText(r)}`).toBeTruthy();
    }
  });

  test('4. body paragraphs: justified, 2-character first line, exact 579, widow control off, overflowPunct on, no autospace', () => {
    for (const start of ['为切实做好', '坚持“安全第一', '成立夏季消防']) {
      const pPr = select1('w:pPr', para(start))!;
      expect(val(select1('w:jc', pPr))).toBe('both');
      const ind = select1('w:ind', pPr);
      expect(num(ind, 'w:firstLineChars')).toBe(200);
      expect(num(ind, 'w:firstLine')).toBe(640);
      const sp = select1('w:spacing', pPr);
      expect([val(sp, 'w:line'), val(sp, 'w:lineRule'), val(sp, 'w:before'), val(sp, 'w:after')]).toEqual(['579', 'exact', '0', '0']);
      expect(isFalse(val(select1('w:widowControl', pPr)))).toBe(true);
      expect(val(select1('w:overflowPunct', pPr))).toBe('1');
      expect(isFalse(val(select1('w:autoSpaceDE', pPr)))).toBe(true);
      expect(isFalse(val(select1('w:autoSpaceDN', pPr)))).toBe(true);
    }
  });

  test('blank lines are empty paragraphs on the same exact spacing', () => {
    const blanks = bodyParagraphs(docx.document).filter((p) => paragraphText(p) === '' && select('.//w:framePr', p).length === 0);
    expect(blanks.length).toBeGreaterThanOrEqual(7);
    const onGrid = blanks.filter((p) => val(select1('w:pPr/w:spacing', p), 'w:line') === '579');
    // Only the colophon's hairline anchor paragraph is off the grid.
    expect(blanks.length - onGrid.length).toBe(1);
  });

  test('5. title: 方正小标宋简体 sz 44, centred, not bold, not indented', () => {
    const p = para('关于开展2025年夏季');
    expect(val(select1('w:pPr/w:jc', p))).toBe('center');
    expect(select('w:pPr/w:ind', p)).toHaveLength(0);
    for (const r of select('w:r', p)) {
      expect(val(select1('w:rPr/w:rFonts', r), 'w:eastAsia')).toBe('方正小标宋简体');
      expect(val(select1('w:rPr/w:sz', r))).toBe('44');
      expect(select('w:rPr/w:b', r)).toHaveLength(0);
    }
  });

  test('6. headings: markers by level, Heading1–4 named heading 1–4, fonts, sz 32, black, no blue', () => {
    const want = [
      ['Heading1', '一、指导思想', '黑体'],
      ['Heading1', '二、组织领导', '黑体'],
      ['Heading2', '（一）领导小组', '楷体_GB2312'],
      ['Heading3', '1.职责', '仿宋_GB2312'],
      ['Heading4', '（1）办公室', '仿宋_GB2312'],
    ] as const;
    for (const [style, textWant, font] of want) {
      const p = para(textWant);
      expect(paragraphText(p)).toBe(textWant);
      expect(val(select1('w:pPr/w:pStyle', p))).toBe(style);
      for (const f of runFonts(p)) expect(f.eastAsia).toBe(font);
      for (const sz of select('.//w:r/w:rPr/w:sz', p)) expect(val(sz)).toBe('32');
    }
    for (let level = 1; level <= 4; level++) {
      const s = select1(`//w:style[@w:styleId="Heading${level}"]`, docx.styles)!;
      expect(val(select1('w:name', s))).toBe(`heading ${level}`);
      expect(val(select1('w:pPr/w:outlineLvl', s))).toBe(String(level - 1));
      expect(select('w:pPr/w:keepNext', s)).toHaveLength(1);
      expect(val(select1('w:rPr/w:color', s))).toBe('000000');
      expect(val(select1('w:rPr/w:sz', s))).toBe('32');
    }
    // Bold third level by default (common practice), never bold first level.
    expect(select('//w:style[@w:styleId="Heading3"]/w:rPr/w:b[not(@w:val)]', docx.styles)).toHaveLength(1);
    expect(select('.//w:r[w:rPr/w:b]', para('一、指导思想'))).toHaveLength(0);
    // The author's typed “二、” was replaced, not doubled.
    expect(text).not.toContain('二、二、');
  });

  test('7. dates without zero padding; 发文字号 in the standard form', () => {
    expect(text).toContain('2025年6月3日');
    expect(text).not.toMatch(/\b0\d月|年0\d/);
    const number = text.split('\n').find((l) => l.includes('〔'));
    expect(number).toMatch(/^[^〔〕]+〔\d{4}〕[1-9]\d*号$/);
  });

  test('8. attachment page: page break, label 黑体 flush left, title centred sz 44 matching the note', () => {
    const label = para('附件1');
    expect(paragraphText(label)).toBe('附件1');
    expect(select('w:pPr/w:pageBreakBefore', label)).toHaveLength(1);
    expect(val(select1('w:pPr/w:jc', label))).toBe('left');
    expect(select('w:pPr/w:ind', label)).toHaveLength(0);
    expect(runFonts(label)[0]?.eastAsia).toBe('黑体');
    const all = bodyParagraphs(docx.document);
    const i = all.indexOf(label);
    // line 1 label, line 2 blank, line 3 title
    expect(paragraphText(all[i + 1]!)).toBe('');
    const title = all[i + 2]!;
    expect(paragraphText(title)).toBe('夏季消防安全检查责任分工表');
    expect(val(select1('w:pPr/w:jc', title))).toBe('center');
    expect(val(select1('.//w:r/w:rPr/w:sz', title))).toBe('44');
    expect(paragraphText(para('附件：1.'))).toBe('附件：1.夏季消防安全检查责任分工表');
    // Heading numbers start again on the attachment page.
    expect(text.split('附件1')[1]).toContain('一、总体要求');
  });
});

describe('main part blocks', () => {
  test('recipients flush left, the listed offices joined with ，, ending with a full-width colon', () => {
    const p = para('各社区居委会');
    expect(paragraphText(p)).toBe('各社区居委会，街道各科室：');
    expect(select('w:pPr/w:ind', p)).toHaveLength(0);
  });

  test('attachment note: 左空二字, later names aligned under the first, no punctuation after names', () => {
    const first = para('附件：1.');
    const second = para('2.检查情况汇总表');
    expect(paragraphText(second)).toBe('2.检查情况汇总表');
    const i1 = select1('w:pPr/w:ind', first);
    const i2 = select1('w:pPr/w:ind', second);
    // first line starts two characters in; “2.” starts under “1.” (after the three
    // characters of “附件：”); wrapped lines of both names start at the same place
    expect(num(i1, 'w:left') - num(i1, 'w:hanging')).toBe(640);
    expect(num(i2, 'w:left') - num(i2, 'w:hanging')).toBe(640 + 3 * 315);
    expect(num(i2, 'w:left')).toBe(num(i1, 'w:left'));
    expect(num(i2, 'w:hanging')).toBeGreaterThan(0);
    const all = bodyParagraphs(docx.document);
    expect(paragraphText(all[all.indexOf(first) - 1]!)).toBe('');
  });

  test('signature: issuer 右空二字, date starting two characters right of the issuer, 附注 in （）', () => {
    const issuer = paraExact('某某区某某街道办事处');
    const date = paraExact('2025年6月3日');
    expect(val(select1('w:pPr/w:jc', issuer))).toBe('right');
    expect(num(select1('w:pPr/w:ind', issuer), 'w:right')).toBe(640);
    // date is placed from the left: its start is issuer start + 2 characters
    const issuerStart = 8844 - 640 - 10 * 315;
    expect(val(select1('w:pPr/w:jc', date))).toBe('left');
    expect(num(select1('w:pPr/w:ind', date), 'w:left')).toBe(issuerStart + 640);
    const all = bodyParagraphs(docx.document);
    expect(paragraphText(all[all.indexOf(issuer) - 1]!)).toBe('');
    const note = all[all.indexOf(date) + 1]!;
    expect(paragraphText(note)).toBe('（联系人：赵某某，电话：12345678）');
    expect(num(select1('w:pPr/w:ind', note), 'w:firstLine')).toBe(640);
  });

  test('lists become numbered body paragraphs; bullets plain; quotes in 楷体', () => {
    expect(text).toContain('\n1.牵头组织检查；\n2.汇总检查情况：\n（1）每周报送一次；\n（2）每月通报一次。\n督促隐患整改。');
    expect(select('//w:numPr', docx.document)).toHaveLength(0);
    const quote = para('引用的文字用楷体。');
    expect(runFonts(quote)[0]?.eastAsia).toBe('楷体_GB2312');
    expect(num(select1('w:pPr/w:ind', quote), 'w:left')).toBe(640);
    const strong = select('.//w:r[w:rPr/w:b]', para('成立夏季'));
    expect(strong.map(paragraphText)).toEqual(['组长']);
    const kai = select('.//w:r[w:rPr/w:rFonts/@w:eastAsia="楷体_GB2312"]', para('成立夏季'));
    expect(kai.map(paragraphText)).toEqual(['副组长']);
  });

  test('12. table: full width, grid sums to tblW, fixed layout, header row, cell text without indent or exact spacing', () => {
    const tbl = select1('//w:body/w:tbl', docx.document)!;
    const tblW = num(select1('w:tblPr/w:tblW', tbl), 'w:w');
    expect(tblW).toBeLessThanOrEqual(8844);
    const cols = select('w:tblGrid/w:gridCol', tbl).map((c) => num(c, 'w:w'));
    expect(cols).toHaveLength(3);
    expect(cols.reduce((a, b) => a + b, 0)).toBe(tblW);
    // the long 职责 column is the widest
    expect(Math.max(...cols)).toBe(cols[1]);
    expect(val(select1('w:tblPr/w:tblLayout', tbl), 'w:type')).toBe('fixed');
    const rows = select('w:tr', tbl);
    expect(select('w:trPr/w:tblHeader', rows[0]!)).toHaveLength(1);
    for (const r of rows) expect(select('w:trPr/w:cantSplit', r)).toHaveLength(1);
    for (const f of select('.//w:r/w:rPr/w:rFonts', rows[0]!)) expect(val(f, 'w:eastAsia')).toBe('黑体');
    // Cell text leaves the line grid (else LibreOffice doubles row heights).
    expect(val(select1('//w:style[@w:styleId="TableText"]/w:pPr/w:snapToGrid', docx.styles))).toBe('0');
    for (const p of select('.//w:tc/w:p', tbl)) {
      expect(val(select1('w:pPr/w:pStyle', p))).toBe('TableText');
      expect(Number(attr(select1('w:pPr/w:ind', p), 'w:firstLine') ?? 0)).toBe(0);
      expect(val(select1('w:pPr/w:spacing', p), 'w:lineRule')).not.toBe('exact');
      for (const sz of select('.//w:rPr/w:sz', p)) expect(val(sz)).toBe('28');
    }
    for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']) {
      const b = select1(`w:tblPr/w:tblBorders/w:${side}`, tbl);
      expect([val(b), val(b, 'w:sz'), val(b, 'w:color')]).toEqual(['single', '4', '000000']);
    }
  });

  test('13. runs holding “ ” — … carry w:hint="eastAsia"', () => {
    const runs = select('//w:body//w:r[w:t]', docx.document).filter((r) => /[“”‘’—…]/.test(paragraphText(r)));
    expect(runs.length).toBeGreaterThan(1);
    for (const r of runs) expect(val(select1('w:rPr/w:rFonts', r), 'w:hint')).toBe('eastAsia');
  });

  test('14. no colour other than black except the red mark and rule', () => {
    const colours = new Set<string>();
    for (const part of docx.names.filter((n) => /^word\/(document|styles|footer\d*|header\d*)\.xml$/.test(n))) {
      for (const m of docx.text(part).matchAll(/w:color="([0-9A-Fa-f]{6}|auto)"|<w:color w:val="([^"]+)"/g)) colours.add((m[1] ?? m[2] ?? '').toUpperCase());
    }
    expect([...colours].sort()).toEqual(['000000', 'AUTO', 'FF0000'].filter((c) => colours.has(c)));
    expect(colours.has('FF0000')).toBe(true);
    const red = select('//w:r[w:rPr/w:color/@w:val="FF0000"]', docx.document).map(paragraphText);
    expect(red).toEqual(['某某区某某街道办事处文件']);
  });
});

describe('red header and colophon', () => {
  test('份号, 密级, 紧急程度 top-left, then the red mark, number two lines below, red rule', () => {
    const all = bodyParagraphs(docx.document);
    expect(all.slice(0, 4).map(paragraphText)).toEqual(['000123', '秘密★1年', '特急', '某某区某某街道办事处文件']);
    for (const p of all.slice(0, 3)) expect(val(select1('w:pPr/w:jc', p))).toBe('left');
    expect(runFonts(all[1]!)[0]?.eastAsia).toBe('黑体');
    const mark = all[3]!;
    expect(val(select1('w:pPr/w:jc', mark))).toBe('center');
    expect(runFonts(mark)[0]?.eastAsia).toBe('方正小标宋简体');
    expect(val(select1('.//w:rPr/w:color', mark))).toBe('FF0000');
    // top edge 35 mm below the type area: 3 lines above plus the spacing before ≈ 1984 twips
    const before = num(select1('w:pPr/w:spacing', mark), 'w:before');
    expect(3 * 579 + before).toBeGreaterThan(1700);
    expect(3 * 579 + before).toBeLessThanOrEqual(1984);
    expect(all.slice(4, 6).map(paragraphText)).toEqual(['', '']);
    const number = all[6]!;
    expect(paragraphText(number)).toBe('某街发〔2025〕8号');
    expect(val(select1('w:pPr/w:jc', number))).toBe('center');
    const rule = select1('w:pPr/w:pBdr/w:bottom', number);
    expect([val(rule), val(rule, 'w:color')]).toEqual(['single', 'FF0000']);
    // two blank lines between the rule and the title
    expect(all.slice(7, 10).map(paragraphText)).toEqual(['', '', '关于开展2025年夏季消防安全检查的工作方案']);
  });

  test('9. colophon: 8/6/8 rules, 抄送 sz 28 ending with “。”, printer and date + 印发 on one line', () => {
    const framed = bodyParagraphs(docx.document).filter((p) => select('w:pPr/w:framePr', p).length > 0);
    expect(framed.map(paragraphText)).toEqual(['抄送：区消防救援大队，区应急管理局。', '某某街道党政办公室2025年6月4日印发']);
    const [cc, printer] = framed as [Node, Node];
    expect(num(select1('w:pPr/w:pBdr/w:top', cc), 'w:sz')).toBe(8);
    expect(num(select1('w:pPr/w:pBdr/w:bottom', cc), 'w:sz')).toBe(6);
    expect(num(select1('w:pPr/w:pBdr/w:bottom', printer), 'w:sz')).toBe(8);
    for (const sz of select('.//w:rPr/w:sz', cc)) expect(val(sz)).toBe('28');
    const ccInd = select1('w:pPr/w:ind', cc);
    expect(num(ccInd, 'w:left') - num(ccInd, 'w:hanging')).toBe(280);
    expect(num(ccInd, 'w:right')).toBe(280);
    expect(select('w:r/w:tab', printer)).toHaveLength(1);
    expect(val(select1('w:pPr/w:tabs/w:tab', printer))).toBe('right');
    expect(num(select1('w:pPr/w:tabs/w:tab', printer), 'w:pos')).toBe(8844 - 280);
    // the last item ends at the bottom of the type area
    const frames = framed.map((p) => select1('w:pPr/w:framePr', p));
    for (const f of frames) expect([val(f, 'w:vAnchor'), val(f, 'w:wrap')]).toEqual(['margin', 'around']);
    expect(num(frames[1], 'w:y')).toBeGreaterThan(num(frames[0], 'w:y'));
    expect(num(frames[1], 'w:y') + 579 + 40).toBe(12756);
  });
});

describe('footer and settings', () => {
  test('10. evenAndOddHeaders; footer references default and even; no titlePg', () => {
    const eo = select1('//w:evenAndOddHeaders', docx.settings);
    expect(eo).toBeDefined();
    expect(isFalse(val(eo))).toBe(false);
    const refs = select('//w:body/w:sectPr/w:footerReference', docx.document).map((r) => val(r, 'w:type')).sort();
    expect(refs).toEqual(['default', 'even']);
    expect(select('//w:sectPr/w:titlePg', docx.document)).toHaveLength(0);
  });

  test('11. odd footer right 空一字, even footer left 空一字, — PAGE — in 宋体 sz 28 everywhere', () => {
    const odd = docx.footer('default')!;
    const even = docx.footer('even')!;
    expect(val(select1('//w:p/w:pPr/w:jc', odd))).toBe('right');
    expect(num(select1('//w:p/w:pPr/w:ind', odd), 'w:right')).toBe(280);
    expect(val(select1('//w:p/w:pPr/w:jc', even))).toBe('left');
    expect(num(select1('//w:p/w:pPr/w:ind', even), 'w:left')).toBe(280);
    for (const footer of [odd, even]) {
      expect(select('//w:instrText', footer).map((n) => (n.textContent ?? '').trim())).toEqual(['PAGE']);
      const texts = select('//w:t', footer).map((n) => n.textContent ?? '');
      // “— ” + PAGE field (its result run included) + “ —”, with U+2014 EM DASH
      expect(texts.join('')).toBe('\u2014 1 \u2014');
      const runs = select('//w:r', footer);
      expect(runs.length).toBeGreaterThanOrEqual(3);
      for (const r of runs) {
        const f = select1('w:rPr/w:rFonts', r);
        for (const slot of ['w:ascii', 'w:hAnsi', 'w:eastAsia', 'w:cs']) expect(val(f, slot)).toBe('宋体');
        expect(val(select1('w:rPr/w:sz', r))).toBe('28');
      }
    }
  });
});

/**
 * Chinese Markdown in the DOCX: soft line breaks, heading numbers, typed markers, lists,
 * inline marks, hints on shared punctuation, images, font profiles.
 */
import { describe, expect, test } from 'vitest';
import { renderDocx } from '../../src/render/docx/index.js';
import { fitImage, isWide } from '../../src/render/docx/inline.js';
import { columnWidths, displayWidth } from '../../src/render/docx/tables.js';
import { breakTitle, signatureLayout, textWidth } from '../../src/render/docx/doc-blocks.js';
import { markSize } from '../../src/render/docx/header.js';
import { attr, bodyParagraphs, paragraphText, readDocx, select, select1 } from '../helpers/docx-xml.js';
import { md, model } from './models.js';
import { makePng } from './png.js';

async function render(markdown: string, options: Parameters<typeof model>[1] = {}) {
  const out = await renderDocx(model(md(markdown), options));
  return { ...out, parts: readDocx(out.docx) };
}

describe('soft line breaks', () => {
  test('join without a space between Chinese characters, with one elsewhere', async () => {
    const { text } = await render('第一行中文\n第二行中文，\n“引号”开头\nEnglish words\nand more 中文\n结尾。');
    expect(text).toBe('第一行中文第二行中文，“引号”开头 English words and more 中文结尾。');
  });

  test('across inline marks', async () => {
    const { text } = await render('加强**组织\n领导**，\n*落实*责任');
    expect(text).toBe('加强组织领导，落实责任');
  });

  test('hard breaks stay breaks', async () => {
    const { parts } = await render('第一行\\\n第二行');
    expect(select('//w:body/w:p//w:br', parts.document)).toHaveLength(1);
  });

  test('wide characters', () => {
    for (const ch of ['中', '，', '。', '“', '—', '…', '（']) expect(isWide(ch), ch).toBe(true);
    for (const ch of ['a', '1', ',', '(', undefined]) expect(isWide(ch), String(ch)).toBe(false);
  });
});

describe('headings', () => {
  test('first level runs 一、 to 十一、 and deeper levels reset under each', async () => {
    const body = Array.from({ length: 11 }, (_, i) => `## 标题${i + 1}\n\n### 小标题\n\n#### 第三级\n\n##### 第四级\n`).join('\n');
    const { parts } = await render(body);
    const h1 = select('//w:p[w:pPr/w:pStyle/@w:val="Heading1"]', parts.document).map(paragraphText);
    expect(h1).toEqual(['一、', '二、', '三、', '四、', '五、', '六、', '七、', '八、', '九、', '十、', '十一、'].map((m, i) => `${m}标题${i + 1}`));
    for (const [style, text] of [['Heading2', '（一）小标题'], ['Heading3', '1.第三级'], ['Heading4', '（1）第四级']]) {
      const all = select(`//w:p[w:pPr/w:pStyle/@w:val="${style}"]`, parts.document).map(paragraphText);
      expect(all).toEqual(Array(11).fill(text));
    }
  });

  test('typed markers are replaced, never doubled, and wrong ones corrected', async () => {
    const { text } = await render('## 一、指导思想\n\n### (二)迎检阶段\n\n### （二）总结阶段\n\n#### 1、准备\n\n#### 3. 部署\n\n##### (1)细则\n\n## 三、工作要求');
    expect(text.split('\n')).toEqual(['一、指导思想', '（一）迎检阶段', '（二）总结阶段', '1.准备', '2.部署', '（1）细则', '二、工作要求']);
  });

  test('# is the first level too; ###### is body text; outline levels', async () => {
    const { parts } = await render('# 总标题\n\n###### 太深的标题');
    const ps = bodyParagraphs(parts.document);
    expect(paragraphText(ps[0]!)).toBe('一、总标题');
    expect(attr(select1('w:pPr/w:outlineLvl', ps[0]!), 'w:val')).toBe('0');
    expect(paragraphText(ps[1]!)).toBe('太深的标题');
    expect(select('w:pPr/w:pStyle', ps[1]!)).toHaveLength(0);
    expect(attr(select1('w:pPr/w:ind', ps[1]!), 'w:firstLine')).toBe('640');
  });

  test('strict profile: third level not bold; modern profile: 仿宋/楷体 names', async () => {
    const strict = await render('#### 第三级', { layout: { boldHeading3: false, fonts: 'modern' } });
    expect(select('//w:r[w:rPr/w:b]', strict.parts.document)).toHaveLength(0);
    expect(select('//w:style[@w:styleId="Heading3"]/w:rPr/w:b[not(@w:val) or @w:val!="0"]', strict.parts.styles)).toHaveLength(0);
    expect(attr(select1('//w:docDefaults//w:rFonts', strict.parts.styles), 'w:eastAsia')).toBe('仿宋');
    expect(attr(select1('//w:style[@w:styleId="Heading2"]//w:rFonts', strict.parts.styles), 'w:eastAsia')).toBe('楷体');
    const modern = await render('### 第二级\n\n正文*强调*', { layout: { fonts: 'modern' } });
    const fonts = select('//w:body//w:r/w:rPr/w:rFonts/@w:eastAsia', modern.parts.document).map((a) => a.nodeValue);
    expect(new Set(fonts)).toEqual(new Set(['楷体', '仿宋']));
    expect(modern.parts.text('word/document.xml')).not.toContain('_GB2312');
  });
});

describe('inline content', () => {
  test('links keep their text; inline code is plain text; html comments vanish', async () => {
    const { text, parts } = await render('详见[通知](https://example.org/a)和`代码`。<!-- 注释 -->');
    expect(text).toBe('详见通知和代码。');
    expect(select('//w:hyperlink', parts.document)).toHaveLength(0);
    expect(parts.text('word/_rels/document.xml.rels')).not.toContain('hyperlink');
  });

  test('the hint goes on runs with “ ” ‘ ’ — … · and only on them', async () => {
    const { parts } = await render('普通文字**“加粗引号”**其后……再—·');
    for (const r of select('//w:body//w:r[w:t]', parts.document)) {
      const shared = /[“”‘’—…·]/.test(paragraphText(r));
      expect(attr(select1('w:rPr/w:rFonts', r), 'w:hint'), paragraphText(r)).toBe(shared ? 'eastAsia' : undefined);
    }
  });

  test('code blocks become plain paragraphs, lists carry no Word numbering or bullets', async () => {
    const { text, parts } = await render('```\n第一行\n第二行\n```\n\n- 甲\n- 乙\n\n3. 丙\n4. 丁');
    expect(text.split('\n')).toEqual(['第一行', '第二行', '甲', '乙', '3.丙', '4.丁']);
    expect(select('//w:numPr', parts.document)).toHaveLength(0);
    expect(text).not.toMatch(/[•●·]/);
  });

  test('images: scaled down to the type width keeping the aspect ratio; small ones keep their size', async () => {
    const images = new Map([
      ['wide.png', { data: makePng(1200, 600), type: 'png' as const, width: 1200, height: 600 }],
      ['small.png', { data: makePng(100, 50), type: 'png' as const, width: 100, height: 50 }],
    ]);
    const { parts } = await render('![宽](wide.png)\n\n![小](small.png)', { images });
    const extents = select('//wp:inline/wp:extent', parts.document).map((e) => [Number(attr(e, 'cx')), Number(attr(e, 'cy'))]);
    expect(extents).toHaveLength(2);
    const [wide, small] = extents as [[number, number], [number, number]];
    // 8844 twips = 5,615,940 EMU; docx works in whole pixels of 9525 EMU
    expect(wide[0]).toBeLessThanOrEqual(8844 * 635);
    expect(wide[0]).toBeGreaterThan(8844 * 635 - 9525);
    expect(Math.abs(wide[0] / wide[1] - 2)).toBeLessThan(0.01);
    expect(small).toEqual([100 * 9525, 50 * 9525]);
    expect(parts.names.filter((n) => n.startsWith('word/media/'))).toHaveLength(2);
    // image paragraphs are centred and not on exact spacing (which would crop them)
    for (const p of select('//w:p[.//w:drawing]', parts.document)) {
      expect(attr(select1('w:pPr/w:jc', p), 'w:val')).toBe('center');
      expect(attr(select1('w:pPr/w:spacing', p), 'w:lineRule')).not.toBe('exact');
    }
    expect(fitImage({ data: new Uint8Array(), type: 'png', width: 300, height: 3000 }).height).toBeLessThan(3000);
  });
});

describe('measures', () => {
  test('column widths fill the type width and follow content length', () => {
    const widths = columnWidths([['序号', '单位', '职责'], ['1', '街道平安办', '牵头组织检查，汇总检查情况，督促隐患整改']], 3);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(8844);
    expect(widths[2]).toBeGreaterThan(widths[1]!);
    expect(widths[1]).toBeGreaterThan(widths[0]!);
    for (const w of widths) expect(w).toBeGreaterThanOrEqual(2 * 280 + 216);
    // When not everything fits, short columns (序号, 完成时限) keep their width; long ones wrap.
    const rows = [['序号', '检查对象', '责任单位', '配合单位', '完成时限'], ['1', '老旧小区消防通道', '街道城管执法中队', '各社区居委会', '8月15日前']];
    const tight = columnWidths(rows, 5);
    expect(tight.reduce((a, b) => a + b, 0)).toBe(8844);
    expect(tight[0]).toBeGreaterThanOrEqual(displayWidth('序号') * 140 + 216);
    expect(tight[4]).toBeGreaterThanOrEqual(displayWidth('8月15日前') * 140 + 216);
    expect(tight[1]).toBeLessThan(displayWidth('老旧小区消防通道') * 140 + 216);
    const many = columnWidths([Array(14).fill('很长的表头文字')], 14);
    expect(many.reduce((a, b) => a + b, 0)).toBe(8844);
  });

  test('signature placement (GB §7.3.5.2)', () => {
    const issuer = textWidth('某某区某某街道办事处');
    const date = textWidth('2025年6月3日');
    const long = signatureLayout(issuer, date);
    expect(long.issuer).toEqual({ align: 'right', indent: 640 });
    expect(long.date.align).toBe('left');
    expect(long.date.indent - (8844 - 640 - issuer)).toBe(640);
    const short = signatureLayout(textWidth('某某局'), date);
    expect(short.date).toEqual({ align: 'right', indent: 640 });
    // the issuer starts two characters left of the date's first character
    expect(8844 - 640 - date - short.issuer.indent).toBe(640);
  });

  test('long titles break in two at a word boundary, evenly; short and hand-broken ones are kept', () => {
    expect(breakTitle('关于开展2025年夏季消防安全检查的工作方案')).toEqual(['关于开展2025年夏季消防安全检查的', '工作方案']);
    expect(breakTitle('某某镇2026年社会治安综合治理工作实施方案')).toEqual(['某某镇2026年社会治安综合治理', '工作实施方案']);
    expect(breakTitle('关于开展夏季消防安全检查的通知')).toEqual(['关于开展夏季消防安全检查的通知']);
    expect(breakTitle('某某社区卫生服务中心2025年健康教育工作计划')).toEqual(['某某社区卫生服务中心2025年健康教育', '工作计划']);
    // no two-line break fits: left to the renderer
    const long = '某某区某某街道办事处关于进一步加强和改进社区网格化服务管理工作的实施意见';
    expect(breakTitle(long)).toEqual([long]);
  });

  test('a title breaks with w:br inside one centred paragraph', async () => {
    const out = await renderDocx(model([{ type: 'docTitle', text: '某某镇2026年社会治安综合治理工作实施方案' }, { type: 'docTitle', text: '第一行\n第二行' }]));
    const parts = readDocx(out.docx);
    const titles = bodyParagraphs(parts.document).filter((p) => paragraphText(p) !== '');
    expect(titles.map((p) => select('.//w:br', p).length)).toEqual([1, 1]);
    expect(out.text.split('\n').filter(Boolean)).toEqual(['某某镇2026年社会治安综合治理', '工作实施方案', '第一行', '第二行']);
  });

  test('the red mark never overflows the type width', () => {
    for (const mark of ['某某局文件', '某某区某某街道办事处文件', '中共某某市委员会某某市人民政府联合文件']) {
      const sz = markSize(mark);
      expect(sz).toBeGreaterThanOrEqual(44);
      expect(sz).toBeLessThanOrEqual(72);
      if (sz > 44) expect([...mark].length * sz * 10).toBeLessThanOrEqual(8844);
    }
  });
});

describe('names kept on one line', () => {
  test('a word joined by U+2060 gets a run of its own marked zxx; the text has no joiners', async () => {
    const { parts, text } = await render('组长：黄\u2060贤\u2060帅（镇长），成员：王\u2060某\u2060某');
    expect(text).toBe('组长：黄贤帅（镇长），成员：王某某');
    const runs = select('//w:body/w:p/w:r', parts.document);
    const kept = runs.filter((r) => attr(select1('w:rPr/w:lang', r), 'w:eastAsia') === 'zxx');
    expect(kept.map((r) => select1('w:t', r)?.textContent)).toEqual(['黄\u2060贤\u2060帅', '王\u2060某\u2060某']);
    // The text around them stays in ordinary (Chinese) runs.
    expect(runs.map((r) => select1('w:t', r)?.textContent).join('')).toBe('组长：黄\u2060贤\u2060帅（镇长），成员：王\u2060某\u2060某');
  });
});

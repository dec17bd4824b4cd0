/** The PDF checks as pure functions, and our fontconfig file as fontconfig reads it. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxFontNames, findSubstitutions, parsePdffonts } from '../../src/render/pdf/font-check.js';
import { classifyFace, fillFontconfig, officialFonts, resolveFaces, type ResolvedFace } from '../../src/render/pdf/fonts.js';
import { describeMissing, findTextLoss, pdfPages } from '../../src/render/pdf/text-check.js';
import { findOnPath } from '../../src/render/pdf/tools.js';
import { doctorVerdict, type DoctorFacts } from '../../src/cli/doctor.js';
import { makePlanDocx } from './fixture-docx.js';

describe('text comparison', () => {
  const doc = '一、总体要求\n坚持问题导向，狠抓落实。\n附件1\n责任分工表（2025年）';
  const page1 = '一、总体要求\n坚持问题导向，狠抓落实。\n\n— 1 —\n';
  const page2 = '附件1\n责任分工表（2025年）\n— 2 —\n';

  it('takes the footer page numbers out of each page', () => {
    const pages = pdfPages(`${page1}\f${page2}\f`);
    expect(pages).toHaveLength(2);
    expect(pages[1]).not.toMatch(/—\s*2\s*—/);
    expect(pages[1]).toContain('2025');
  });

  it.each([
    ['nothing lost', [page1, page2], undefined],
    ['a comma lost on page 1', [page1.replace('，', ''), page2], { page: 1, detail: '“，”×1' }],
    ['a bracket and a digit lost on page 2', [page1, page2.replace('（2025', '（025').replace('）', '')], { page: 2, detail: '“2”×1 “）”×1' }],
    ['extra characters (a repeated table header) are no loss', [page1, '单位' + page2], undefined],
    ['a lost character followed by text the next page also has', [page1, page2.replace('附件1', '附件')], { page: 2, detail: '“1”×1' }],
    ['the tail missing (a page not drawn)', [page1], { page: 1, detail: '“2”×2 “附”×1 “件”×1 “1”×1 “责”×1 “任”×1 “分”×1 “工”×1 …' }],
  ])('%s', (_name, pages, expected) => {
    const loss = findTextLoss(doc, pdfPages(pages.join('\f')));
    expect(loss ? { page: loss.page, detail: describeMissing(loss.missing) } : undefined).toEqual(expected);
  });

  it('is not fooled by cells read in another order within a page', () => {
    const table = '单位\n任务\n街道办\n排查隐患\n';
    const pdfTable = '单位 街道办\n任务 排查隐患\n— 1 —';
    expect(findTextLoss(table, pdfPages(pdfTable))).toBeUndefined();
  });

  it('folds Kangxi radicals a font may map ideographs to', () => {
    expect(findTextLoss('行动', pdfPages('\u2f8f动\n— 1 —'))).toBeUndefined();
  });
});

describe('fonts in the DOCX and the PDF', () => {
  it('reads the requested names from every part and refuses what is not a DOCX', async () => {
    const { docx } = await makePlanDocx({ paragraphs: 1, attachments: 0 });
    expect(docxFontNames(docx)).toEqual(['Times New Roman', '仿宋_GB2312', '宋体', '方正小标宋简体', '楷体_GB2312', '黑体'].sort());
    expect(docxFontNames(new TextEncoder().encode('plain text'))).toBeUndefined();
  });

  it('parses pdffonts output', () => {
    const out = [
      'name                                 type              encoding         emb sub uni object ID',
      '------------------------------------ ----------------- ---------------- --- --- --- ---------',
      'BAAAAA+FandolSong-Regular            Type 1            Builtin          yes yes yes     50  0',
      'CAAAAA+LiberationSerif               TrueType          WinAnsi          yes yes yes     30  0',
    ].join('\n');
    expect(parsePdffonts(out)).toEqual(['FandolSong-Regular', 'LiberationSerif']);
  });

  const face = (requested: string, ps: string, kind: ResolvedFace['kind']): ResolvedFace => ({ requested, family: ps, postScriptName: ps, file: '', kind });
  it.each([
    ['stand-ins as set up', ['仿宋_GB2312', '黑体'], ['FandolFang-Regular', 'FandolHei-Regular', 'LiberationSerif'], [face('仿宋_GB2312', 'FandolFang-Regular', 'stand-in'), face('黑体', 'FandolHei-Regular', 'stand-in')], []],
    ['the real face', ['黑体'], ['SimHei'], [face('黑体', 'SimHei', 'real')], []],
    ['a wrong fallback used', ['仿宋_GB2312'], ['NotoSansCJKjp-Regular'], [face('仿宋_GB2312', 'NotoSansCJKjp-Regular', 'wrong')], [{ requested: '仿宋_GB2312', embedded: 'NotoSansCJKjp-Regular' }]],
    ['LibreOffice went around fontconfig', ['宋体', '黑体'], ['FandolHei-Regular', 'NotoSerifCJKjp-Regular-VKana'], [face('宋体', 'FandolSong-Regular', 'stand-in'), face('黑体', 'FandolHei-Regular', 'stand-in')], [{ requested: '宋体', embedded: 'NotoSerifCJKjp-Regular-VKana' }]],
    ['no fontconfig, real faces', ['仿宋_GB2312', '黑体'], ['FangSong_GB2312', 'SimHei', 'TimesNewRomanPSMT'], undefined, []],
    ['no fontconfig, a face missing', ['仿宋_GB2312', '黑体'], ['SimHei', 'SimSun'], undefined, [{ requested: '仿宋_GB2312', embedded: 'SimSun' }]],
  ])('%s', (_name, requested, embedded, resolved, expected) => {
    expect(findSubstitutions(requested, embedded, resolved)).toEqual(expected);
  });
});

describe('our fontconfig file', () => {
  const template = readFileSync(new URL('../../fonts/plangen-fonts.conf', import.meta.url), 'utf8');

  it('has an alias for every official name, accepting exactly the table\'s stand-ins', () => {
    for (const f of officialFonts) {
      const alias = new RegExp(`<alias binding="same"><family>${f.name}</family><accept>(.*?)</accept></alias>`).exec(template);
      expect(alias, f.name).not.toBeNull();
      expect([...alias![1]!.matchAll(/<family>([^<]+)<\/family>/g)].map((m) => m[1])).toEqual(f.standIns);
    }
    // accept, never prefer: a real official font must still win.
    expect(template).not.toContain('<prefer>');
  });

  it('classifies faces', () => {
    expect(classifyFace('仿宋_GB2312', ['FangSong_GB2312'])).toBe('real');
    expect(classifyFace('仿宋_GB2312', ['FandolFang', 'FandolFang R'])).toBe('stand-in');
    expect(classifyFace('仿宋_GB2312', ['Noto Sans CJK JP'])).toBe('wrong');
    expect(classifyFace('黑体', ['Noto Sans CJK SC'])).toBe('stand-in');
  });

  const fcMatch = findOnPath('fc-match', process.env);
  it.skipIf(!fcMatch)('lets an installed official font win over the stand-ins, and finds wrong fallbacks', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plangen-fc-test-'));
    try {
      // A face renamed to 黑体 at scan time plays the installed official font.
      const real = path.join(dir, 'real');
      mkdirSync(real);
      mkdirSync(path.join(dir, 'cache'));
      const source = ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', '/usr/share/fonts/truetype/arphic/ukai.ttc'].find(existsSync);
      expect(source, 'a WenQuanYi or AR PL face (scripts/install-system-deps.sh) to play the official one').toBeDefined();
      symlinkSync(source!, path.join(real, 'official.ttc'));
      const ours = fillFontconfig(template, path.join(dir, 'cache'), [real]);
      const family = source!.includes('wqy') ? 'WenQuanYi Zen Hei' : 'AR PL UKai CN';
      writeFileSync(path.join(dir, 'ours.conf'), ours);
      writeFileSync(
        path.join(dir, 'with-real.conf'),
        `<?xml version="1.0"?><fontconfig><match target="scan"><test name="family"><string>${family}</string></test><test name="file" compare="contains"><string>${real}</string></test><edit name="family" mode="assign_replace"><string>黑体</string></edit></match><include>${path.join(dir, 'ours.conf')}</include></fontconfig>`,
      );
      const faces = await resolveFaces(['黑体', '宋体'], { ...process.env, FONTCONFIG_FILE: path.join(dir, 'with-real.conf') });
      expect(faces?.map((f) => [f.requested, f.kind])).toEqual([
        ['黑体', 'real'],
        ['宋体', 'stand-in'],
      ]);
      expect(faces?.[0]?.file).toBe(path.join(real, 'official.ttc'));
      // The system configuration alone has no aliases: 仿宋 falls to whatever sans face is there.
      const bare = await resolveFaces(['仿宋_GB2312'], { ...process.env, FONTCONFIG_FILE: '/etc/fonts/fonts.conf' });
      expect(bare?.[0]?.kind).toBe('wrong');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('doctor verdict', () => {
  const base: DoctorFacts = {
    node: '20.20.0',
    nodeOk: true,
    soffice: { path: '/usr/bin/soffice', version: 'LibreOffice 7.4.7.2' },
    tools: { pdfinfo: '/usr/bin/pdfinfo', pdftotext: '/usr/bin/pdftotext', pdffonts: '/usr/bin/pdffonts', 'fc-match': '/usr/bin/fc-match' },
    faces: [{ requested: '黑体', family: 'SimHei', file: '', kind: 'real' }],
  };
  it.each([
    ['all there', base, { ok: true, reason: 'ok' }],
    ['stand-ins', { ...base, faces: [{ requested: '黑体', family: 'FandolHei', file: '', kind: 'stand-in' as const }] }, { ok: true, reason: 'ok-stand-ins' }],
    ['a wrong fallback', { ...base, faces: [{ requested: '黑体', family: 'Noto Sans CJK JP', file: '', kind: 'wrong' as const }] }, { ok: false, reason: 'wrong-faces' }],
    ['no soffice', { node: base.node, nodeOk: true, tools: base.tools }, { ok: false, reason: 'soffice-missing' }],
    ['soffice does not run', { ...base, soffice: { path: '/usr/bin/soffice' } }, { ok: false, reason: 'soffice-broken' }],
    ['no poppler', { ...base, tools: { ...base.tools, pdftotext: undefined } }, { ok: true, reason: 'ok-unchecked' }],
    ['old Node', { ...base, nodeOk: false }, { ok: false, reason: 'node' }],
  ])('%s', (_name, facts, expected) => {
    expect(doctorVerdict(facts as DoctorFacts)).toEqual(expected);
  });
});

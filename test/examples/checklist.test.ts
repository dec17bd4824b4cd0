/**
 * The GB/T 9704 checklist (../shared/GBT9704.md, items 1–8 and 10–14, and 9 where a
 * colophon is printed) read back from the DOCX of EVERY bundled example, and the Open XML
 * SDK validator on each. The renderer's own tests check the same items on hand-made
 * models; these prove that what users actually get holds them too.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocx, checkFile, type CheckedPlan } from '../../src/pipeline.js';
import { attr, paragraphText, readDocx, select, select1, type DocxParts } from '../helpers/docx-xml.js';

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));
const files = readdirSync(examplesDir).filter((f) => f.endsWith('.md')).sort();
const work = mkdtempSync(path.join(tmpdir(), 'plangen-checklist-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Built {
  readonly checked: CheckedPlan;
  readonly docx: Uint8Array;
  readonly parts: DocxParts;
}
const built = new Map<string, Built>();

beforeAll(async () => {
  for (const f of files) {
    const checked = await checkFile(path.join(examplesDir, f), `examples/${f}`);
    const out = await buildDocx(checked);
    if (!out.docx) throw new Error(`${f} did not build: ${JSON.stringify(out.diagnostics)}`);
    built.set(f, { checked, docx: out.docx, parts: readDocx(out.docx) });
  }
});

const val = (node: Node | undefined, name = 'w:val') => attr(node, name);
const num = (node: Node | undefined, name: string) => Number(attr(node, name));
const off = (v: string | undefined) => v === '0' || v === 'false' || v === 'off';
const HEADING_MARKER: Record<string, RegExp> = {
  Heading1: /^[一二三四五六七八九十]+、/,
  Heading2: /^（[一二三四五六七八九十]+）/,
  Heading3: /^\d+\./,
  Heading4: /^（\d+）/,
};
const ANY_MARKER = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\(|\d+[.、．]|（\d+）)/;

describe.each(files)('%s', (file) => {
  const get = () => {
    const b = built.get(file);
    if (!b) throw new Error(`${file} was not built`);
    return b;
  };
  /** Paragraphs set as body text: the 2-character first-line indent. */
  const bodyParas = () => select('//w:body/w:p[w:pPr/w:ind/@w:firstLine="640"][not(w:pPr/w:pStyle)]', get().parts.document);
  const headingParas = () => select('//w:body/w:p[starts-with(w:pPr/w:pStyle/@w:val, "Heading")]', get().parts.document);

  it('1. A4, GB margins (±57 twips), no gutter, footer 7 mm under the type area', () => {
    const sect = select1('//w:body/w:sectPr', get().parts.document);
    const pgSz = select1('w:pgSz', sect!);
    expect([num(pgSz, 'w:w'), num(pgSz, 'w:h')]).toEqual([11906, 16838]);
    const pgMar = select1('w:pgMar', sect!);
    for (const [side, want] of [['w:top', 2098], ['w:right', 1474], ['w:bottom', 1984], ['w:left', 1587]] as const) {
      expect(Math.abs(num(pgMar, side) - want), side).toBeLessThanOrEqual(57);
    }
    expect(num(pgMar, 'w:gutter')).toBe(0);
    expect(num(pgMar, 'w:footer')).toBeGreaterThanOrEqual(1300);
    expect(num(pgMar, 'w:footer')).toBeLessThanOrEqual(1600);
  });

  it('2. line grid 579 and every body and heading run condensed by 0.25 pt', () => {
    const grid = select1('//w:body/w:sectPr/w:docGrid', get().parts.document);
    expect(val(grid, 'w:type')).toBe('lines');
    expect(num(grid, 'w:linePitch')).toBe(579);
    const runs = [...bodyParas(), ...headingParas()].flatMap((p) => select('w:r[w:t]', p));
    expect(runs.length).toBeGreaterThan(20);
    for (const r of runs) expect(val(select1('w:rPr/w:spacing', r)), paragraphText(r)).toBe('-5');
  });

  it('3. docDefaults 仿宋_GB2312 sz 32 zh-CN, no indent there, no theme fonts in any part', () => {
    const { parts } = get();
    const rPr = select1('//w:docDefaults/w:rPrDefault/w:rPr', parts.styles);
    expect(val(select1('w:rFonts', rPr!), 'w:eastAsia')).toMatch(/^(仿宋_GB2312|仿宋|FangSong)$/);
    expect(val(select1('w:sz', rPr!))).toBe('32');
    expect(val(select1('w:lang', rPr!), 'w:eastAsia')).toBe('zh-CN');
    expect(select('//w:docDefaults//w:ind', parts.styles)).toHaveLength(0);
    for (const part of parts.names.filter((n) => n.endsWith('.xml'))) {
      expect(parts.text(part), part).not.toMatch(/w:(ascii|hAnsi|eastAsia|cs)Theme=/);
    }
  });

  it('4. body paragraphs: justified, 2 characters in, exact 579, widow control off, overflowPunct on', () => {
    const paras = bodyParas();
    expect(paras.length).toBeGreaterThan(10);
    for (const p of paras) {
      const pPr = select1('w:pPr', p)!;
      const where = paragraphText(p).slice(0, 20);
      expect(val(select1('w:jc', pPr)), where).toBe('both');
      expect(num(select1('w:ind', pPr), 'w:firstLineChars'), where).toBe(200);
      const sp = select1('w:spacing', pPr);
      expect([val(sp, 'w:line'), val(sp, 'w:lineRule'), val(sp, 'w:before'), val(sp, 'w:after')], where).toEqual(['579', 'exact', '0', '0']);
      expect(off(val(select1('w:widowControl', pPr))), where).toBe(true);
      expect(val(select1('w:overflowPunct', pPr)), where).toBe('1');
    }
  });

  it('5. title: 方正小标宋简体 sz 44, centred, not bold, not indented, reading the plan title', () => {
    const { parts, checked } = get();
    const titles = select('//w:body/w:p[w:r/w:rPr/w:sz/@w:val="44"][w:pPr/w:jc/@w:val="center"]', parts.document).filter(
      (p) => !select1('w:r/w:rPr/w:color[@w:val="FF0000"]', p),
    );
    expect(titles.length).toBeGreaterThan(0);
    const all = titles.map((p) => paragraphText(p)).join('|');
    expect(all).toContain(checked.plan!.title.replace(/\s/g, '').slice(-6));
    for (const p of titles) {
      for (const r of select('w:r', p)) {
        expect(val(select1('w:rPr/w:rFonts', r), 'w:eastAsia')).toBe('方正小标宋简体');
        expect(select1('w:rPr/w:b', r)).toBeUndefined();
      }
      expect(select1('w:pPr/w:ind[@w:firstLine!="0"]', p)).toBeUndefined();
    }
  });

  it('6. headings: the marker of their level, numbered once, in the heading styles', () => {
    const { parts } = get();
    const heads = headingParas();
    expect(heads.length).toBeGreaterThan(3);
    for (const h of heads) {
      const style = val(select1('w:pPr/w:pStyle', h))!;
      const text = paragraphText(h);
      expect(text, style).toMatch(HEADING_MARKER[style]!);
      expect(text.replace(HEADING_MARKER[style]!, ''), `numbered twice: ${text}`).not.toMatch(ANY_MARKER);
    }
    const fonts: Record<string, RegExp> = { Heading1: /^黑体$/, Heading2: /^楷体(_GB2312)?$/, Heading3: /^仿宋(_GB2312)?$/, Heading4: /^仿宋(_GB2312)?$/ };
    for (const [id, font] of Object.entries(fonts)) {
      const style = select1(`//w:style[@w:styleId="${id}"]`, parts.styles);
      expect(val(select1('w:name', style!)), id).toBe(`heading ${id.slice(-1)}`);
      expect(val(select1('w:rPr/w:rFonts', style!), 'w:eastAsia'), id).toMatch(font);
      expect(val(select1('w:rPr/w:sz', style!)), id).toBe('32');
      expect(['000000', 'auto', undefined]).toContain(val(select1('w:rPr/w:color', style!)));
    }
  });

  it('7. dates without zero padding; the signature date is the plan date; 发文字号 in form', () => {
    const { parts, checked } = get();
    const text = select('//w:body//w:p', parts.document).map(paragraphText).join('\n');
    expect(text).not.toMatch(/\d{4}年0\d月|月0\d日/);
    const plan = checked.plan!;
    if (plan.date) expect(text).toContain(plan.date.text);
    if (plan.number && plan.template === 'official') {
      expect(plan.number).toMatch(/^[^〔〕]+〔\d{4}〕[1-9]\d*号$/);
      expect(text).toContain(plan.number);
    }
  });

  it('8. attachment pages start a new page with a 黑体 label matching the 附件说明', () => {
    const { parts, checked } = get();
    const labels = select('//w:body/w:p[w:pPr/w:pageBreakBefore or w:r/w:br[@w:type="page"]]', parts.document).filter((p) =>
      /^附件\d*$/.test(paragraphText(p)),
    );
    const withFiles = checked.plan!.attachments.filter((a) => a.file);
    if (checked.plan!.template === 'notice') expect(labels.length).toBeGreaterThanOrEqual(1);
    else expect(labels.length).toBe(withFiles.length);
    for (const label of labels) {
      expect(val(select1('w:r/w:rPr/w:rFonts', label), 'w:eastAsia')).toBe('黑体');
      expect(val(select1('w:pPr/w:jc', label))).toBe('left');
    }
    const text = select('//w:body/w:p', parts.document).map(paragraphText).join('\n');
    for (const a of checked.plan!.attachments) expect(text).toContain(a.title);
  });

  it('9. colophon (when cc/printer are given): 8/6/8 rules, 抄送 sz 28 ending “。”, 印发', () => {
    const { parts, checked } = get();
    const plan = checked.plan!;
    const cc = select('//w:body/w:p', parts.document).find((p) => paragraphText(p).startsWith('抄送：'));
    if (plan.cc.length === 0) {
      expect(cc).toBeUndefined();
      return;
    }
    expect(cc).toBeDefined();
    expect(paragraphText(cc!)).toMatch(/。$/);
    expect(val(select1('w:r/w:rPr/w:sz', cc!))).toBe('28');
    expect(num(select1('w:pPr/w:pBdr/w:top', cc!), 'w:sz')).toBe(8);
    if (plan.printer) {
      const printed = select('//w:body/w:p', parts.document).find((p) => paragraphText(p).includes('印发'));
      expect(paragraphText(printed!)).toContain(plan.printer);
      expect(num(select1('w:pPr/w:pBdr/w:bottom', printed!), 'w:sz')).toBe(8);
    }
  });

  it('10–11. odd/even footers “— N —” in 宋体 sz 28, odd right, even left, first page numbered', () => {
    const { parts } = get();
    expect(select1('//w:evenAndOddHeaders', parts.settings)).toBeDefined();
    expect(select1('//w:body/w:sectPr/w:titlePg', parts.document)).toBeUndefined();
    for (const [type, jc, side] of [['default', 'right', 'w:right'], ['even', 'left', 'w:left']] as const) {
      const footer = parts.footer(type);
      expect(footer, type).toBeDefined();
      const p = select1('//w:p', footer!)!;
      expect(val(select1('w:pPr/w:jc', p))).toBe(jc);
      const ind = num(select1('w:pPr/w:ind', p), side);
      expect(ind).toBeGreaterThanOrEqual(280);
      expect(ind).toBeLessThanOrEqual(320);
      expect(paragraphText(p)).toMatch(/^\u2014\s?\d+\s?\u2014$/);
      expect(select('.//w:instrText', p).map((n) => n.textContent ?? '').join('')).toMatch(/PAGE/);
      for (const r of select('w:r', p)) {
        const f = select1('w:rPr/w:rFonts', r);
        for (const slot of ['w:ascii', 'w:hAnsi', 'w:eastAsia', 'w:cs']) expect(val(f, slot), slot).toBe('宋体');
        expect(val(select1('w:rPr/w:sz', r))).toBe('28');
      }
    }
  });

  it('12. tables fit the type area with explicit grids, a repeated header row, no body indent', () => {
    for (const tbl of select('//w:tbl', get().parts.document)) {
      const w = num(select1('w:tblPr/w:tblW', tbl), 'w:w');
      expect(w).toBeLessThanOrEqual(8844);
      const cols = select('w:tblGrid/w:gridCol', tbl).map((c) => num(c, 'w:w'));
      expect(cols.reduce((a, b) => a + b, 0)).toBe(w);
      expect(select1('w:tr[1]/w:trPr/w:tblHeader', tbl)).toBeDefined();
      for (const p of select('.//w:tc/w:p', tbl)) {
        expect(select1('w:pPr/w:ind[@w:firstLine="640"]', p)).toBeUndefined();
        expect(select1('w:pPr/w:spacing[@w:lineRule="exact"][@w:line="579"]', p)).toBeUndefined();
      }
    }
  });

  it('13. runs holding “ ” — … are marked eastAsia', () => {
    const runs = select('//w:body//w:r[w:t]', get().parts.document).filter((r) => /[“”‘’—…]/.test(paragraphText(r)));
    for (const r of runs) {
      const f = select1('w:rPr/w:rFonts', r);
      expect(val(f, 'w:hint') === 'eastAsia' || /[\u4e00-\u9fff]/.test(val(f, 'w:ascii') ?? ''), paragraphText(r)).toBe(true);
    }
  });

  it('14. black everywhere but the red mark and rule', () => {
    const { parts } = get();
    const colours = new Set<string>();
    for (const part of parts.names.filter((n) => /^word\/(document|styles|footer\d*)\.xml$/.test(n))) {
      for (const m of parts.text(part).matchAll(/w:color w:val="([0-9A-Fa-f]{6}|auto)"/g)) colours.add(m[1]!.toUpperCase());
      for (const m of parts.text(part).matchAll(/w:color="([0-9A-Fa-f]{6}|auto)"/g)) colours.add(m[1]!.toUpperCase());
    }
    for (const c of colours) expect(['000000', 'AUTO', 'FF0000']).toContain(c);
    const red = select('//w:body//w:r[w:rPr/w:color/@w:val="FF0000"]', parts.document).map(paragraphText).join('');
    const plan = get().checked.plan!;
    // Only the 发文机关标志 is red (the rule is a border, counted above).
    if (plan.template === 'official') expect(red).toBe(plan.mark ?? `${plan.issuer}文件`);
    else expect(red).toBe('');
  });
});

describe('the Open XML SDK validator', () => {
  const run = promisify(execFile);
  const bin = path.resolve('node_modules/.bin/ooxml-validator');
  it('accepts the DOCX of every example', async () => {
    const results = await Promise.all(
      files.map(async (f) => {
        const file = path.join(work, f.replace(/\.md$/, '.docx'));
        writeFileSync(file, built.get(f)!.docx);
        return run(bin, [file]).then(
          (r) => ({ f, code: 0, out: r.stdout }),
          (e: { code?: number; stdout?: string }) => ({ f, code: e.code ?? -1, out: e.stdout ?? '' }),
        );
      }),
    );
    for (const r of results) expect(r.code, `${r.f}: ${r.out}`).toBe(0);
  }, 180_000);
});

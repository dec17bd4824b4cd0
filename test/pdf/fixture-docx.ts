/**
 * DOCX files for the PDF tests, made with the `docx` library to the GB/T 9704 settings
 * measured in LibreOffice (docs: the team's GBT9704.md notes). They stand in for the real
 * writer's output so the converter and its checks can be tested on their own.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IRunOptions,
} from 'docx';

const body = (text: string, font = '仿宋_GB2312', size = 32): TextRun =>
  new TextRun({ text, font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: font, cs: 'Times New Roman' }, size, characterSpacing: -5 } satisfies IRunOptions);

const exact = { line: 579, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

interface ParaOptions {
  font?: string;
  size?: number;
  center?: boolean;
  indent?: boolean;
  pageBreakBefore?: boolean;
  /** Leave LibreOffice's hanging punctuation on (it then drops marks at justified line ends). */
  hanging?: boolean;
}

function para(text: string, opts: ParaOptions = {}): Paragraph {
  return new Paragraph({
    children: [body(text, opts.font, opts.size)],
    spacing: exact,
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    ...(opts.indent === false || opts.center ? {} : { indent: { firstLine: 640 } }),
    widowControl: false,
    ...(opts.hanging ? {} : { overflowPunctuation: true }),
    ...(opts.pageBreakBefore ? { pageBreakBefore: true } : {}),
  });
}

function footer(odd: boolean): Footer {
  const run = { font: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体', cs: '宋体' }, size: 28 };
  return new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: 280 } : { left: 280 },
        children: [new TextRun({ ...run, text: '— ' }), new TextRun({ ...run, children: [PageNumber.CURRENT] }), new TextRun({ ...run, text: ' —' })],
      }),
    ],
  });
}

/** Sentences with the punctuation LibreOffice is known to drop at line ends. */
export function sampleSentences(count: number): string[] {
  const words = ['街道平安办', '各社区居委会', '消防设施', '安全隐患', '重点单位', '出租屋', '“三小”场所', '《消防法》', '〔2025〕8号', '（试行）'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const a = words[i % words.length]!;
    const b = words[(i * 3 + 1) % words.length]!;
    out.push(`第${i + 1}项，${a}要会同${b}开展检查、登记和整改；做到底数清、情况明：确保${(i * 7) % 100}%的问题按期销号……`);
  }
  return out;
}

/** Sentences of ideographs and full-width marks only, so every full line holds 28 characters. */
export function plainSentences(count: number): string[] {
  const units = ['街道平安办', '各社区居委会', '辖区消防设施', '重点单位', '“三小”场所', '《消防法》', '物业服务企业', '沿街商铺'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const a = units[i % units.length]!;
    const b = units[(i * 3 + 1) % units.length]!;
    out.push(`${a}要会同${b}开展拉网式排查，逐户登记、逐项整改；做到底数清、情况明、责任实：发现隐患当场交办……`);
  }
  return out;
}

export interface FixtureDocx {
  readonly docx: Uint8Array;
  /** All text the document holds, in order (what renderDocx's `text` gives). */
  readonly text: string;
}

/**
 * A plan-like document: title, several pages of body text, then `attachments` attachment
 * pages (each starting a new page). The page after the first is plain body text. With
 * `hanging`, it lacks the setting that keeps LibreOffice from dropping line-end marks.
 */
export async function makePlanDocx(opts: { paragraphs: number; attachments: number; hanging?: boolean }): Promise<FixtureDocx> {
  const texts: string[] = [];
  const children: Paragraph[] = [];
  const add = (text: string, o: ParaOptions = {}) => {
    texts.push(text);
    children.push(para(text, { ...o, hanging: opts.hanging ?? false }));
  };
  add('关于开展2025年夏季消防安全检查的工作方案', { font: '方正小标宋简体', size: 44, center: true });
  add('', { indent: false });
  add('一、指导思想', { font: '黑体' });
  // One paragraph with digits and Latin-width marks, then plain text to fill the pages.
  add(sampleSentences(3).join(''));
  const sentences = plainSentences(opts.paragraphs * 3);
  for (let i = 0; i < opts.paragraphs; i++) add(sentences.slice(i * 3, i * 3 + 3).join(''));
  add('（一）检查范围', { font: '楷体_GB2312' });
  add('辖区内各类生产经营单位。');
  for (let n = 1; n <= opts.attachments; n++) {
    add(`附件${n}`, { font: '黑体', indent: false, pageBreakBefore: true });
    add('', { indent: false });
    add(`夏季消防安全检查责任分工表（${n}）`, { font: '方正小标宋简体', size: 44, center: true });
    add('', { indent: false });
    add(sampleSentences(2).join(''));
  }
  const doc = new Document({
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312', cs: 'Times New Roman' }, size: 32 } } } },
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474, footer: 1446, header: 851, gutter: 0 } },
          grid: { type: DocumentGridType.LINES, linePitch: 579 },
        },
        footers: { default: footer(true), even: footer(false) },
        children,
      },
    ],
  });
  const docx = new Uint8Array(await Packer.toBuffer(doc));
  return { docx, text: texts.join('\n') };
}

/**
 * The documents converted by one LibreOffice run into `dir`/raw (so later fonts are numbered
 * on, as in a batch), with a private profile: the PDFs' paths, in order.
 */
export function convertInOneRun(docs: readonly FixtureDocx[], dir: string): string[] {
  const inDir = path.join(dir, 'in');
  const outDir = path.join(dir, 'raw');
  mkdirSync(inDir, { recursive: true });
  const inputs = docs.map((d, i) => {
    const file = path.join(inDir, `doc-${i}.docx`);
    writeFileSync(file, d.docx);
    return file;
  });
  const profile = pathToFileURL(path.join(dir, 'profile')).href;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, ...inputs], { stdio: 'ignore', timeout: 180_000 });
  return docs.map((_, i) => path.join(outDir, `doc-${i}.pdf`));
}

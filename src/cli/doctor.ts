import { Option, type Command } from 'commander';
import type { Lang } from '../diagnostics/catalogue.js';
import type { Io } from '../io/io.js';
import { version } from '../version.js';

/** The oldest Node plangen runs on (package.json engines). */
const minNode = [20, 19, 0] as const;

/** `plangen doctor`: can this machine make PDFs, and with which faces? Exit 0 when PDF output will work. */
export function registerDoctorCommand(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('doctor')
    .description('检查生成 PDF 所需的 LibreOffice、poppler 和字体 / check LibreOffice, poppler and fonts for PDF output')
    .addOption(new Option('--lang <lang>', 'message language / 提示语言').choices(['zh', 'en']).default('zh'))
    .action(async (flags: { lang: Lang }) => {
      setCode(await runDoctor(io, flags.lang));
    });
}

/** The facts `doctor` reports, gathered without printing (tests read these). */
export interface DoctorFacts {
  readonly node: string;
  readonly nodeOk: boolean;
  readonly soffice?: { readonly path: string; readonly version?: string };
  readonly tools: Readonly<Record<'pdfinfo' | 'pdftotext' | 'pdffonts' | 'fc-match', string | undefined>>;
  /** Undefined where there is no fontconfig (Windows, macOS). */
  readonly faces?: readonly { readonly requested: string; readonly family: string; readonly file: string; readonly kind: 'real' | 'stand-in' | 'wrong' }[];
}

/** Look at the machine through the injected environment. */
export async function gatherDoctorFacts(io: Io): Promise<DoctorFacts> {
  const { findOnPath, findSoffice, runProgram } = await import('../render/pdf/tools.js');
  const { officialFonts, prepareFontconfig, resolveFaces } = await import('../render/pdf/fonts.js');
  const env = io.env;
  const sofficePath = findSoffice(env);
  let soffice: DoctorFacts['soffice'];
  if (sofficePath) {
    const r = await runProgram(sofficePath, ['--version'], { env, timeoutMs: 30_000 });
    const line = r.stdout.toString('utf8').split('\n').find((l) => /LibreOffice|OpenOffice/i.test(l))?.trim();
    soffice = { path: sofficePath, ...(r.code === 0 && line ? { version: line } : {}) };
  }
  const tools = {
    pdfinfo: findOnPath('pdfinfo', env),
    pdftotext: findOnPath('pdftotext', env),
    pdffonts: findOnPath('pdffonts', env),
    'fc-match': findOnPath('fc-match', env),
  };
  const { promises: fsp } = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'plangen-doctor-'));
  let faces: DoctorFacts['faces'];
  try {
    const fcEnv = await prepareFontconfig(tmp, env);
    faces = await resolveFaces(
      officialFonts.map((f) => f.name),
      fcEnv,
    );
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
  const node = process.versions.node;
  return { node, nodeOk: atLeast(node, minNode), ...(soffice ? { soffice } : {}), tools, ...(faces ? { faces } : {}) };
}

function atLeast(v: string, min: readonly number[]): boolean {
  const parts = v.split('.').map(Number);
  for (let i = 0; i < min.length; i++) {
    const a = parts[i] ?? 0;
    if (a !== min[i]) return a > min[i]!;
  }
  return true;
}

/** Whether PDF output will work, and if not, why (first reason). */
export function doctorVerdict(f: DoctorFacts): { ok: boolean; reason: 'ok' | 'ok-stand-ins' | 'ok-unchecked' | 'node' | 'soffice-missing' | 'soffice-broken' | 'wrong-faces' } {
  if (!f.nodeOk) return { ok: false, reason: 'node' };
  if (!f.soffice) return { ok: false, reason: 'soffice-missing' };
  if (!f.soffice.version) return { ok: false, reason: 'soffice-broken' };
  if (f.faces?.some((x) => x.kind === 'wrong')) return { ok: false, reason: 'wrong-faces' };
  if (!f.tools.pdftotext || !f.tools.pdffonts || !f.tools.pdfinfo) return { ok: true, reason: 'ok-unchecked' };
  if (f.faces?.some((x) => x.kind === 'stand-in')) return { ok: true, reason: 'ok-stand-ins' };
  return { ok: true, reason: 'ok' };
}

const words = {
  zh: {
    heading: 'plangen 环境检查',
    node: (v: string, ok: boolean) => `Node.js      ${v}${ok ? '' : `（需要 ${minNode.join('.')} 或更新）`}`,
    missing: '未找到',
    sofficeBroken: '（无法运行）',
    fontsHeading: '公文字体（经 plangen 的 fontconfig 映射后实际使用的字体）：',
    noFontconfig: '本机没有 fontconfig（fc-match），LibreOffice 直接使用系统字体；请确认已安装这些字体：',
    kind: { real: '正式字体', 'stand-in': '免费替代字体', wrong: '错误的回退字体' } as Record<string, string>,
    verdict: {
      ok: '结论：可以生成 PDF，使用正式字体。',
      'ok-stand-ins': '结论：可以生成 PDF；未安装的正式字体以免费替代字体代替（字形相近，不是正式字体）。',
      'ok-unchecked': '结论：可以生成 PDF。PDF 的文字和字体由 plangen 自己核对；缺少 poppler-utils 时，少数 plangen 读不了的 PDF 无法核对（会提示 pdf-unchecked）。',
      node: `结论：Node.js 版本过低，请升级到 ${minNode.join('.')} 或更新。`,
      'soffice-missing': '结论：无法生成 PDF：未找到 LibreOffice（soffice）。安装方法见 docs/pdf.md。',
      'soffice-broken': '结论：无法生成 PDF：LibreOffice 无法运行。',
      'wrong-faces': '结论：PDF 中会出现错误字体（见上方“错误的回退字体”）；请安装正式字体或运行 scripts/install-system-deps.sh 安装 Fandol 字体。',
    },
  },
  en: {
    heading: 'plangen environment check',
    node: (v: string, ok: boolean) => `Node.js      ${v}${ok ? '' : ` (needs ${minNode.join('.')} or newer)`}`,
    missing: 'not found',
    sofficeBroken: ' (does not run)',
    fontsHeading: 'Official fonts (the face each resolves to through plangen\'s fontconfig):',
    noFontconfig: 'No fontconfig (fc-match) here: LibreOffice uses the system\'s fonts directly; make sure these are installed:',
    kind: { real: 'the official face', 'stand-in': 'free stand-in', wrong: 'wrong fallback' } as Record<string, string>,
    verdict: {
      ok: 'Verdict: PDF output will work, with the official faces.',
      'ok-stand-ins': 'Verdict: PDF output will work; official faces that are not installed are replaced by free stand-ins (similar shapes, not the official fonts).',
      'ok-unchecked': 'Verdict: PDF output will work. plangen checks the PDFs\' text and fonts itself; without poppler-utils the few PDFs it cannot read are left unchecked (reported as pdf-unchecked).',
      node: `Verdict: Node.js is too old; upgrade to ${minNode.join('.')} or newer.`,
      'soffice-missing': 'Verdict: no PDF output: LibreOffice (soffice) not found. See docs/pdf.md to install it.',
      'soffice-broken': 'Verdict: no PDF output: LibreOffice does not run.',
      'wrong-faces': 'Verdict: PDFs would use wrong faces (see "wrong fallback" above); install the official fonts, or the Fandol faces with scripts/install-system-deps.sh.',
    },
  },
} as const;

/** Print the report; returns the exit code (0 when PDF output will work). */
export async function runDoctor(io: Io, lang: Lang): Promise<number> {
  const f = await gatherDoctorFacts(io);
  const w = words[lang];
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const out: string[] = [w.heading, ''];
  out.push(`${mark(f.nodeOk)} ${w.node(f.node, f.nodeOk)}`);
  out.push(`✓ plangen      ${version}`);
  out.push(
    f.soffice
      ? `${mark(!!f.soffice.version)} LibreOffice  ${f.soffice.path}${f.soffice.version ? paren(f.soffice.version, lang) : w.sofficeBroken}`
      : `✗ LibreOffice  ${w.missing}`,
  );
  for (const tool of ['pdfinfo', 'pdftotext', 'pdffonts', 'fc-match'] as const) {
    const p = f.tools[tool];
    out.push(`${mark(!!p)} ${tool.padEnd(12)} ${p ?? w.missing}`);
  }
  out.push('');
  if (f.faces) {
    out.push(w.fontsHeading);
    const width = Math.max(...f.faces.map((x) => displayWidth(x.requested)));
    for (const x of f.faces) {
      const label = x.requested + ' '.repeat(width - displayWidth(x.requested));
      const kind = w.kind[x.kind] ?? x.kind;
      out.push(`${x.kind === 'wrong' ? '✗' : '✓'} ${label} → ${x.family || '?'}${paren(kind, lang)}  ${x.file}`);
    }
  } else {
    const { officialFonts } = await import('../render/pdf/fonts.js');
    out.push(w.noFontconfig);
    out.push('  ' + officialFonts.map((x) => x.name).join(lang === 'zh' ? '、' : ', '));
  }
  const verdict = doctorVerdict(f);
  out.push('', w.verdict[verdict.reason]);
  io.stdout.write(out.join('\n') + '\n');
  return verdict.ok ? 0 : 1;
}

function paren(s: string, lang: Lang): string {
  return lang === 'zh' ? `（${s}）` : ` (${s})`;
}

/** Columns a string takes in a terminal: CJK characters take two. */
function displayWidth(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

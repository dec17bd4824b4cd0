import { existsSync, promises as fsp } from 'node:fs';
import { makeFolders } from '../../io/write.js';
import * as path from 'node:path';
import { packageRoot } from '../../paths.js';
import { findOnPath, runProgram, type Env } from './tools.js';

/** The folder scripts/install-system-deps.sh extracts the Fandol faces into. */
export const fandolDir = '/usr/local/share/plangen/fonts/fandol';

/**
 * The font names GB/T 9704 documents ask for, with what the real font calls itself
 * (family names in any language, and PostScript names as a PDF embeds them) and the free
 * faces plangen's fontconfig file accepts in its place, best first. The alias lists in
 * fonts/plangen-fonts.conf follow this table (a test keeps them in step).
 */
export interface OfficialFont {
  readonly name: string;
  readonly realFamilies: readonly string[];
  readonly realPostScript: readonly string[];
  readonly standIns: readonly string[];
}

const fang = ['FandolFang', 'AR PL UKai CN', 'Noto Serif CJK SC'];
const kai = ['FandolKai', 'AR PL UKai CN', 'Noto Serif CJK SC'];
const hei = ['FandolHei', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei'];
const song = ['FandolSong', 'Noto Serif CJK SC', 'AR PL UMing CN'];

export const officialFonts: readonly OfficialFont[] = [
  { name: '仿宋_GB2312', realFamilies: ['仿宋_GB2312', 'FangSong_GB2312'], realPostScript: ['FangSong_GB2312'], standIns: fang },
  { name: '仿宋', realFamilies: ['仿宋', 'FangSong'], realPostScript: ['FangSong'], standIns: fang },
  { name: 'FangSong', realFamilies: ['仿宋', 'FangSong'], realPostScript: ['FangSong'], standIns: fang },
  { name: '楷体_GB2312', realFamilies: ['楷体_GB2312', 'KaiTi_GB2312'], realPostScript: ['KaiTi_GB2312'], standIns: kai },
  { name: '楷体', realFamilies: ['楷体', 'KaiTi'], realPostScript: ['KaiTi'], standIns: kai },
  { name: 'KaiTi', realFamilies: ['楷体', 'KaiTi'], realPostScript: ['KaiTi'], standIns: kai },
  { name: '黑体', realFamilies: ['黑体', 'SimHei'], realPostScript: ['SimHei'], standIns: hei },
  { name: 'SimHei', realFamilies: ['黑体', 'SimHei'], realPostScript: ['SimHei'], standIns: hei },
  { name: '宋体', realFamilies: ['宋体', 'SimSun', '新宋体', 'NSimSun'], realPostScript: ['SimSun', 'NSimSun'], standIns: song },
  { name: 'SimSun', realFamilies: ['宋体', 'SimSun', '新宋体', 'NSimSun'], realPostScript: ['SimSun', 'NSimSun'], standIns: song },
  {
    name: '方正小标宋简体',
    realFamilies: ['方正小标宋简体', 'FZXiaoBiaoSong-B05S', '方正小标宋_GBK', 'FZXiaoBiaoSong-B05'],
    realPostScript: ['FZXBSJW--GB1-0', 'FZXBSK--GBK1-0', 'FZXiaoBiaoSong-B05S', 'FZXiaoBiaoSong-B05'],
    standIns: song,
  },
  {
    name: '方正小标宋_GBK',
    realFamilies: ['方正小标宋_GBK', 'FZXiaoBiaoSong-B05', '方正小标宋简体', 'FZXiaoBiaoSong-B05S'],
    realPostScript: ['FZXBSK--GBK1-0', 'FZXBSJW--GB1-0', 'FZXiaoBiaoSong-B05', 'FZXiaoBiaoSong-B05S'],
    standIns: song,
  },
];

/** The table entry for an official font name, or undefined for any other name. */
export function officialFont(name: string): OfficialFont | undefined {
  return officialFonts.find((f) => f.name === name);
}

/** Folders holding faces for our fontconfig file: `PLANGEN_FONTS_DIR` (a path list) and the install script's folder, where they exist. */
export function fontDirs(env: Env): string[] {
  const extra = (env['PLANGEN_FONTS_DIR'] ?? '').split(path.delimiter).filter(Boolean);
  return [...extra, fandolDir].filter((d, i, all) => all.indexOf(d) === i && existsSync(d));
}

/** The shipped template, filled in. Pure apart from reading the template. */
export async function fontconfigText(cacheDir: string, dirs: readonly string[]): Promise<string> {
  const template = await fsp.readFile(path.join(packageRoot(), 'fonts', 'plangen-fonts.conf'), 'utf8');
  return fillFontconfig(template, cacheDir, dirs);
}

/** Fill the template's cache folder and font folders in (pure). */
export function fillFontconfig(template: string, cacheDir: string, dirs: readonly string[]): string {
  const dirXml = dirs.map((d) => `<dir>${escapeXml(d)}</dir>`).join('\n  ');
  if (!template.includes('<cachedir>@CACHEDIR@</cachedir>') || !template.includes('@FONTDIRS@')) {
    throw new Error('fonts/plangen-fonts.conf lacks its @CACHEDIR@/@FONTDIRS@ placeholders');
  }
  return template.replace('<cachedir>@CACHEDIR@</cachedir>', () => `<cachedir>${escapeXml(cacheDir)}</cachedir>`).replace('@FONTDIRS@', () => dirXml);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Write our fontconfig file (and the cache folder fontconfig will not create itself) into
 * `dir`. Returns the environment LibreOffice or fc-match should run with.
 */
export async function prepareFontconfig(dir: string, env: Env): Promise<Env> {
  const cacheDir = path.join(dir, 'fontconfig-cache');
  await makeFolders(cacheDir);
  const file = path.join(dir, 'fonts.conf');
  await fsp.writeFile(file, await fontconfigText(cacheDir, fontDirs(env)));
  return { ...env, FONTCONFIG_FILE: file };
}

export type FaceKind = 'real' | 'stand-in' | 'wrong';

export interface ResolvedFace {
  readonly requested: string;
  /** The family fontconfig picked (its first name). */
  readonly family: string;
  readonly postScriptName: string;
  readonly file: string;
  readonly kind: FaceKind;
}

/**
 * Ask fontconfig which face a name resolves to, the way LibreOffice asks (with the
 * document's language, zh-CN). Undefined where LibreOffice does not use fontconfig
 * (Windows, macOS) or there is no `fc-match`.
 */
export async function resolveFaces(names: readonly string[], env: Env, platform: NodeJS.Platform = process.platform): Promise<ResolvedFace[] | undefined> {
  // Homebrew's poppler brings fc-match to macOS, but LibreOffice there asks Core Text, not fontconfig.
  if (platform === 'darwin' || platform === 'win32') return undefined;
  const fcMatch = findOnPath('fc-match', env);
  if (!fcMatch) return undefined;
  const out: ResolvedFace[] = [];
  for (const name of names) {
    // fontconfig pattern syntax escapes - : , \ with a backslash.
    const pattern = name.replace(/[\\:,-]/g, (c) => '\\' + c) + ':lang=zh-cn';
    const r = await runProgram(fcMatch, ['-f', '%{family}\\n%{postscriptname}\\n%{file}\\n', pattern], { env, timeoutMs: 20_000 });
    const [families = '', ps = '', file = ''] = r.stdout.toString('utf8').split('\n');
    const familyList = families.split(',').map((f) => f.trim()).filter(Boolean);
    out.push({ requested: name, family: familyList[0] ?? '', postScriptName: ps, file, kind: classifyFace(name, familyList) });
  }
  return out;
}

/** Real official face, one of our free stand-ins, or a wrong fallback (a Japanese or Latin face, say). */
export function classifyFace(requested: string, families: readonly string[]): FaceKind {
  const font = officialFont(requested);
  if (!font) return families.some((f) => f === requested) ? 'real' : 'wrong';
  if (families.some((f) => font.realFamilies.includes(f))) return 'real';
  if (families.some((f) => font.standIns.includes(f))) return 'stand-in';
  return 'wrong';
}

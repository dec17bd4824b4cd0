import { unzipSync } from 'fflate';
import { officialFont, type ResolvedFace } from './fonts.js';

/**
 * Whether bytes are a DOCX at all: a zip holding `word/document.xml`. LibreOffice turns
 * anything into a PDF (plain text named .docx becomes a page of that text), so this is
 * checked before it runs. Returns the font names the document asks for, or undefined.
 */
export function docxFontNames(bytes: Uint8Array): string[] | undefined {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (f) => /^word\/[^/]+\.xml$/.test(f.name) });
  } catch {
    return undefined;
  }
  if (!parts['word/document.xml']) return undefined;
  // Every run names its fonts, so the same few values come thousands of times: each is unescaped once.
  const written = new Set<string>();
  const decoder = new TextDecoder();
  for (const data of Object.values(parts)) {
    const xml = decoder.decode(data);
    for (const tag of xml.matchAll(/<w:rFonts\b[^>]*>/g)) {
      for (const attr of tag[0].matchAll(/w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"/g)) written.add(attr[1]!);
    }
  }
  return [...new Set([...written].map(unescapeXml))].sort();
}

function unescapeXml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** `pdffonts` output → the embedded faces' PostScript names, subset prefixes removed. */
export function parsePdffonts(output: string): string[] {
  const lines = output.split('\n');
  const ruler = lines.findIndex((l) => /^-{5,}/.test(l));
  if (ruler < 0) return [];
  const names = new Set<string>();
  for (const line of lines.slice(ruler + 1)) {
    const name = line.split(/\s+/)[0];
    if (name) names.add(name.replace(/^[A-Z]{6}\+/, ''));
  }
  return [...names].sort();
}

/** Faces a PDF may hold beside the official ones without anything being amiss. */
const latinOrSymbol = /^(Liberation|TimesNewRoman|Times|Arial|Helvetica|DejaVu|OpenSymbol|Symbol|Carlito|Caladea|Calibri|Cambria|Wingdings)/i;

export interface Substitution {
  readonly requested: string;
  readonly embedded: string;
}

/**
 * Official faces the PDF did not get. `resolved` is what our fontconfig file makes of each
 * requested official name (undefined where there is no fontconfig, on Windows and macOS).
 *
 * A free stand-in is what plangen set up on purpose and is not reported here (`plangen
 * doctor` says which faces are stand-ins). Reported are: an official name that resolved to
 * a wrong fallback which the PDF then used, and a face in the PDF that none of the
 * requested names accounts for (LibreOffice went around fontconfig).
 */
export function findSubstitutions(requested: readonly string[], embedded: readonly string[], resolved: readonly ResolvedFace[] | undefined): Substitution[] {
  const official = requested.filter((n) => officialFont(n));
  const out: Substitution[] = [];
  const accounted = new Set<string>();
  for (const name of official) {
    const font = officialFont(name)!;
    for (const ps of font.realPostScript) accounted.add(ps);
    const face = resolved?.find((r) => r.requested === name);
    if (!face) continue;
    accounted.add(face.postScriptName);
    if (face.kind === 'wrong' && embedded.includes(face.postScriptName)) out.push({ requested: name, embedded: face.postScriptName });
  }
  // Requested non-official names (Times New Roman …) account for their own resolution.
  for (const r of resolved ?? []) if (!official.includes(r.requested)) accounted.add(r.postScriptName);
  const stray = embedded.filter((e) => !accounted.has(e) && !latinOrSymbol.test(e) && !out.some((s) => s.embedded === e));
  if (stray.length > 0) {
    const missing = official.filter((name) => {
      const face = resolved?.find((r) => r.requested === name);
      const wanted = face ? [face.postScriptName] : officialFont(name)!.realPostScript;
      return !wanted.some((w) => embedded.includes(w));
    });
    if (missing.length > 0) for (const e of stray) out.push({ requested: missing.join('、'), embedded: e });
  }
  return out;
}

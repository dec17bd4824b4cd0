import type { PhrasingContent } from 'mdast';
import { ImageRun, Tab, TextRun, XmlComponent, type IRunOptions, type ParagraphChild } from 'docx';
import { noteRun } from './run-sources.js';
import type { ImageData } from '../../model/document.js';
import { CONDENSE, LINE_PITCH, PIXELS_PER_INCH, TYPE_HEIGHT, TYPE_WIDTH } from './metrics.js';
import { needsEastAsiaHint, runFonts } from './fonts.js';
import type { RenderContext } from './context.js';
import { editDocxXml, escapeXml, stringifyPrepared, type Prepared } from './xml-text.js';

/** How a run looks; handlers derive variants (bold, 楷体) from their paragraph's base. */
export interface RunStyle {
  /** East Asian face */
  readonly font: string;
  /** half-points */
  readonly size: number;
  readonly bold?: boolean;
  readonly strike?: boolean;
  /** Body and heading text is condensed by 0.25 pt for 28 characters a line (GB §5.2.3). */
  readonly condensed: boolean;
  /** Only the red mark and rule have one (GB §5.2.4). */
  readonly color?: string;
}

/** One run of text in a given style. */
export function textRun(text: string, style: RunStyle, breakBefore = false, language?: { readonly eastAsia: string }): ParagraphChild {
  const run = plainRun(text, style, breakBefore, language);
  // Remembered so a revision (plangen diff) can split the run and rebuild its pieces.
  noteRun(run, { kind: 'text', text, style, breakBefore, ...(language ? { language } : {}) });
  return run;
}

/** A run of text: from its style's shared shape, or the plain way for text with a tab. */
function plainRun(text: string, style: RunStyle, breakBefore: boolean, language: { readonly eastAsia: string } | undefined): ParagraphChild {
  const shape = text.includes('\t') ? undefined : runShape(style, needsEastAsiaHint(text), breakBefore, language);
  return shape ? (new PreparedRun(shape, text) as unknown as ParagraphChild) : new TextRun(runOptions(text, style, breakBefore, language));
}

/**
 * What docx makes of a run of plain text in one style, everything but the text itself:
 * the prepared `w:rPr` (and `w:br`) objects and the `w:t` attributes. A body holds
 * thousands of runs in a handful of styles, and building and preparing each run's
 * properties anew was the largest single cost of a build (docs/performance.md).
 */
interface RunShape {
  readonly head: readonly unknown[];
  readonly textAttributes: unknown;
  /** The run's XML before and after its escaped text, as docx writes it and the package's edits leave it. */
  readonly open: string;
  readonly close: string;
}

// Per process, so the plans of a batch share them too. Prepared objects are only read by
// the XML writer, never changed, so one can stand in many runs and documents.
const shapes = new Map<string, RunShape | null>();
const SAMPLE = 'x';
const SAMPLE_HINTED = '\u201c';

function runShape(style: RunStyle, hinted: boolean, breakBefore: boolean, language: { readonly eastAsia: string } | undefined): RunShape | undefined {
  const key = `${style.font}|${style.size}|${style.bold ? 1 : 0}|${style.strike ? 1 : 0}|${style.condensed ? 1 : 0}|${style.color ?? ''}|${hinted ? 1 : 0}|${breakBefore ? 1 : 0}|${language?.eastAsia ?? ''}`;
  let shape = shapes.get(key);
  if (shape === undefined) {
    shape = prepareShape(new TextRun(runOptions(hinted ? SAMPLE_HINTED : SAMPLE, style, breakBefore, language)), hinted ? SAMPLE_HINTED : SAMPLE);
    shapes.set(key, shape);
  }
  return shape ?? undefined;
}

/** The shape of a prepared sample run, or null when docx prepares runs some other way (then every run is built the plain way). */
function prepareShape(sample: TextRun, sampleText: string): RunShape | null {
  const prepared = sample.prepForXml({ stack: [] } as unknown as Parameters<TextRun['prepForXml']>[0]) as { 'w:r'?: unknown } | undefined;
  const children = prepared?.['w:r'];
  if (!Array.isArray(children) || children.length === 0) return null;
  const last = children[children.length - 1] as { 'w:t'?: unknown };
  const t = last['w:t'];
  if (Object.keys(last).length !== 1 || !Array.isArray(t) || t.length !== 2 || t[1] !== sampleText) return null;
  const head = children.slice(0, -1);
  // The run as docx writes it around a text that occurs nowhere else in it: what comes
  // before and after that text is the same for every run of the shape.
  const xml = editDocxXml(stringifyPrepared({ 'w:r': [...head, { 'w:t': [t[0], TEXT_MARK] }] }));
  const at = xml.indexOf(TEXT_MARK);
  if (at < 0 || xml.indexOf(TEXT_MARK, at + 1) >= 0) return null;
  return { head, textAttributes: t[0], open: xml.slice(0, at), close: xml.slice(at + TEXT_MARK.length) };
}

const TEXT_MARK = 'plangen-run-text';

/** A run of plain text that docx writes from its shape: the same XML as a TextRun, built once per style. */
class PreparedRun extends XmlComponent {
  constructor(
    private readonly shape: RunShape,
    private readonly text: string,
  ) {
    super('w:r');
  }

  override prepForXml(): ReturnType<XmlComponent['prepForXml']> {
    return { 'w:r': [...this.shape.head, { 'w:t': [this.shape.textAttributes, this.text] }] } as ReturnType<XmlComponent['prepForXml']>;
  }

  /** The run's XML, as docx would write it. */
  xml(): string {
    return this.shape.open + escapeXml(this.text) + this.shape.close;
  }
}

/**
 * A run's XML as docx would write it (edits applied), or undefined for what only docx can
 * write: an image needs its media and relationship registered in the package.
 */
export function runXml(child: ParagraphChild): string | undefined {
  if (child instanceof PreparedRun) return child.xml();
  // Runs with a tab or a line break: few, so written from docx's own prepared form.
  if (child.constructor === TextRun) {
    const prepared = (child as TextRun).prepForXml({ stack: [] } as unknown as Parameters<TextRun['prepForXml']>[0]);
    return prepared ? editDocxXml(stringifyPrepared(prepared as Prepared)) : '';
  }
  return undefined;
}

/**
 * A heading or list number the writer generates: like {@link textRun}, but marked so a
 * revision never shows a number that only moved because a section was added before it.
 */
export function markerRun(text: string, style: RunStyle): ParagraphChild {
  const run = plainRun(text, style, false, undefined);
  noteRun(run, { kind: 'text', text, style, breakBefore: false, generated: true });
  return run;
}

/** The options of a run of text in a given style (shared by plain and revision runs). */
export function runOptions(text: string, style: RunStyle, breakBefore = false, language?: { readonly eastAsia: string }): IRunOptions {
  // A tab character inside w:t is not a tab to Word: it must be a w:tab element.
  const content = text.includes('\t')
    ? { children: text.split('\t').flatMap((part, i) => (i === 0 ? [part] : [new Tab(), part])).filter((c) => c !== '') }
    : { text };
  return {
    ...content,
    ...(breakBefore ? { break: 1 } : {}),
    font: runFonts(style.font, text),
    size: style.size,
    ...(style.bold ? { bold: true } : {}),
    ...(style.strike ? { strike: true } : {}),
    ...(style.condensed ? { characterSpacing: CONDENSE } : {}),
    ...(style.color ? { color: style.color } : {}),
    ...(language ? { language } : {}),
  };
}

// A word whose characters are each joined by U+2060 (a personal name; see keepTogether).
const JOINED = /(?:[^\s\u2060]\u2060)+[^\s\u2060]/gu;

/**
 * Runs for a text, each joined word in a run of its own marked as having no language
 * (zxx): LibreOffice breaks Chinese lines by its own CJK rules, which ignore the word
 * joiner, and applies the Unicode rules that honour it only to text not marked Chinese.
 */
export function textRuns(text: string, style: RunStyle): ParagraphChild[] {
  if (!text.includes('\u2060')) return [textRun(text, style)];
  const out: ParagraphChild[] = [];
  let last = 0;
  for (const m of text.matchAll(JOINED)) {
    const at = m.index ?? 0;
    if (at > last) out.push(textRun(text.slice(last, at), style));
    out.push(textRun(m[0], style, false, KEPT_TOGETHER));
    last = at + m[0].length;
  }
  if (last < text.length) out.push(textRun(text.slice(last), style));
  return out;
}

const KEPT_TOGETHER = { eastAsia: 'zxx' } as const;

type Segment =
  | { readonly kind: 'text'; value: string; readonly style: RunStyle }
  | { readonly kind: 'break' }
  | { readonly kind: 'image'; readonly url: string; readonly image: ImageData };

/** Runs for a paragraph's phrasing content, plus the paragraph's visible text. */
export interface InlineResult {
  readonly runs: ParagraphChild[];
  readonly text: string;
  readonly hasImage: boolean;
}

/**
 * mdast phrasing → runs. 公文 has no italics: emphasis is set in 楷体, the face official
 * documents use to set words apart; strong is bold in the paragraph's own face. Links keep
 * only their text (a printed document cannot follow them) and inline code is plain text.
 */
export function inlineRuns(nodes: readonly PhrasingContent[], style: RunStyle, ctx: RenderContext): InlineResult {
  const segments: Segment[] = [];
  flatten(nodes, style, ctx, segments);
  joinSoftBreaks(segments);
  const runs: ParagraphChild[] = [];
  let text = '';
  let hasImage = false;
  for (const s of segments) {
    if (s.kind === 'text') {
      if (s.value === '') continue;
      runs.push(...textRuns(s.value, s.style));
      // The text as a reader sees it: the joiners in names are invisible.
      text += s.value.replaceAll('\u2060', '');
    } else if (s.kind === 'break') {
      const lineBreak = new TextRun({ break: 1 });
      noteRun(lineBreak, { kind: 'break' });
      runs.push(lineBreak);
      text += '\n';
    } else {
      runs.push(imageRun(s.image));
      hasImage = true;
    }
  }
  return { runs, text, hasImage };
}

function flatten(nodes: readonly PhrasingContent[], style: RunStyle, ctx: RenderContext, out: Segment[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        out.push({ kind: 'text', value: node.value, style });
        break;
      case 'strong':
        flatten(node.children, { ...style, bold: true }, ctx, out);
        break;
      case 'emphasis':
        flatten(node.children, { ...style, font: ctx.fonts.kai }, ctx, out);
        break;
      case 'delete':
        flatten(node.children, { ...style, strike: true }, ctx, out);
        break;
      case 'link':
      case 'linkReference':
        flatten(node.children, style, ctx, out);
        break;
      case 'break':
        out.push({ kind: 'break' });
        break;
      case 'image': {
        const image = ctx.images.get(node.url);
        // resolveImages reported a missing image already; the alt text keeps the place.
        if (image) out.push({ kind: 'image', url: node.url, image });
        else if (node.alt) out.push({ kind: 'text', value: node.alt, style });
        break;
      }
      case 'imageReference':
        if (node.alt) out.push({ kind: 'text', value: node.alt, style });
        break;
      case 'html':
        if (/^<br\s*\/?>$/i.test(node.value.trim())) out.push({ kind: 'break' });
        break;
      case 'footnoteReference':
        break;
      default: {
        const value = (node as { value?: unknown }).value;
        if (typeof value === 'string') out.push({ kind: 'text', value, style });
      }
    }
  }
}

// Characters of Chinese text: ideographs, CJK and full-width punctuation, and the curly
// quotes and dashes Chinese text uses.
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019\u00b7]/u;

/** True for a character after which (and before which) a soft line break vanishes. */
export function isWide(ch: string | undefined): boolean {
  return ch !== undefined && WIDE.test(ch);
}

/**
 * A soft line break inside Chinese text is only where the author's editor wrapped: between
 * two wide characters it joins without a space (as pandoc's east_asian_line_breaks does);
 * elsewhere it is a space, as in Latin text.
 */
function joinSoftBreaks(segments: Segment[]): void {
  const lastChar = (i: number): string | undefined => {
    for (let j = i - 1; j >= 0; j--) {
      const s = segments[j];
      if (!s || s.kind !== 'text') return undefined;
      if (s.value.length > 0) return [...s.value].at(-1);
    }
    return undefined;
  };
  const firstChar = (i: number): string | undefined => {
    for (let j = i + 1; j < segments.length; j++) {
      const s = segments[j];
      if (!s || s.kind !== 'text') return undefined;
      if (s.value.length > 0) return [...s.value][0];
    }
    return undefined;
  };
  segments.forEach((s, i) => {
    if (s.kind !== 'text' || !s.value.includes('\n')) return;
    s.value = s.value.replace(/[ \t]*\n[ \t]*/g, (match, offset: number, whole: string) => {
      const before = offset > 0 ? [...whole.slice(0, offset)].at(-1) : lastChar(i);
      const rest = whole.slice(offset + match.length);
      const after = rest.length > 0 ? [...rest][0] : firstChar(i);
      return isWide(before) && isWide(after) ? '' : ' ';
    });
  });
}

/**
 * Display size in pixels (docx's unit): an image wider than the type area is scaled down to
 * its width, keeping the aspect ratio; a narrow one keeps its size, since blowing a small
 * chart up to 156 mm only blurs it. Height is capped so an image fits on a page with a
 * line to spare.
 */
export function fitImage(image: ImageData): { width: number; height: number } {
  const maxWidth = (TYPE_WIDTH / 1440) * PIXELS_PER_INCH;
  const maxHeight = ((TYPE_HEIGHT - 2 * LINE_PITCH) / 1440) * PIXELS_PER_INCH;
  const scale = Math.min(1, maxWidth / image.width, maxHeight / image.height);
  return { width: Math.max(1, Math.floor(image.width * scale)), height: Math.max(1, Math.floor(image.height * scale)) };
}

function imageRun(image: ImageData): ImageRun {
  return new ImageRun({ type: image.type, data: image.data, transformation: fitImage(image) });
}

/**
 * The bundled examples are what a new user runs first, so every one of them must check
 * clean and build. Beyond "no diagnostics" (which only means as much as the validator
 * does), these tests read each example back through the normaliser and the body parser
 * and assert what the example is there to show: its data sections, its template, its
 * numbering and its punctuation; then they build it and read the DOCX back.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';
import type { Root, RootContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { buildDocx, checkFile, type CheckedPlan } from '../../src/pipeline.js';
import { chineseNumeral } from '../../src/model/wording.js';
import type { Plan } from '../../src/model/plan.js';

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));

/** The data sections a plan can hold, by the partial that places each. */
type Section = 'leaders' | 'groups' | 'phases' | 'targets' | 'duties';

interface Expectation {
  readonly template: 'plan' | 'official' | 'notice';
  /** Data sections the front matter fills. */
  readonly sections: readonly Section[];
  /** true: the body places every filled section with `{{> …}}`; false: it leaves them all to the template. */
  readonly placesPartials: boolean;
  /** true: the author typed heading numbers (一、 / （一） / 1.) in the body. */
  readonly numberedHeadings: boolean;
  readonly attachments: number;
  readonly minDuties?: number;
  readonly hasTable?: boolean;
  /** Minimum length of the plan's own text, in 22 × 28 pages (616 characters). */
  readonly minPages: number;
}

const ALL: readonly Section[] = ['leaders', 'groups', 'phases', 'targets', 'duties'];
const NO_GROUPS: readonly Section[] = ['leaders', 'phases', 'targets', 'duties'];

const expected: Readonly<Record<string, Expectation>> = {
  'fire-inspection.md': { template: 'official', sections: ALL, placesPartials: true, numberedHeadings: true, attachments: 1, minPages: 1.5 },
  'civilised-city.md': { template: 'plan', sections: ALL, placesPartials: false, numberedHeadings: false, attachments: 0, hasTable: true, minPages: 1.5 },
  'harmonious-community.md': { template: 'plan', sections: NO_GROUPS, placesPartials: true, numberedHeadings: true, attachments: 2, minPages: 1.5 },
  'community-safety.md': { template: 'plan', sections: ALL, placesPartials: false, numberedHeadings: false, attachments: 0, minPages: 1.5 },
  'comprehensive-governance.md': { template: 'official', sections: NO_GROUPS, placesPartials: false, numberedHeadings: false, attachments: 0, minPages: 1.5 },
  'health-education.md': { template: 'plan', sections: NO_GROUPS, placesPartials: true, numberedHeadings: true, attachments: 0, minPages: 1.5 },
  'year-end-safety-inspection.md': { template: 'plan', sections: ALL, placesPartials: false, numberedHeadings: false, attachments: 0, hasTable: true, minPages: 1.5 },
  'lantern-festival.md': { template: 'plan', sections: ALL, placesPartials: true, numberedHeadings: false, attachments: 0, minPages: 1.5 },
  'anti-drug-month.md': { template: 'notice', sections: ['phases', 'targets', 'duties'], placesPartials: true, numberedHeadings: true, attachments: 1, minPages: 1.5 },
  'health-promotion-district.md': { template: 'plan', sections: ALL, placesPartials: true, numberedHeadings: true, attachments: 2, minDuties: 15, minPages: 6 },
  'disaster-prevention-week.md': { template: 'plan', sections: NO_GROUPS, placesPartials: false, numberedHeadings: false, attachments: 0, minPages: 1.5 },
  'environment-campaign.md': { template: 'plan', sections: ALL, placesPartials: false, numberedHeadings: false, attachments: 0, hasTable: true, minPages: 1.5 },
};

const files = readdirSync(examplesDir).filter((f) => f.endsWith('.md')).sort();

/** Section headings the template writes itself when the body leaves a section to it. */
const TEMPLATE_SECTION_HEADING = /组织领导|实施步骤|工作目标|职责分工/;

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff';
const HAN = new RegExp(`[${CJK}]`);
/** Half-width punctuation touching a Chinese character (a typed "1." before one is fine). */
const HALFWIDTH_AFTER = new RegExp(`[${CJK}][,.;:!?()"'\\[\\]]`);
const HALFWIDTH_BEFORE = new RegExp(`[,;:!?()"'\\[\\]][${CJK}]`);
/** Leftovers from a sample (范文): xx, xxx, 20xx, XX月XX日, ×××, 【…】. */
const PLACEHOLDER = /xx|×|【|】/i;
/** 06月, 6月05日 */
const ZERO_PADDED = /(^|[^\d])0\d月|月0\d日/;
const PAIRS: ReadonlyArray<readonly [string, string]> = [['“', '”'], ['‘', '’'], ['《', '》'], ['（', '）'], ['〔', '〕']];

interface Loaded {
  readonly file: string;
  readonly source: string;
  /** The Markdown after the front matter. */
  readonly body: string;
  readonly checked: CheckedPlan;
  readonly plan: Plan;
}

const cache = new Map<string, Promise<Loaded>>();
function load(file: string): Promise<Loaded> {
  let p = cache.get(file);
  if (!p) {
    p = (async () => {
      const abs = path.join(examplesDir, file);
      const source = readFileSync(abs, 'utf8');
      const checked = await checkFile(abs, `examples/${file}`);
      if (!checked.plan) throw new Error(`${file}: no plan (diagnostics: ${JSON.stringify(checked.diagnostics)})`);
      const close = source.indexOf('\n---\n', 4);
      return { file, source, body: source.slice(close + 5), checked, plan: checked.plan };
    })();
    cache.set(file, p);
  }
  return p;
}

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

function textOf(node: RootContent | Root): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(textOf).join('');
  return '';
}

function nodesOfType(node: RootContent | Root | undefined, type: string, out: RootContent[] = []): RootContent[] {
  if (!node) return out;
  if (node.type === type) out.push(node as RootContent);
  if ('children' in node) for (const c of node.children as RootContent[]) nodesOfType(c, type, out);
  return out;
}

/** The printed length of a plan's own words: Chinese characters, digits and marks. */
function printedLength(text: string): number {
  return [...text.replace(/\{\{[^}]*\}\}/g, '')].filter((c) => /[\p{Script=Han}\p{N}\u3000-\u303f\uff00-\uffef“”‘’—·%]/u.test(c)).length;
}

/** The marker a heading at `##`…`#####` carries for its n-th place (GB/T 9704 §7.3.3). */
const LEVEL_MARKER: ReadonlyArray<(n: number) => string> = [
  (n) => `${chineseNumeral(n)}、`,
  (n) => `（${chineseNumeral(n)}）`,
  (n) => `${n}.`,
  (n) => `（${n}）`,
];
const ANY_MARKER = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\(\S+?\)|\d+[.、．])/;

describe('the examples folder', () => {
  it('holds exactly the examples this suite knows, at least 12, one per kind', () => {
    expect(files).toEqual(Object.keys(expected).sort());
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it('uses the red-header template twice and the notice template once', () => {
    const count = (t: string) => Object.values(expected).filter((e) => e.template === t).length;
    expect(count('official')).toBe(2);
    expect(count('notice')).toBe(1);
    expect(Object.values(expected).some((e) => e.placesPartials)).toBe(true);
    expect(Object.values(expected).some((e) => !e.placesPartials)).toBe(true);
  });

  it('shows emphasis next to Chinese punctuation in at least two examples', async () => {
    let withStrong = 0;
    for (const f of files) {
      const strongs = nodesOfType((await load(f)).checked.parsed?.body, 'strong');
      if (strongs.length > 0) withStrong++;
    }
    expect(withStrong).toBeGreaterThanOrEqual(2);
  });

  it('covers, between them, every feature of the source format a clerk may use', async () => {
    const all = await Promise.all(files.map(load));
    const plans = all.map((l) => l.plan);
    const some = (f: (l: Loaded) => boolean) => all.some(f);
    expect(plans.some((p) => p.phases.some((ph) => ph.end && !ph.start)), 'a phase with a deadline only').toBe(true);
    expect(plans.some((p) => p.phases.some((ph) => ph.start && ph.end && ph.start.year !== ph.end.year)), 'a phase across a new year').toBe(true);
    expect(plans.some((p) => p.targets.some((t) => t.by)), 'a target with a deadline').toBe(true);
    expect(plans.some((p) => p.targets.some((t) => t.op === undefined)), 'a target without an operator').toBe(true);
    expect(plans.some((p) => p.targets.some((t) => t.op === '<=')), 'a ceiling target').toBe(true);
    expect(plans.some((p) => p.copyNumber && p.urgency), 'a 份号 and 紧急程度').toBe(true);
    expect(plans.some((p) => p.attachments.length > 1), 'several attachments').toBe(true);
    expect(plans.some((p) => p.attachments.some((a) => a.file)), 'an attachment file').toBe(true);
    expect(plans.some((p) => p.duties.some((d) => /某某、.+某某/.test(d.unit))), 'duties per person').toBe(true);
    expect(plans.some((p) => p.leaders?.members.some((m) => m.names.length > 1 && m.post)), 'several names sharing a post').toBe(true);
    expect(plans.some((p) => p.recipients.length === 0), 'a plan without 主送机关').toBe(true);
    expect(some((l) => /\{\{\s*leaders\.group\s*\}\}/.test(l.body)), 'a front-matter value in the body').toBe(true);
    // A paragraph broken across lines between two Chinese characters (joined without a space).
    const softBreak = new RegExp(`[${CJK}，、]\n[${CJK}“]`);
    expect(some((l) => softBreak.test(l.body)), 'a soft line break between Chinese characters').toBe(true);
  });

  it('keeps attachment texts without front matter, so `check examples` passes them over', () => {
    const dir = path.join(examplesDir, 'attachments');
    const texts = readdirSync(dir).filter((f) => f.endsWith('.md'));
    expect(texts.length).toBeGreaterThan(0);
    for (const f of texts) expect(readFileSync(path.join(dir, f), 'utf8').startsWith('---')).toBe(false);
  });
});

describe.each(files)('examples/%s', (file) => {
  const want = expected[file];
  if (!want) throw new Error(`no expectation for ${file}`);

  it('checks with no diagnostics at all', async () => {
    const { checked } = await load(file);
    expect(checked.diagnostics).toEqual([]);
  });

  it('normalises to the template and data sections it is meant to show', async () => {
    const { plan } = await load(file);
    expect(plan.title.length).toBeGreaterThan(4);
    expect(plan.issuer ?? '').toMatch(HAN);
    expect(plan.date?.text).toMatch(/^\d{4}年[1-9]\d?月[1-9]\d?日$/);
    expect(plan.template).toBe(want.template);

    const has = (s: Section) => want.sections.includes(s);
    if (has('leaders')) {
      expect(plan.leaders?.group).toMatch(HAN);
      expect(plan.leaders?.members.length).toBeGreaterThanOrEqual(2);
      for (const m of plan.leaders?.members ?? []) {
        expect(m.role).toMatch(HAN);
        expect(m.names.length).toBeGreaterThan(0);
      }
      expect(plan.leaders?.office?.host).toMatch(HAN);
    } else {
      expect(plan.leaders).toBeUndefined();
    }
    expect(plan.groups.length > 0).toBe(has('groups'));
    for (const g of plan.groups) {
      expect(g.name).toMatch(HAN);
      expect(g.tasks.length).toBeGreaterThan(0);
    }
    expect(plan.phases.length).toBeGreaterThanOrEqual(has('phases') ? 3 : 0);
    expect(plan.targets.length).toBeGreaterThanOrEqual(has('targets') ? 3 : 0);
    expect(plan.duties.length).toBeGreaterThanOrEqual(has('duties') ? (want.minDuties ?? 4) : 0);
    expect(plan.attachments.length).toBe(want.attachments);
  });

  it('has phases in order, not overlapping, each with a printed range', async () => {
    const { plan } = await load(file);
    let previousEnd = '';
    for (const p of plan.phases) {
      expect(p.start ?? p.end).toBeDefined();
      if (p.start && p.end) expect(p.start.iso <= p.end.iso).toBe(true);
      if (p.start) expect(p.start.iso > previousEnd).toBe(true);
      if (p.end) expect(p.end.iso > previousEnd).toBe(true);
      previousEnd = p.end?.iso ?? p.start?.iso ?? previousEnd;
      expect(p.rangeText).toMatch(/^(\d{4}年)?[1-9]\d?月[1-9]\d?日/);
    }
  });

  it('has targets with operators and sane percentages, and unique duty units with tasks', async () => {
    const { plan } = await load(file);
    for (const t of plan.targets) {
      expect(Number.isFinite(t.value)).toBe(true);
      if (t.unit === '%') expect(t.value >= 0 && t.value <= 100).toBe(true);
      expect(t.sentence).toContain(t.name);
    }
    if (plan.targets.length > 0) {
      expect(plan.targets.some((t) => t.op !== undefined)).toBe(true);
    }
    const units = plan.duties.map((d) => d.unit);
    expect(new Set(units).size).toBe(units.length);
    for (const d of plan.duties) expect(d.tasks.length).toBeGreaterThan(0);
    if (want.minDuties) {
      // The large duty list: several tasks per unit, so the duty section runs over pages.
      expect(plan.duties.filter((d) => d.tasks.length >= 2).length).toBeGreaterThanOrEqual(want.minDuties - 2);
    }
  });

  it('carries the red-header fields when it is an official document', async () => {
    const { plan } = await load(file);
    if (want.template !== 'official') {
      expect(plan.number).toBeUndefined();
      return;
    }
    expect(plan.number).toMatch(/^[^〔〕]+〔\d{4}〕[1-9]\d*号$/);
    expect(plan.number).toContain(`〔${plan.date?.year}〕`);
    expect(plan.cc.length).toBeGreaterThan(0);
    expect(plan.printer).toMatch(HAN);
    expect(plan.printed).toBeDefined();
    expect((plan.printed?.iso ?? '') >= (plan.date?.iso ?? '')).toBe(true);
    if (plan.copyNumber !== undefined) expect(plan.copyNumber).toMatch(/^\d{6}$/);
  });

  it('points attachment files at existing Markdown without front matter', async () => {
    const { plan } = await load(file);
    for (const a of plan.attachments) {
      expect(a.title).toMatch(HAN);
      expect(a.title).not.toMatch(/[《》。；，]$/);
      if (!a.file) continue;
      const abs = path.join(examplesDir, a.file);
      expect(existsSync(abs)).toBe(true);
      expect(readFileSync(abs, 'utf8').startsWith('---')).toBe(false);
    }
  });

  it('places the data sections the way it says: all in the body, or all left to the template', async () => {
    const { body, checked } = await load(file);
    const placed = [...body.matchAll(/\{\{>\s*(\w+)\s*\}\}/g)].map((m) => m[1]);
    if (want.placesPartials) {
      expect([...placed].sort()).toEqual([...want.sections].sort());
    } else {
      expect(placed).toEqual([]);
      const headings = (checked.parsed?.body.children ?? []).filter((n) => n.type === 'heading').map(textOf);
      expect(headings.filter((h) => TEMPLATE_SECTION_HEADING.test(h))).toEqual([]);
    }
    // Each partial is a paragraph of its own (a line with blank lines around it).
    for (const m of body.matchAll(/\{\{>[^}]*\}\}/g)) {
      const before = body.slice(0, m.index);
      const after = body.slice((m.index ?? 0) + m[0].length);
      expect(before.endsWith('\n\n') || before === '').toBe(true);
      expect(after.startsWith('\n\n') || after.trim() === '').toBe(true);
    }
    // Every **…** the author typed parses as emphasis, even beside “” and ，。 (CJK-friendly).
    expect(nodesOfType(checked.parsed?.body, 'strong').length * 2).toBe((body.match(/\*\*/g) ?? []).length);
    if (want.hasTable) expect(checked.parsed?.body.children.some((n) => n.type === 'table')).toBe(true);
  });

  it('numbers its headings consecutively where the author typed numbers, and nowhere else', async () => {
    const { checked } = await load(file);
    const headings = (checked.parsed?.body.children ?? []).filter((n) => n.type === 'heading');
    expect(headings.length).toBeGreaterThan(2);
    expect(headings.every((h) => h.depth >= 2 && h.depth <= 5)).toBe(true);
    const counters = [0, 0, 0, 0];
    let depth = 1;
    for (const h of headings) {
      expect(h.depth).toBeLessThanOrEqual(depth + 1);
      depth = h.depth;
      const level = h.depth - 2;
      counters[level] = (counters[level] ?? 0) + 1;
      counters.fill(0, level + 1);
      const text = textOf(h);
      if (!want.numberedHeadings) {
        expect(text).not.toMatch(ANY_MARKER);
        continue;
      }
      const marker = LEVEL_MARKER[level];
      expect(marker).toBeDefined();
      expect(text.startsWith(marker?.(counters[level] ?? 0) ?? '?'), `${text} at level ${h.depth}`).toBe(true);
    }
  });

  it('writes full-width punctuation, unpadded dates, balanced pairs and no sample placeholders', async () => {
    const { body, checked } = await load(file);
    const texts = [...strings(checked.data), body];
    for (const t of texts) {
      expect(t).not.toMatch(PLACEHOLDER);
      expect(t).not.toMatch(HALFWIDTH_AFTER);
      expect(t).not.toMatch(HALFWIDTH_BEFORE);
      expect(t).not.toMatch(ZERO_PADDED);
      for (const [open, close] of PAIRS) {
        expect(t.split(open).length, `${open}${close} in ${t.slice(0, 30)}`).toBe(t.split(close).length);
      }
    }
  });

  it(`is long enough to read like a real plan (${want.minPages} pages of text or more)`, async () => {
    const { body, checked } = await load(file);
    const own = printedLength(body) + strings(checked.data).reduce((n, s) => n + printedLength(s), 0);
    expect(own).toBeGreaterThanOrEqual(Math.round(want.minPages * 616));
  });

  it('builds to a DOCX that holds its title, data sections and dates, numbered once', async () => {
    const { checked, plan } = await load(file);
    const built = await buildDocx(checked);
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(built.docx).toBeDefined();
    const bytes = built.docx ?? new Uint8Array();
    expect(bytes.length).toBeGreaterThan(1000);
    expect(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0)).toBe('PK');

    const parts = unzipSync(bytes);
    const xml = parts['word/document.xml'];
    expect(xml).toBeDefined();
    const paragraphs = strFromU8(xml ?? new Uint8Array())
      .split('</w:p>')
      .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
      .map((t) => t.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'))
      // What a reader sees: the word joiners that keep names on one line are invisible.
      .map((t) => t.replaceAll('\u2060', ''));
    const all = paragraphs.join('');

    expect(all).toContain(plan.title);
    expect(all).toContain(plan.date?.text ?? '?');
    expect(all).not.toContain('{{');
    if (plan.number) expect(all).toContain(plan.number);
    if (plan.leaders) {
      expect(all).toContain(plan.leaders.group);
      expect(all).toContain(plan.leaders.members[0]?.names[0] ?? '?');
    }
    for (const g of plan.groups) expect(all).toContain(g.name);
    for (const p of plan.phases) expect(all).toContain(p.name);
    for (const t of plan.targets) expect(all).toContain(t.name);
    for (const d of plan.duties) expect(all).toContain(d.unit);
    for (const a of plan.attachments) expect(all).toContain(a.title);
    for (const r of plan.recipients) expect(all).toContain(r);
    if (want.template === 'notice') {
      // A 印发通知: the cover names the plan in 《》 and the plan follows in full.
      expect(all).toContain(`《${plan.title}》`);
    }
    if (want.template === 'official') {
      // Red header and colophon (版记): every field the example fills reaches the page.
      expect(all).toContain('抄送');
      for (const c of plan.cc) expect(all).toContain(c);
      expect(all).toContain(`${plan.printed?.text ?? '?'}印发`);
      if (plan.copyNumber) expect(all).toContain(plan.copyNumber);
      if (plan.urgency) expect(all).toContain(plan.urgency);
    }
    // Every phase's tasks print as a body paragraph: 2-character first-line indent (GB/T 9704 §7.3.3),
    // like the paragraphs around them.
    const xmlParagraphs = strFromU8(xml ?? new Uint8Array()).split('</w:p>');
    for (const p of plan.phases) {
      const first = p.tasks[0];
      if (!first) continue;
      const at = paragraphs.findIndex((t) => t.startsWith(first));
      expect(at, `tasks of ${p.name}`).toBeGreaterThanOrEqual(0);
      expect(xmlParagraphs[at], `indent of ${first}`).toMatch(/<w:ind w:firstLine="640" w:firstLineChars="200"\/>/);
    }
    // A typed heading number is replaced, never doubled: no paragraph starts with two markers.
    const doubled = paragraphs.filter((p) => /^\s*([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)\s*([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/.test(p));
    expect(doubled).toEqual([]);
    // Every heading of the body reaches the document (without its typed marker).
    for (const n of checked.parsed?.body.children ?? []) {
      if (n.type !== 'heading') continue;
      expect(all).toContain(textOf(n).replace(ANY_MARKER, ''));
    }
    // Lines broken inside a paragraph join with nothing between Chinese characters.
    const spaced = new RegExp(`[${CJK}，。、；：”][ \\t\\n]+[${CJK}“]`);
    expect(paragraphs.filter((p) => spaced.test(p))).toEqual([]);
    // Emphasis survives next to Chinese punctuation (CJK-friendly parsing): each **…**
    // of the body is bold in the document, and no asterisks are left over.
    expect(all).not.toContain('**');
    const boldText = strFromU8(xml ?? new Uint8Array())
      .split('</w:p>')
      .map((p) => [...p.matchAll(/<w:r(?:\s[^>]*)?>(.*?)<\/w:r>/gs)]
        .filter((r) => /<w:b(?:\s+w:val="(?:1|true|on)")?\s*\/>/.test(r[1] ?? ''))
        .map((r) => [...(r[1] ?? '').matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
        .join(''));
    for (const strong of nodesOfType(checked.parsed?.body, 'strong')) {
      const t = textOf(strong);
      expect(boldText.some((b) => b.includes(t)), `bold “${t}”`).toBe(true);
    }
    // An attachment given as a file brings its content: its table's first data cell text.
    for (const a of plan.attachments) {
      if (!a.file) continue;
      const rows = readFileSync(path.join(examplesDir, a.file), 'utf8').split('\n').filter((l) => l.startsWith('|'));
      const cell = rows[2]?.split('|')[2]?.trim();
      expect(cell, 'attachment table has a data row').toBeTruthy();
      expect(all).toContain(cell ?? '?');
    }
  });
});

describe('scripts/make-large-plan.mjs', () => {
  it('writes a valid plan of the requested size, the same bytes every time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plangen-large-'));
    try {
      const script = fileURLToPath(new URL('../../scripts/make-large-plan.mjs', import.meta.url));
      const first = path.join(dir, 'large.md');
      const second = path.join(dir, 'again.md');
      execFileSync(process.execPath, [script, first, '--kb', '120']);
      execFileSync(process.execPath, [script, second, '--kb', '120']);
      const bytes = readFileSync(first);
      expect(bytes.length).toBeGreaterThanOrEqual(120 * 1024);
      expect(bytes.length).toBeLessThan(160 * 1024);
      expect(bytes.equals(readFileSync(second))).toBe(true);
      const checked = await checkFile(first, 'large.md');
      expect(checked.diagnostics).toEqual([]);
      const source = (await load('health-promotion-district.md')).plan;
      expect(checked.plan?.duties.length).toBeGreaterThan(source.duties.length + 50);
      expect(checked.plan?.phases).toEqual(source.phases);
      // The free-text sections were repeated, not just the front matter padded.
      const headings = (checked.parsed?.body.children ?? []).filter((n) => n.type === 'heading' && n.depth === 2);
      expect(headings.length).toBeGreaterThan(20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

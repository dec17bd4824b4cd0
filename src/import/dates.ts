/**
 * Dates as Chinese documents print them (2025年6月3日, 6月5日—6月15日, 10月底前), read back
 * into the ISO forms the front matter takes. A date without a year takes the reference
 * year (the document's own date); with no reference year nothing is guessed.
 */

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二〇二五年六月三日 → 2025年6月3日: signatures are often written in Chinese numerals. */
export function arabicDate(text: string): string {
  return text.replace(/([〇零O一二三四五六七八九]{4})年/, (_w, y: string) => `${[...y].map((c) => CN_DIGITS[c]).join('')}年`)
    .replace(/(?<=年|^)([一二三四五六七八九十]{1,3})月/, (_w, m: string) => `${cnSmall(m)}月`)
    .replace(/(?<=月)([一二三四五六七八九十]{1,3})日/, (_w, d: string) => `${cnSmall(d)}日`);
}

function cnSmall(s: string): number {
  if (s === '十') return 10;
  const [tens, ones] = s.includes('十') ? s.split('十') : ['', s];
  return (tens ? (CN_DIGITS[tens] ?? 0) * 10 : s.includes('十') ? 10 : 0) + (ones ? (CN_DIGITS[ones] ?? 0) : 0);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A full date standing alone (成文日期, 印发日期) as ISO, or undefined. */
export function fullDate(text: string): string | undefined {
  const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(arabicDate(text.trim()));
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

interface Point {
  readonly year?: number;
  readonly month: number;
  readonly day?: number;
}

const POINT = /^(?:(\d{4})年)?(?:(\d{1,2})月)?(?:(\d{1,2})日|底)?$/;

function point(text: string, inherit?: Point): Point | undefined {
  const m = POINT.exec(text);
  if (!m || (!m[2] && !m[3])) return undefined;
  const month = m[2] ? Number(m[2]) : inherit?.month;
  if (month === undefined || month < 1 || month > 12) return undefined;
  const day = m[3] ? Number(m[3]) : undefined;
  if (day !== undefined && (day < 1 || day > 31)) return undefined;
  const year = m[1] ? Number(m[1]) : inherit?.year;
  return { month, ...(day !== undefined ? { day } : {}), ...(year !== undefined ? { year } : {}) };
}

function iso(p: Point, year: number): string {
  return p.day === undefined ? `${year}-${pad(p.month)}` : `${year}-${pad(p.month)}-${pad(p.day)}`;
}

export type RangeResult = { readonly start?: string; readonly end?: string } | { readonly noYear: true } | undefined;

/**
 * A phase's range as printed: `6月5日—6月15日`, `8月31日前`, `6月5日起`, `1月10日`,
 * `9月—10月底`, `2025年1月11日-2025年10月底`. Undefined when it is no range at all;
 * `noYear` when it is one but neither it nor the document gives the year.
 */
export function parseRange(text: string, referenceYear: number | undefined): RangeResult {
  const t = text.replace(/\s+/g, '');
  let startText: string | undefined;
  let endText: string | undefined;
  const parts = t.split(/[—–\-~～至到]+/);
  if (parts.length === 2) [startText, endText] = parts;
  else if (parts.length === 1 && t.endsWith('前')) endText = t.slice(0, -1);
  else if (parts.length === 1 && /(起|开始)$/.test(t)) startText = t.replace(/(起|开始)$/, '');
  else if (parts.length === 1) {
    // One date: a day is a one-day phase; a month (10月底) is an end.
    if (t.endsWith('底')) endText = t;
    else startText = endText = t;
  } else return undefined;
  const start = startText !== undefined ? point(startText) : undefined;
  if (startText !== undefined && !start) return undefined;
  const end = endText !== undefined ? point(endText, start ? { month: start.month, ...(start.year !== undefined ? { year: start.year } : {}) } : undefined) : undefined;
  if (endText !== undefined && !end) return undefined;
  // 6月5日—20日 inherits the month; a bare 20日 alone is not a range.
  if (start && /^\d+日$/.test(startText ?? '')) return undefined;
  const startYear = start?.year ?? referenceYear;
  const endYear = end?.year ?? (start?.year !== undefined ? start.year : referenceYear);
  if ((start && startYear === undefined) || (end && endYear === undefined)) return { noYear: true };
  return { ...(start ? { start: iso(start, startYear!) } : {}), ...(end ? { end: iso(end, endYear!) } : {}) };
}

/**
 * A deadline that opens a target sentence: `7月31日前，` / `10月底前，` / `到7月31日，` /
 * `到2025年，`; the ISO date and the rest of the sentence.
 */
export function deadline(sentence: string, referenceYear: number | undefined): { by: string; rest: string } | undefined {
  const m = /^(?:到(\d{4})年，|到([^，]{2,14})，|([^，]{2,14})前，)/.exec(sentence);
  if (!m) return undefined;
  const rest = sentence.slice(m[0].length);
  if (m[1]) return { by: m[1], rest };
  const p = point(m[2] ?? m[3] ?? '');
  if (!p) return undefined;
  const year = p.year ?? referenceYear;
  if (year === undefined) return undefined;
  return { by: iso(p, year), rest };
}

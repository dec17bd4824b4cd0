import type { PlanDate, TargetOp } from './plan.js';

/**
 * Chinese wording rules (GB/T 15835: Arabic numerals for dates and quantities, no zero
 * padding; Chinese numerals for ordinal headings).
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return (DIGITS[Math.floor(n / 10)] ?? '') + '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 1000) {
    const rest = n % 100;
    return (DIGITS[Math.floor(n / 100)] ?? '') + '百' + (rest === 0 ? '' : rest < 10 ? '零' + DIGITS[rest] : rest < 20 ? '一' + chineseNumeral(rest) : chineseNumeral(rest));
  }
  const rest = n % 1000;
  return (DIGITS[Math.floor(n / 1000)] ?? '') + '千' + (rest === 0 ? '' : rest < 100 ? '零' + chineseNumeral(rest).replace(/^十/, '一十') : chineseNumeral(rest));
}

/** Parse an ISO date (YYYY-MM-DD); null when malformed or impossible (2025-02-30). */
export function parseIsoDate(iso: string): PlanDate | null {
  const d = parsePlanDate(iso);
  return d && d.precision === 'day' ? d : null;
}

/**
 * Parse a date as a plan may write it where a month or a year is enough: 2025-06-03,
 * 2025-10 (phase dates and deadlines), 2025 (deadlines; YAML reads it as a number).
 * Null when malformed or impossible (2025-02-30, 2025-13).
 */
export function parsePlanDate(written: string | number): PlanDate | null {
  const iso = String(written);
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] === undefined) return { iso, year, month: 1, day: 1, text: `${year}年`, precision: 'year' };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) return { iso, year, month, day: 1, text: `${year}年${month}月`, precision: 'month' };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { iso, year, month, day, text: `${year}年${month}月${day}日`, precision: 'day' };
}

/** The first day a date can mean (2025-10 → 2025-10-01), as YYYY-MM-DD for comparing. */
export function firstDay(d: PlanDate): string {
  return isoOf(d.year, d.month, d.day);
}

/** The last day a date can mean (2025-10 → 2025-10-31, 2025 → 2025-12-31). */
export function lastDay(d: PlanDate): string {
  if (d.precision === 'year') return isoOf(d.year, 12, 31);
  if (d.precision === 'month') return isoOf(d.year, d.month, daysInMonth(d.year, d.month));
  return firstDay(d);
}

function isoOf(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** 6月5日 (10月, 2025年 for a month or a year), with the year when it differs from the reference year. */
export function monthDay(d: PlanDate, referenceYear: number | undefined): string {
  if (d.precision === 'year') return d.text;
  const short = d.precision === 'month' ? `${d.month}月` : `${d.month}月${d.day}日`;
  return referenceYear === undefined || d.year !== referenceYear ? d.text : short;
}

/** An end or a deadline: a month ends at 10月底, a year at 2025年底; a day is itself. */
function endText(d: PlanDate, referenceYear: number | undefined): string {
  return d.precision === 'day' ? monthDay(d, referenceYear) : `${monthDay(d, referenceYear)}底`;
}

function sameDate(a: PlanDate, b: PlanDate): boolean {
  return a.iso === b.iso && a.precision === b.precision;
}

/**
 * A phase's printed range: `6月5日—6月15日`, `8月31日前`, `6月5日起`; one date when the
 * phase starts and ends the same day (`1月10日`, `10月`); a month written alone as an end
 * reads `10月底`.
 */
export function rangeText(start: PlanDate | undefined, end: PlanDate | undefined, referenceYear: number | undefined): string {
  if (start && end) {
    if (sameDate(start, end)) return monthDay(start, referenceYear);
    // The end of a range within one year never repeats the year once the start shows it.
    const endRef = start.year === end.year && referenceYear !== undefined && start.year !== referenceYear && end.precision !== 'year' ? end.year : referenceYear;
    return `${monthDay(start, referenceYear)}—${endText(end, endRef)}`;
  }
  if (end) return `${endText(end, referenceYear)}前`;
  if (start) return `${monthDay(start, referenceYear)}起`;
  return '';
}

/**
 * The words that open a sentence with a deadline: `7月31日前，` (`10月底前，`) for one
 * target, `到7月31日，` (`到10月底，`) for several sharing it; a year reads `到2025年，`.
 */
export function deadlineLead(by: PlanDate, referenceYear: number | undefined, several: boolean): string {
  if (by.precision === 'year') return `到${by.text}，`;
  return several ? `到${endText(by, referenceYear)}，` : `${endText(by, referenceYear)}前，`;
}

/** Numbers as written: 98, 12.5, never 1e21 or trailing zeros. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12)));
}

/**
 * A target as a sentence: `>=` 达到……以上, `<=` 控制在……以内, `=` 为, `>` 超过, `<` 低于;
 * with no operator the value follows the name (新增就业岗位50个). A deadline goes first.
 */
export function targetSentence(t: {
  readonly name: string;
  readonly op?: TargetOp | undefined;
  readonly value: number;
  readonly unit?: string | undefined;
  readonly by?: PlanDate | undefined;
}, referenceYear: number | undefined): string {
  const amount = formatNumber(t.value) + (t.unit ?? '');
  let core: string;
  switch (t.op) {
    case '>=':
      // Nothing lies above 100%: "达到100%以上" reads wrong.
      core = t.unit === '%' && t.value === 100 ? `${t.name}达到${amount}` : `${t.name}达到${amount}以上`;
      break;
    case '<=':
      core = `${t.name}控制在${amount}以内`;
      break;
    case '>':
      core = `${t.name}超过${amount}`;
      break;
    case '<':
      core = `${t.name}低于${amount}`;
      break;
    case '=':
      core = `${t.name}为${amount}`;
      break;
    default:
      core = `${t.name}${amount}`;
  }
  return t.by ? `${deadlineLead(t.by, referenceYear, false)}${core}` : core;
}

/** What {@link targetSentence} states, without the deadline: 辖区消防设施完好率达到98%以上. */
export function targetClause(t: Parameters<typeof targetSentence>[0]): string {
  const { by: _by, ...rest } = t;
  return targetSentence(rest, undefined);
}

/**
 * The targets as sentences, the deadline said once for all targets sharing it
 * (到2025年12月31日，A达到98%以上，B控制在12%以内), in the place of the first of them; a
 * target's owner follows its own clause. Targets without a deadline stand alone.
 */
export function groupTargets(
  targets: readonly (Parameters<typeof targetSentence>[0] & { readonly owner?: string | undefined })[],
  referenceYear: number | undefined,
): { sentence: string; targets: number[] }[] {
  const out: { sentence: string; targets: number[]; by?: PlanDate }[] = [];
  const clause = (i: number) => {
    const t = targets[i]!;
    return targetClause(t) + (t.owner ? `（责任单位：${t.owner}）` : '');
  };
  targets.forEach((t, i) => {
    const group = t.by ? out.find((g) => g.by && sameDate(g.by, t.by!)) : undefined;
    if (group) group.targets.push(i);
    else out.push({ sentence: '', targets: [i], ...(t.by ? { by: t.by } : {}) });
  });
  return out.map((g) => {
    const clauses = g.targets.map(clause).join('，');
    const lead = g.by ? deadlineLead(g.by, referenceYear, g.targets.length > 1) : '';
    return { sentence: lead + clauses, targets: g.targets };
  });
}

/** Names joined with 、 (the enumeration comma). */
export function joinNames(names: readonly string[]): string {
  return names.join('、');
}

/**
 * U+2060 WORD JOINER: no line may break next to it. Placed between the characters of a
 * personal name so that 黄贤帅 is never printed as 黄贤 / 帅; the DOCX writer also gives
 * such words their own run, since LibreOffice honours the joiner only outside its CJK
 * line-breaking rules (measured with LibreOffice 7.4).
 */
export const WORD_JOINER = '\u2060';

/** A name whose characters may not be split across lines (黄⁠贤⁠帅). */
export function keepTogether(name: string): string {
  const chars = [...name.replaceAll(WORD_JOINER, '')];
  return chars.join(WORD_JOINER);
}

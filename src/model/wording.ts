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
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { iso, year, month, day, text: `${year}年${month}月${day}日` };
}

export function daysInMonth(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** 6月5日, or 2026年1月10日 when the year differs from the reference year. */
export function monthDay(d: PlanDate, referenceYear: number | undefined): string {
  return referenceYear === undefined || d.year !== referenceYear ? d.text : `${d.month}月${d.day}日`;
}

/** A phase's printed range: `6月5日—6月15日`, `8月31日前`, `6月5日起`. */
export function rangeText(start: PlanDate | undefined, end: PlanDate | undefined, referenceYear: number | undefined): string {
  if (start && end) {
    // The end of a range within one year never repeats the year once the start shows it.
    const endText = start.year === end.year && referenceYear !== undefined && start.year !== referenceYear ? `${end.month}月${end.day}日` : monthDay(end, referenceYear);
    return `${monthDay(start, referenceYear)}—${endText}`;
  }
  if (end) return `${monthDay(end, referenceYear)}前`;
  if (start) return `${monthDay(start, referenceYear)}起`;
  return '';
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
  return t.by ? `${monthDay(t.by, referenceYear)}前，${core}` : core;
}

/** Names joined with 、 (the enumeration comma). */
export function joinNames(names: readonly string[]): string {
  return names.join('、');
}

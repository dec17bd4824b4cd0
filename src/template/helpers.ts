import { headingMarker } from '../model/heading-number.js';
import { chineseNumeral, joinNames, parseIsoDate, rangeText } from '../model/wording.js';
import type { PlanDate } from '../model/plan.js';

/**
 * The only helpers a template may call (besides Handlebars' if/unless/each/with/lookup).
 * They are pure: text in, text out. Misuse throws `HelperUsageError`, which the runner
 * turns into a `template-helper` diagnostic at the helper's place in the template.
 */
export class HelperUsageError extends Error {
  constructor(
    readonly helper: string,
    message: string,
    readonly loc: HelperLoc | undefined,
  ) {
    super(message);
  }
}

interface HelperLoc {
  readonly start: { readonly line: number; readonly column: number };
}

interface HelperOptions {
  readonly hash: Record<string, unknown>;
  readonly loc?: HelperLoc;
  readonly data?: { readonly root?: Record<string, unknown> };
}

type Helper = (...args: unknown[]) => string;

/** Names of the helpers, for `knownHelpers` and did-you-mean. */
export const helperNames = ['cnDate', 'cnNumber', 'cnIndex', 'dateRange', 'joinNames', 'headingMarker', 'bookTitle', 'concat'] as const;

/** The helpers, keyed by name. */
export function templateHelpers(): Record<(typeof helperNames)[number], Helper> {
  return {
    /** {{cnDate date}} or {{cnDate "2025-06-03"}} → 2025年6月3日 */
    cnDate: (...args) => {
      const [params, options] = split(args);
      const d = toDate(params[0]);
      if (!d) throw new HelperUsageError('cnDate', 'helper-cnDate', options.loc);
      return d.text;
    },
    /** {{cnNumber 11}} → 十一 */
    cnNumber: (...args) => {
      const [params, options] = split(args);
      const n = Number(params[0]);
      if (!Number.isInteger(n) || n < 0) throw new HelperUsageError('cnNumber', 'helper-cnNumber', options.loc);
      return chineseNumeral(n);
    },
    /** {{cnIndex @index}} → 一 for the first item: counts from one. */
    cnIndex: (...args) => {
      const [params, options] = split(args);
      const n = Number(params[0]);
      if (!Number.isInteger(n) || n < 0) throw new HelperUsageError('cnIndex', 'helper-cnIndex', options.loc);
      return chineseNumeral(n + 1);
    },
    /** {{dateRange start end}} → 6月5日—6月15日, 8月31日前, 6月5日起 (year shown when it differs from the plan's date) */
    dateRange: (...args) => {
      const [params, options] = split(args);
      const start = toDate(params[0]);
      const end = toDate(params[1]);
      if (!start && !end) throw new HelperUsageError('dateRange', 'helper-dateRange', options.loc);
      const rootDate = toDate(options.data?.root?.['date']);
      return rangeText(start, end, rootDate?.year);
    },
    /** {{joinNames names}} → 赵某某、钱某某; a second argument replaces 、 */
    joinNames: (...args) => {
      const [params, options] = split(args);
      const list = params[0];
      if (!Array.isArray(list)) throw new HelperUsageError('joinNames', 'helper-joinNames', options.loc);
      const names = list.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number').map(String);
      return typeof params[1] === 'string' ? names.join(params[1]) : joinNames(names);
    },
    /** {{headingMarker 1 3}} → 三、; levels 1–4 give 一、 （一） 1. （1） */
    headingMarker: (...args) => {
      const [params, options] = split(args);
      const level = Number(params[0]);
      const index = Number(params[1]);
      if (![1, 2, 3, 4].includes(level) || !Number.isInteger(index) || index < 1) {
        throw new HelperUsageError('headingMarker', 'helper-headingMarker', options.loc);
      }
      return headingMarker(level as 1 | 2 | 3 | 4, index);
    },
    /** {{bookTitle title}} → 《开展……的工作方案》: a title cited inside another (inner 《》 become 〈〉, a leading 关于 is dropped). */
    bookTitle: (...args) => {
      const [params, options] = split(args);
      if (typeof params[0] !== 'string') throw new HelperUsageError('bookTitle', 'helper-bookTitle', options.loc);
      return `《${citedTitle(params[0])}》`;
    },
    /** {{concat "关于印发" x "的通知"}} → one string, for block partial arguments. */
    concat: (...args) => {
      const [params] = split(args);
      return params.map((p) => (p === undefined || p === null ? '' : String(p))).join('');
    },
  };
}

/**
 * A title as cited in a 印发 notice: 关于印发《开展……的工作方案》的通知 rather than
 * 《关于开展……》 (the doubled 关于 reads badly), with nested book-title marks as 〈〉
 * (GB/T 15834).
 */
export function citedTitle(title: string): string {
  const inner = title.replace(/《/g, '〈').replace(/》/g, '〉');
  return inner.startsWith('关于') && inner.length > 2 ? inner.slice(2) : inner;
}

function split(args: unknown[]): [unknown[], HelperOptions] {
  const options = (args[args.length - 1] ?? { hash: {} }) as HelperOptions;
  return [args.slice(0, -1), options];
}

function toDate(v: unknown): PlanDate | undefined {
  if (typeof v === 'string') return parseIsoDate(v) ?? undefined;
  if (v !== null && typeof v === 'object' && 'iso' in v && typeof (v as { iso: unknown }).iso === 'string') {
    return parseIsoDate((v as { iso: string }).iso) ?? undefined;
  }
  return undefined;
}

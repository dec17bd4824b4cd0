import type { FontProfile } from '../../model/document.js';

/** Latin letters and digits in every 公文 face are Times New Roman (common practice). */
export const LATIN = 'Times New Roman';

/** The East Asian faces a document uses, by role. */
export interface FontNames {
  /** 仿宋: body, heading 3 and 4, table text */
  readonly fang: string;
  /** 楷体: heading 2, emphasis, quotations, 签发人 names */
  readonly kai: string;
  /** 黑体: heading 1, attachment labels, table headers */
  readonly hei: string;
  /** 宋体: page numbers (GB §7.5) */
  readonly song: string;
  /** 小标宋: titles and the issuer's mark (GB §7.2.4, §7.3.1) */
  readonly title: string;
}

/**
 * Font names by profile. `gb2312` names the faces the standard's era ships (仿宋_GB2312);
 * `modern` names the ones Windows 10/11 install (仿宋, 楷体).
 */
export function fontNames(profile: FontProfile): FontNames {
  const modern = profile === 'modern';
  return {
    fang: modern ? '仿宋' : '仿宋_GB2312',
    kai: modern ? '楷体' : '楷体_GB2312',
    hei: '黑体',
    song: '宋体',
    title: '方正小标宋简体',
  };
}

// Marks whose code points Word shares between Latin and East Asian fonts: without the
// hint Word sets them in Times New Roman at Latin width.
const AMBIGUOUS = /[\u201c\u201d\u2018\u2019\u2014\u2026\u00b7]/;

/** True when a run's text needs `w:hint="eastAsia"`. */
export function needsEastAsiaHint(text: string): boolean {
  return AMBIGUOUS.test(text);
}

/** The rFonts attributes for a run: Times New Roman for Latin, `eastAsia` for Chinese. */
export function runFonts(eastAsia: string, text: string): {
  ascii: string;
  hAnsi: string;
  eastAsia: string;
  cs: string;
  hint?: string;
} {
  const fonts = { ascii: LATIN, hAnsi: LATIN, eastAsia, cs: LATIN };
  return needsEastAsiaHint(text) ? { ...fonts, hint: 'eastAsia' } : fonts;
}

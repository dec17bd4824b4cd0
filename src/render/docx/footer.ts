import { AlignmentType, Footer, LineRuleType, Paragraph, PageNumber, TextRun } from 'docx';
import { CHAR_4, SIZE_4 } from './metrics.js';
import type { FontNames } from './fonts.js';

/**
 * Page numbers (GB §7.5): “— 1 —” in 四号 宋体 (all four font slots, the PAGE field's result
 * included, so Latin digits are 宋体 too); odd pages right-aligned 空一字, even pages
 * left-aligned 空一字. The section needs footer references `default` (odd) and `even`, and
 * settings need `evenAndOddHeaders`.
 */
export function pageFooters(fonts: FontNames): { default: Footer; even: Footer } {
  return { default: footer(fonts, 'odd'), even: footer(fonts, 'even') };
}

function footer(fonts: FontNames, side: 'odd' | 'even'): Footer {
  const song = fonts.song;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: CHAR_4, firstLine: 0 } : { left: CHAR_4, firstLine: 0 },
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        children: [
          new TextRun({
            children: ['\u2014 ', PageNumber.CURRENT, ' \u2014'],
            font: { ascii: song, hAnsi: song, eastAsia: song, cs: song, hint: 'eastAsia' },
            size: SIZE_4,
          }),
        ],
      }),
    ],
  });
}

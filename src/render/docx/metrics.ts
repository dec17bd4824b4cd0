/**
 * Numbers of the page that GB/T 9704-2012 fixes, in the units WordprocessingML uses
 * (twips = 1/20 pt; `w:sz` = half-points). See the team's GBT9704.md notes.
 */

/** A4 paper, GB §5.1. */
export const PAGE_WIDTH = 11906;
export const PAGE_HEIGHT = 16838;
/** Type area width, 156 mm (GB §5.2.1). */
export const TYPE_WIDTH = 8844;
/** Type area height, 225 mm (GB §5.2.1). */
export const TYPE_HEIGHT = 12756;
/** 22 lines per page: 12756 / 22 ≈ 579 twips (GB §5.2.3). */
export const LINE_PITCH = 579;
/**
 * Every body and heading run is condensed by 0.25 pt: 28 × (16 − 0.25) pt = 441 pt fits the
 * 442.2 pt line, so 28 characters per line in LibreOffice and Word alike (GB §5.2.3).
 */
export const CONDENSE = -5;
/** 三号 (16 pt) and one character's width at it: the body's 一字. */
export const SIZE_3 = 32;
export const CHAR_3 = 320;
/** 四号 (14 pt): page numbers, 版记, table text. */
export const SIZE_4 = 28;
export const CHAR_4 = 280;
/** 二号 (22 pt): titles. */
export const SIZE_2 = 44;
/** Footer distance: the page-number dash sits about 7 mm below the type area (GB §7.5). */
export const FOOTER_DISTANCE = 1446;
/** Header distance: no clause sets it; 15 mm is common and stays clear of the type area. */
export const HEADER_DISTANCE = 851;
/** Top edge of the 发文机关标志: 35 mm below the top of the type area (GB §7.2.4). */
export const MARK_OFFSET = 1984;
/** Pixels per inch docx assumes when converting image sizes to EMUs. */
export const PIXELS_PER_INCH = 96;

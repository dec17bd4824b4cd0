import {
  AlignmentType,
  BorderStyle,
  FrameAnchorType,
  FrameWrap,
  LineRuleType,
  TabStopType,
  type IParagraphOptions,
} from 'docx';
import type { DocColophon } from '../../model/document.js';
import { CHAR_4, LINE_PITCH, SIZE_4, TYPE_HEIGHT, TYPE_WIDTH } from './metrics.js';
import { displayWidth } from './tables.js';
import type { RenderContext } from './context.js';
import { textRun, type RunStyle } from './inline.js';
import { gridParagraph, paragraphOf, type BodyParagraph } from './paragraphs.js';

/** 0.35 mm and 0.25 mm rules (GB §7.4.1), in eighths of a point. */
export const THICK_RULE = 8;
export const THIN_RULE = 6;

const rule = (size: number) => ({ style: BorderStyle.SINGLE, size, space: 1, color: '000000' }) as const;

/**
 * 版记 (GB §7.4): at the foot of the last page, as wide as the type area, whatever the
 * length of the page above. Each item is a frame (`framePr`) placed so the last one ends at
 * the bottom of the type area. Measured in LibreOffice 7.4: it makes a frame of `framePr`
 * only with a wrap mode and a paragraph after it to anchor to (else it lays the lines
 * inline), and it gives every framed paragraph a frame of its own (so bottom-aligned items
 * would overlap): hence absolute positions stacked from the bottom, `wrap="around"` and the
 * hairline paragraph at the end.
 * A thick rule above the first item and below the last, thin rules between; 抄送 四号仿宋
 * 空一字 each side, wrapped lines aligned after “抄送：”, a final “。”; the 印发机关 left and
 * the 印发日期 + “印发” right, each 空一字, on one line.
 */
export function colophon(node: DocColophon, ctx: RenderContext): BodyParagraph[] {
  const style: RunStyle = { font: ctx.fonts.fang, size: SIZE_4, condensed: false };
  const items: Array<{ text: string; lines: number; options: IParagraphOptions }> = [];
  if (node.cc.length > 0) {
    const label = '抄送：';
    const names = node.cc.map((n) => n.replace(/[。，、；\s]+$/u, '')).join('，');
    const hang = label.length * CHAR_4;
    const text = `${label}${names}。`;
    const width = TYPE_WIDTH - 2 * CHAR_4 - hang;
    items.push({
      text,
      lines: Math.max(1, Math.ceil((displayWidth(text.slice(label.length)) * CHAR_4) / 2 / width)),
      options: { indent: { left: CHAR_4 + hang, hanging: hang, right: CHAR_4 } },
    });
  }
  if (node.printer || node.printed) {
    const right = node.printed ? `${node.printed}印发` : '';
    items.push({
      text: `${node.printer ?? ''}\t${right}`,
      lines: 1,
      options: { indent: { left: CHAR_4, right: CHAR_4 }, tabStops: [{ type: TabStopType.RIGHT, position: TYPE_WIDTH - CHAR_4 }] },
    });
  }
  if (items.length === 0) return [];
  // Stack the frames upwards from the bottom of the type area.
  const heights = items.map((item, i) => item.lines * LINE_PITCH + (i === 0 ? borderHeight(THICK_RULE) : 0) + borderHeight(i === items.length - 1 ? THICK_RULE : THIN_RULE));
  let bottom = TYPE_HEIGHT;
  const tops = heights.map(() => 0);
  for (let i = items.length - 1; i >= 0; i--) {
    bottom -= heights[i] ?? 0;
    tops[i] = bottom;
  }
  const paragraphs = items.map((item, i) => {
    const border = {
      ...(i === 0 ? { top: rule(THICK_RULE) } : {}),
      bottom: rule(i === items.length - 1 ? THICK_RULE : THIN_RULE),
    };
    const frame: IParagraphOptions['frame'] = {
      type: 'absolute',
      position: { x: 0, y: tops[i] ?? 0 },
      anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.MARGIN },
      width: TYPE_WIDTH,
      wrap: FrameWrap.AROUND,
    };
    return gridParagraph(ctx, [textRun(item.text, style)], item.text.replace('\t', ' '), {
      alignment: AlignmentType.LEFT,
      extra: { ...item.options, frame, border },
    });
  });
  // The frames' anchor: a hairline paragraph that takes no room.
  return [...paragraphs, paragraphOf({ spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 } }, [], ctx.revisions !== undefined)];
}

/** Height a paragraph border adds: its width (eighths of a point) and its 1 pt spacing, in twips. */
function borderHeight(size: number): number {
  return Math.round((size / 8) * 20) + 20;
}

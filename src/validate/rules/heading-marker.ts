import { HeadingCounter, headingLevelOf, splitTypedMarker } from '../../model/heading-number.js';
import type { Rule } from '../rule.js';

/**
 * A heading whose typed number (一、 （二） 3. （4）) differs from the one its level and place
 * give. The build replaces it anyway; the warning tells the clerk the source disagrees.
 * Numbering follows the same counter and levels as the renderer (`#` counts as `##`).
 */
export const headingMarker: Rule = {
  ids: ['heading-marker'],
  check(input, report) {
    const counter = new HeadingCounter();
    const blocks = new Map(input.blocks.filter((b) => b.kind === 'heading').map((b) => [b.node, b]));
    for (const h of input.headings) {
      const level = headingLevelOf(h.depth);
      if (level === null) continue;
      const expected = counter.next(level);
      const block = blocks.get(h);
      if (!block) continue;
      const { typed } = splitTypedMarker(block.text);
      if (!typed || typed === expected) continue;
      const index = block.text.indexOf(typed);
      const offset = block.offsets[index] ?? -1;
      const at = offset >= 0 ? offset : h.position?.start.offset ?? 0;
      report.at(at, at + typed.length, 'heading-marker', { typed, expected });
    }
  },
};

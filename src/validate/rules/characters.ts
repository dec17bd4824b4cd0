import type { Reporter } from '../../diagnostics/report.js';
import type { SourceText } from '../../read/source.js';
import { codeName, findCharacters, type FoundChar } from '../../util/characters.js';
import { offsetInScalar } from '../front-matter.js';
import type { Rule } from '../rule.js';

/**
 * Characters that cannot go into a DOCX (controls, noncharacters, lone surrogates: an
 * error) and characters that print nothing but change meaning (zero-width and bidi
 * controls: a warning). The whole file is scanned as written, front matter, body and code
 * alike, so every one is found at its own line and column; YAML escapes such as "\uFFFE"
 * in quoted values are found in the decoded values too.
 */
export const characters: Rule = {
  ids: ['character-unwritable', 'character-invisible'],
  check(input, report) {
    const seen = new Set<number>();
    for (const found of findCharacters(input.parsed.source.text)) {
      seen.add(found.index);
      reportChar(report, found.index, found);
    }
    for (const s of input.scalars) {
      if (typeof s.value !== 'string') continue;
      for (const found of findCharacters(s.value)) {
        const ch = String.fromCodePoint(found.code);
        const at = offsetInScalar(s, found.index, ch);
        // Written as itself, the raw scan has it already; escaped ("\uFFFE"), it is reported
        // here, at the scalar.
        if (seen.has(at)) continue;
        seen.add(at);
        reportChar(report, at, found);
      }
    }
  },
};

/** The same scan over a file that is read later (an attachment): its problems, at their places. */
export function checkCharacters(source: SourceText, report: Reporter): void {
  for (const found of findCharacters(source.text)) reportChar(report, found.index, found);
}

function reportChar(report: Reporter, offset: number, found: FoundChar): void {
  const unwritable = found.kind === 'control' || found.kind === 'noncharacter' || found.kind === 'surrogate';
  report.at(offset, undefined, unwritable ? 'character-unwritable' : 'character-invisible', { code: codeName(found.code), kind: `char-${found.kind}` });
}

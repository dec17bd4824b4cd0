import { isMap } from 'yaml';
import type { Reporter } from '../diagnostics/report.js';
import type { ParsedPlan } from '../parse/parse-plan.js';

/**
 * The front matter's own health: present, well-formed YAML, a mapping. Returns whether
 * the data can go on to the schema and the front-matter rules.
 */
export function checkYaml(parsed: ParsedPlan, report: Reporter): boolean {
  const y = parsed.yaml;
  if (!y) {
    report.at(0, undefined, 'front-matter-missing');
    return false;
  }
  for (const e of y.doc.errors) {
    // yaml's positions are offsets into the front-matter text; the file has the --- line before it.
    const [start, end] = e.pos;
    const hint = hintFor(e.code, e.message, parsed.source.text[y.offset + start]);
    report.at(y.offset + start, y.offset + Math.max(start, end), 'yaml-syntax', { detail: firstLine(e.message), ...(hint ? { hint } : {}) });
  }
  if (y.doc.errors.length > 0) return false;
  const contents = y.doc.contents;
  // Empty front matter is an empty mapping: the schema then says title is missing.
  if (contents !== null && !isMap(contents)) {
    report.at(y.offset + (contents.range?.[0] ?? 0), undefined, 'yaml-not-mapping');
    return false;
  }
  return true;
}

/** The catalogue term that explains a yaml error code in a clerk's words (see `terms`). */
const HINTS: Partial<Record<string, string>> = {
  DUPLICATE_KEY: 'yaml-DUPLICATE_KEY',
  BAD_INDENT: 'yaml-BAD_INDENT',
  TAB_AS_INDENT: 'yaml-TAB_AS_INDENT',
  MISSING_CHAR: 'yaml-MISSING_CHAR',
  // `op: >=` unquoted: > starts a block scalar, so yaml complains about the header or the token.
  BAD_SCALAR_START: 'yaml-quote-symbols',
  UNEXPECTED_TOKEN: 'yaml-quote-symbols',
  MULTILINE_IMPLICIT_KEY: 'yaml-MULTILINE_IMPLICIT_KEY',
  BAD_DQ_ESCAPE: 'yaml-BAD_DQ_ESCAPE',
};

function hintFor(code: string, message: string, char: string | undefined): string | undefined {
  // An unclosed [ or { is reported as bad indentation of whatever follows it.
  if (/end with an? [\]}]/.test(message)) return 'yaml-MISSING_CHAR';
  const hint = HINTS[code];
  if (hint !== 'yaml-quote-symbols') return hint;
  return /block scalar|indicator/i.test(message) || (char !== undefined && '>|*&!%@'.includes(char)) ? hint : undefined;
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return (nl < 0 ? message : message.slice(0, nl)).trim();
}

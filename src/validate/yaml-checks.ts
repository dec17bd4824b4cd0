import { isMap } from 'yaml';
import type { Reporter } from '../diagnostics/report.js';
import type { ParsedPlan } from '../parse/parse-plan.js';
import { findTextSlips, findValueSlips } from './typed-yaml.js';

/**
 * The front matter's own health: present, well-formed YAML, a mapping, typed without
 * full-width slips. Returns whether the data can go on to the schema and the front-matter rules.
 */
export function checkYaml(parsed: ParsedPlan, report: Reporter): boolean {
  const y = parsed.yaml;
  if (!y) {
    report.at(0, undefined, 'front-matter-missing');
    return false;
  }
  const text = parsed.source.text;
  const yamlText = text.slice(y.offset, y.end);
  const slips = findTextSlips(yamlText, y.offset);
  for (const s of slips) report.at(s.offset, s.offset + 1, s.ruleId, s.args);
  // A full-width colon or space makes YAML misread that line and the next; the slip's own
  // message says what to change, the parser's would only confuse.
  const slipLines = new Set(slips.flatMap((s) => [lineOf(text, s.offset), lineOf(text, s.offset) + 1]));
  // yaml goes on after an error and often trips again on the same line, or on the line after
  // a mis-indented one: the clerk needs the first trip of each, and then a rerun.
  const found = y.doc.errors
    .map((e) => {
      // yaml's positions are offsets into the front-matter text; the file has the --- line before it.
      const [start, end] = e.pos;
      const hint = hintFor(e.code, e.message, text[y.offset + start]);
      // yaml notices an unclosed [ or { only where the next field begins; the clerk has to
      // look at the bracket that was left open.
      const open = hint === 'yaml-MISSING_CHAR' ? unclosedBracket(text, y.offset, y.offset + start) : undefined;
      const at = open !== undefined ? { offset: open, end: open + 1 } : errorOffset(text, y.offset + start, y.offset + Math.max(start, end), e.code);
      return { ...at, from: open ?? y.offset + start, hint: at.hint ?? hint, detail: firstLine(e.message) };
    })
    // Of several errors at one place, the most specific speaks for the line.
    .sort((a, b) => a.offset - b.offset || Number(GENERIC.has(a.hint)) - Number(GENERIC.has(b.hint)));
  const moved = new Set(found.filter((f) => f.offset !== f.from).map((f) => lineOf(text, f.from)));
  const quiet = new Set<number>(slipLines);
  for (const f of found) {
    const line = lineOf(text, f.offset);
    // The error yaml put on the line before a mis-indented one belongs to that line.
    if (quiet.has(line) || quiet.has(lineOf(text, f.from)) || (f.offset === f.from && moved.has(line))) continue;
    quiet.add(line);
    if (INDENTATION.has(f.hint)) quiet.add(line + 1);
    report.at(f.offset, f.end, 'yaml-syntax', { hint: f.hint, detail: f.detail });
  }
  if (y.doc.errors.length > 0 || slips.length > 0) return false;
  const valueSlips = findValueSlips(y.doc, y.offset, text);
  for (const s of valueSlips) report.at(s.offset, s.offset + 1, s.ruleId, s.args);
  if (valueSlips.length > 0) return false;
  const contents = y.doc.contents;
  // Empty front matter is an empty mapping: the schema then says title is missing.
  if (contents !== null && !isMap(contents)) {
    report.at(y.offset + (contents.range?.[0] ?? 0), undefined, 'yaml-not-mapping');
    return false;
  }
  return true;
}

/**
 * Where a clerk should look. A line indented deeper than the field above it makes yaml read
 * the two lines as one multi-line key and report the line *before*; the mistake is on the
 * deeper line, so point at its first character.
 */
function errorOffset(text: string, start: number, end: number, code: string): { offset: number; end: number; hint?: string } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = indentOf(text, lineStart);
  // An error at a line's indentation is about the indentation, whatever yaml calls it.
  if (code === 'BLOCK_AS_IMPLICIT_KEY' && start <= lineStart + indent) return { offset: lineStart + indent, end, hint: 'yaml-BAD_INDENT' };
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') {
    const next = text.indexOf('\n', start) + 1;
    if (next > 0 && next <= end && indentOf(text, next) > indent) {
      const at = next + indentOf(text, next);
      const eol = text.indexOf('\n', at);
      return { offset: at, end: eol < 0 ? text.length : eol, hint: 'yaml-indent-deeper' };
    }
  }
  return { offset: start, end };
}

/** The last [ or { before `until` that nothing closes (quoted text and comments skipped). */
function unclosedBracket(text: string, from: number, until: number): number | undefined {
  const stack: number[] = [];
  let quote = '';
  for (let i = from; i < until; i++) {
    const c = text[i];
    if (quote) {
      // A quote left open ends with its line: it must not hide the brackets after it.
      if ((c === quote && text[i - 1] !== '\\') || c === '\n') quote = '';
      continue;
    }
    if (c === '#' && (i === from || /\s/.test(text[i - 1] ?? ''))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? until : nl;
    } else if ((c === '"' || c === "'") && (stack.length > 0 || /[\s:,[{-]/.test(text[i - 1] ?? ' '))) quote = c;
    else if (c === '[' || c === '{') stack.push(i);
    else if ((c === ']' || c === '}') && stack.length > 0) stack.pop();
  }
  return stack[stack.length - 1];
}

/** Hints that fit many mistakes: used only when nothing more specific was found at the same place. */
const GENERIC = new Set(['yaml-other', 'yaml-MULTILINE_IMPLICIT_KEY']);

/** Hints that say a line is mis-indented: yaml then stumbles on the next line too. */
const INDENTATION = new Set(['yaml-BAD_INDENT', 'yaml-indent-deeper', 'yaml-TAB_AS_INDENT']);

function indentOf(text: string, lineStart: number): number {
  return /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))?.[0].length ?? 0;
}

function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
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
  // `title: a: b` or `- role: 组长 name: 王` on one line: a colon and space inside a value.
  BLOCK_AS_IMPLICIT_KEY: 'yaml-BLOCK_AS_IMPLICIT_KEY',
  BAD_DQ_ESCAPE: 'yaml-BAD_DQ_ESCAPE',
  BLOCK_IN_FLOW: 'yaml-BLOCK_IN_FLOW',
  MULTIPLE_DOCS: 'yaml-MULTIPLE_DOCS',
  BAD_ALIAS: 'yaml-alias',
  ALIAS_PROPS: 'yaml-alias',
  KEY_OVER_1024_CHARS: 'yaml-MULTILINE_IMPLICIT_KEY',
};

/** Every yaml error gets a hint in the catalogue's words; `yaml-other` when none fits better. */
function hintFor(code: string, message: string, char: string | undefined): string {
  // An unclosed [ or { is reported as bad indentation of whatever follows it.
  if (/end with an? [\]}]/.test(message)) return 'yaml-MISSING_CHAR';
  // The parser's own words are the only tell for these two; the codes are generic.
  if (/Unexpected flow-(?:seq|map)-end/.test(message)) return 'yaml-extra-bracket';
  if (/block-seq-ind on same line/.test(message)) return 'yaml-dash-on-key-line';
  const hint = HINTS[code];
  if (hint === undefined) return 'yaml-other';
  if (hint !== 'yaml-quote-symbols') return hint;
  return /block scalar|indicator/i.test(message) || (char !== undefined && '>|*&!%@'.includes(char)) ? hint : 'yaml-other';
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return (nl < 0 ? message : message.slice(0, nl)).trim();
}

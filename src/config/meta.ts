import { isCollection, isMap, isScalar, parseDocument, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic, Reporter } from '../diagnostics/report.js';
import { collectRuleSettings } from '../validate/rule-switches.js';
import { parsePlan, type ParsedPlan } from '../parse/parse-plan.js';
import { makeSource } from '../read/source.js';
import { validatePlanData } from '../validate/index.js';

/** Where diagnostics about `-M` values point: the user typed them, there is no file. */
export const COMMAND_LINE = '<command line>';

export interface MetaDefaults {
  /** Front-matter defaults in the order given; a later `-M` for the same field wins. */
  readonly values: ReadonlyMap<string, unknown>;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * `-M field=value` (pandoc's flag), repeatable: a front-matter default, the plan's own
 * value winning. The value is read as YAML (a scalar, or a bracketed list), so
 * `-M copy_number='"000123"'` keeps its quotes' meaning; anything else stays the text as typed. The values
 * are checked as a front matter of their own (schema and content rules: unknown field,
 * wrong type, impossible date, placeholder), at `<command line>:N`, N counting the `-M`
 * flags, so a mistake is said once and not in every plan.
 */
export function parseMetaFlags(flags: readonly string[], planDir: string): MetaDefaults {
  const values = new Map<string, unknown>();
  const diagnostics: Diagnostic[] = [];
  // The last -M for a field wins; each field becomes one line of a front matter.
  const last = new Map<string, { index: number; raw: string }>();
  flags.forEach((flag, index) => {
    const eq = flag.indexOf('=');
    const key = eq > 0 ? flag.slice(0, eq).trim() : '';
    if (key === '' || /[\r\n]/.test(key)) diagnostics.push(diagnostic(COMMAND_LINE, index + 1, 1, 'usage-metadata-form', { value: flag }));
    else {
      last.delete(key);
      last.set(key, { index, raw: flag.slice(eq + 1) });
    }
  });
  if (last.size === 0) return { values, diagnostics };
  const lines: string[] = [];
  const flagOfLine: number[] = [];
  const shift: number[] = [];
  for (const [key, { index, raw }] of last) {
    const { value, yaml } = readValue(raw);
    values.set(key, value);
    // YAML is written back as typed (so columns match `key=value`, one character on); text
    // that is not YAML as a quoted string, which is what it was read as.
    const written = yaml ? raw : JSON.stringify(value);
    lines.push(`${JSON.stringify(key)}: ${written}`);
    flagOfLine.push(index);
    shift.push(JSON.stringify(key).length - key.length + 1);
  }
  const source = makeSource(COMMAND_LINE, `---\n${lines.join('\n')}\n---\n`);
  const parsed = parsePlan(source);
  const validated = validatePlanData(parsed, { planDir, fileExists: () => true });
  // `-M rules={…}` names rule ids: a misspelt one is said here, not in every plan.
  const switches = new Reporter(source);
  collectRuleSettings(parsed, validated.data, switches);
  const found = [...validated.diagnostics, ...switches.list];
  const bad = new Set<number>();
  for (const d of found) {
    // Only these fields are given here: what the plan must also contain is the plan's business.
    if (d.ruleId === 'required-field' || d.ruleId === 'phase-date-missing') continue;
    const line = Math.min(Math.max(d.line - 2, 0), lines.length - 1);
    const flag = flagOfLine[line] ?? 0;
    bad.add(flag);
    const { endLine: _l, endColumn: _c, ...rest } = d;
    diagnostics.push({ ...rest, line: flag + 1, column: Math.max(1, d.column - (shift[line] ?? 0)) });
  }
  for (const [key, { index }] of last) if (bad.has(index)) values.delete(key);
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { values, diagnostics };
}

/**
 * A value as YAML reads it when it is a scalar or a bracketed list or mapping
 * (`[各社区, 各科室]`); anything else (`关于a: b的方案`) is the text as typed.
 */
function readValue(text: string): { value: unknown; yaml: boolean } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const c = doc.contents;
  if (doc.errors.length > 0 || c === null || /[\r\n]/.test(text)) return { value: text, yaml: false };
  if (isScalar(c)) return c.value === null ? { value: text, yaml: false } : { value: c.value, yaml: true };
  if (isCollection(c) && c.flow) return { value: doc.toJS({ maxAliasCount: 0 }), yaml: true };
  return { value: text, yaml: false };
}

/**
 * Put the defaults the plan does not set into its front matter, before validation. The
 * plan's own fields keep their nodes and so their positions; an added field has none, so a
 * rule that trips over it points at the front matter's start.
 */
export function applyMetaDefaults(parsed: ParsedPlan, values: ReadonlyMap<string, unknown>): void {
  const y = parsed.yaml;
  if (!y || values.size === 0 || y.doc.errors.length > 0) return;
  const doc: Document = y.doc;
  if (doc.contents === null) doc.contents = doc.createNode({});
  const map = doc.contents;
  if (!isMap(map)) return;
  for (const [k, v] of values) if (!map.has(k)) map.set(doc.createNode(k), doc.createNode(v));
}

import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic, Reporter } from '../diagnostics/report.js';
import type { ParsedPlan } from '../parse/parse-plan.js';
import { makeSource } from '../read/source.js';
import { validateSchema } from '../validate/schema.js';

/** Where diagnostics about `-M` values point: the user typed them, there is no file. */
export const COMMAND_LINE = '<command line>';

export interface MetaDefaults {
  /** Front-matter defaults in the order given; a later `-M` for the same field wins. */
  readonly values: ReadonlyMap<string, unknown>;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * `-M field=value` (pandoc's flag), repeatable: a front-matter default, the plan's own
 * value winning. The value is read as a YAML scalar, so `-M copy_number='"000123"'` keeps
 * its quotes' meaning; anything that is not a scalar stays the text as typed. Each value is
 * checked against the plan schema as the front matter is (unknown field, wrong type), at
 * `<command line>:N`, N counting the `-M` flags.
 */
export function parseMetaFlags(flags: readonly string[]): MetaDefaults {
  const values = new Map<string, unknown>();
  const diagnostics: Diagnostic[] = [];
  // One line per flag, so a position says which -M it is about.
  const source = makeSource(COMMAND_LINE, flags.map((f) => f.replace(/\r?\n/g, ' ')).join('\n'));
  flags.forEach((flag, i) => {
    const eq = flag.indexOf('=');
    const key = eq > 0 ? flag.slice(0, eq).trim() : '';
    if (key === '') {
      diagnostics.push(diagnostic(COMMAND_LINE, i + 1, 1, 'usage-metadata-form', { value: flag }));
      return;
    }
    const value = scalar(flag.slice(eq + 1));
    const report = new Reporter(source);
    validateSchema({ [key]: value }, null, source.lineStarts[i] ?? 0, report);
    // Only this field is given here: what the plan must also contain is the plan's business.
    const found = report.list.filter((d) => d.ruleId !== 'required-field' && d.ruleId !== 'phase-date-missing');
    diagnostics.push(...found);
    if (found.length === 0) values.set(key, value);
  });
  return { values, diagnostics };
}

function scalar(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0 || !isScalar(doc.contents)) return text;
  return doc.contents.value ?? text;
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

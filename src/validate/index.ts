import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { Reporter } from '../diagnostics/report.js';
import { type ParsedPlan } from '../parse/parse-plan.js';
import { collectHeadings, collectTextBlocks } from './body-text.js';
import { collectScalars, type FrontScalar } from './front-matter.js';
import type { RuleContext, RuleInput } from './rule.js';
import { rules } from './rules/index.js';
import { bodySpans, frontSpans } from './text-spans.js';
import { validateSchema } from './schema.js';
import { checkYaml } from './yaml-checks.js';
import { isMap, isPair, isSeq } from 'yaml';
import { budgets } from '../util/budgets.js';

export type { RuleContext, RuleInput, Rule } from './rule.js';

/**
 * Validate a parsed plan: YAML syntax, the JSON Schema, then every semantic rule.
 * Returns every problem found, not only the first. Broken or missing front matter
 * silences the front-matter rules only; the body is still proofread.
 */
export function validatePlan(parsed: ParsedPlan, ctx: RuleContext): Diagnostic[] {
  return validatePlanData(parsed, ctx).diagnostics;
}

/**
 * {@link validatePlan}, also giving the front matter as plain data when it is a usable
 * mapping (undefined after YAML errors), so later stages need not convert it again.
 */
export function validatePlanData(parsed: ParsedPlan, ctx: RuleContext): { diagnostics: Diagnostic[]; data?: Record<string, unknown> } {
  const report = new Reporter(parsed.source);
  if (parsed.refused) report.at(parsed.refused.offset, undefined, parsed.refused.ruleId, { ...parsed.refused.args });
  for (const note of parsed.paste ?? []) report.at(note.start, note.end, note.ruleId, note.args, note.detail);
  const unread = parsed.refused?.ruleId === 'front-matter-too-large' || parsed.refused?.ruleId === 'front-matter-too-deep';
  const usable = !unread && checkYaml(parsed, report);
  const y = parsed.yaml;
  let data: Record<string, unknown> | undefined;
  let scalars: FrontScalar[] = [];
  // A list past its budget would make every later stage slow: stop at the YAML.
  if (usable && y && !listOverBudget(parsed, report)) {
    data = frontMatterData(parsed, report);
    if (data) {
      validateSchema(data, y.doc.contents, y.offset, report);
      scalars = collectScalars(y.doc.contents, y.offset, parsed.source.text);
    }
  }
  const byPath = new Map(scalars.map((s) => [s.path.join('\u0000'), s]));
  const blocks = collectTextBlocks(parsed.body, parsed.source.text);
  const input: RuleInput = {
    parsed,
    ctx,
    data,
    scalars,
    blocks,
    frontSpans: frontSpans(scalars),
    bodySpans: bodySpans(blocks),
    headings: collectHeadings(parsed.body),
    scalarAt: (path) => byPath.get(path.join('\u0000')),
  };
  for (const rule of rules) rule.check(input, report);
  return data ? { diagnostics: report.list, data } : { diagnostics: report.list };
}

/**
 * Proofread an attachment file (`attachments[].file`) exactly like the plan's body: every
 * body-text rule, positions in the attachment file. An attachment has no front matter of
 * its own to check (one it happens to have is skipped, as the document skips it).
 */
export function validateAttachment(parsed: ParsedPlan, ctx: RuleContext): Diagnostic[] {
  const report = new Reporter(parsed.source);
  if (parsed.refused) report.at(parsed.refused.offset, undefined, parsed.refused.ruleId, { ...parsed.refused.args });
  const blocks = collectTextBlocks(parsed.body, parsed.source.text);
  const input: RuleInput = {
    parsed,
    ctx,
    data: undefined,
    scalars: [],
    blocks,
    frontSpans: [],
    bodySpans: bodySpans(blocks),
    headings: collectHeadings(parsed.body),
    scalarAt: () => undefined,
  };
  for (const rule of rules) rule.check(input, report);
  return report.list;
}

/**
 * The front matter as plain data. Aliases are resolved only here, so an alias to no anchor,
 * or a billion-laughs chain of them, surfaces now: a yaml-syntax problem, not a crash.
 */
function frontMatterData(parsed: ParsedPlan, report: Reporter): Record<string, unknown> | undefined {
  const y = parsed.yaml;
  if (!y) return undefined;
  try {
    return (y.doc.toJS({ maxAliasCount: 100 }) ?? {}) as Record<string, unknown>;
  } catch (e) {
    report.at(y.offset, undefined, 'yaml-syntax', { hint: 'yaml-alias', detail: e instanceof Error ? e.message : String(e) });
    return undefined;
  }
}

/** list-too-long for the first front-matter list longer than the budget (e.g. 50,000 duties). */
function listOverBudget(parsed: ParsedPlan, report: Reporter): boolean {
  const y = parsed.yaml;
  if (!y) return false;
  const walk = (node: unknown, field: string): boolean => {
    if (isSeq(node)) {
      if (node.items.length > budgets.frontMatterItems) {
        report.at(y.offset + (node.range?.[0] ?? 0), undefined, 'list-too-long', { field, limit: budgets.frontMatterItems });
        return true;
      }
      return node.items.some((item, i) => walk(item, `${field}[${i}]`));
    }
    if (isMap(node)) {
      return node.items.some((pair) => isPair(pair) && walk(pair.value, field ? `${field}.${String(pair.key)}` : String(pair.key)));
    }
    return false;
  };
  return walk(y.doc.contents, '');
}

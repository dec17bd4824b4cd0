import { isMap, isScalar } from 'yaml';
import { closestMatch } from 'leven';
import { catalogue } from '../diagnostics/catalogue.js';
import type { Reporter } from '../diagnostics/report.js';
import { isSwitchable, ruleLevels, type DisableDirective, type RuleLevel, type RuleSettings } from '../diagnostics/rule-settings.js';
import type { ParsedPlan } from '../parse/parse-plan.js';
import { positionAt } from '../read/source.js';

/**
 * The rule switches a plan carries: its `rules:` map (`phase-overlap: off`) and its disable
 * comments, `<!-- plangen-disable-next-line id -->` in the body and
 * `# plangen-disable-next-line id` in the front matter (also `-line` for the comment's own
 * line and a bare `plangen-disable` for the whole file). Unknown or fixed ids are reported
 * at the place they are written; valid ones still take effect.
 */
export function collectRuleSettings(parsed: ParsedPlan, data: Readonly<Record<string, unknown>> | undefined, report: Reporter): RuleSettings {
  const levels = new Map<string, RuleLevel>();
  const rulesNode = parsed.yaml && isMap(parsed.yaml.doc.contents) ? parsed.yaml.doc.contents.get('rules', true) : undefined;
  const written = data?.['rules'];
  if (isMap(rulesNode) && written && typeof written === 'object' && !Array.isArray(written)) {
    for (const pair of rulesNode.items) {
      const id = isScalar(pair.key) ? String(pair.key.value) : '';
      const at = (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? 0;
      const value = (written as Record<string, unknown>)[id];
      // A value outside off/warn/error is the schema's invalid-choice.
      if (!ruleLevels.includes(value as RuleLevel)) continue;
      if (knownId(id, (parsed.yaml?.offset ?? 0) + at, report)) levels.set(id, value as RuleLevel);
    }
  }
  const directives: DisableDirective[] = [];
  const file = parsed.source.path;
  for (const c of comments(parsed)) {
    const ids = c.ids.filter((x) => knownId(x.id, c.offset + x.at, report)).map((x) => x.id);
    // A comment naming only wrong ids switches nothing off rather than everything.
    if (c.ids.length > 0 && ids.length === 0) continue;
    const line = positionAt(parsed.source, c.offset).line;
    directives.push({
      file,
      ...(c.kind === 'next-line' ? { line: line + 1 } : c.kind === 'line' ? { line } : {}),
      ...(c.ids.length > 0 ? { rules: ids } : {}),
    });
  }
  return { levels, directives };
}

/** Whether `id` names a rule that can be switched; reports it otherwise (also for config files). */
export function knownId(id: string, offset: number, report: Reporter): boolean {
  if (!(id in catalogue)) {
    const suggestion = closestMatch(id, Object.keys(catalogue).filter(isSwitchable), { maxDistance: 3 });
    report.at(offset, offset + id.length, 'unknown-rule', { rule: id, ...(suggestion ? { suggestion } : {}) });
    return false;
  }
  if (!isSwitchable(id)) {
    report.at(offset, offset + id.length, 'rule-not-switchable', { rule: id });
    return false;
  }
  return true;
}

interface Comment {
  readonly kind: 'next-line' | 'line' | 'file';
  /** File offset the ids' `at` counts from. */
  readonly offset: number;
  readonly ids: readonly { readonly id: string; readonly at: number }[];
}

// `plangen-disable`, `plangen-disable-line` or `plangen-disable-next-line`, then ids
// separated by commas or spaces (ESLint's and markdownlint's forms).
const DIRECTIVE = /plangen-disable(-next-line|-line)?(?![\w-])([^\n]*)/;

function* comments(parsed: ParsedPlan): Generator<Comment> {
  const text = parsed.source.text;
  if (parsed.yaml) {
    // YAML comments: a `#` at the start of a line or after a space.
    const re = /(^|[ \t])#[ \t]*(plangen-disable[^\n]*)/gm;
    const region = text.slice(parsed.yaml.offset, parsed.yaml.end);
    for (const m of region.matchAll(re)) {
      const start = parsed.yaml.offset + (m.index ?? 0) + m[0].indexOf('plangen-disable');
      const c = directive(m[2] ?? '', start);
      if (c) yield c;
    }
  }
  const stack = [...parsed.body.children] as { type: string; value?: string; position?: { start: { offset?: number } }; children?: unknown[] }[];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'html' && typeof n.value === 'string' && n.value.includes('plangen-disable')) {
      const base = n.position?.start.offset ?? 0;
      for (const m of n.value.matchAll(/<!--([\s\S]*?)-->/g)) {
        const inner = m[1] ?? '';
        const i = inner.indexOf('plangen-disable');
        if (i < 0) continue;
        const c = directive(inner.slice(i), base + (m.index ?? 0) + 4 + i);
        if (c) yield c;
      }
    }
    if (Array.isArray(n.children)) stack.push(...(n.children as typeof stack));
  }
}

/** Parse `plangen-disable… ids` found at file offset `start`. */
function directive(text: string, start: number): Comment | undefined {
  const m = DIRECTIVE.exec(text);
  if (!m || m.index !== 0) return undefined;
  const kind = m[1] === '-next-line' ? 'next-line' : m[1] === '-line' ? 'line' : 'file';
  const rest = m[2] ?? '';
  const restAt = m[0].length - rest.length;
  const ids: { id: string; at: number }[] = [];
  // `--` ends the ids and begins a reason, as in ESLint (`-- 确属有意`).
  const end = rest.search(/\s--(\s|$)/);
  const list = end < 0 ? rest : rest.slice(0, end);
  for (const idm of list.matchAll(/[^\s,，]+/g)) ids.push({ id: idm[0], at: restAt + (idm.index ?? 0) });
  return { kind, offset: start, ids };
}

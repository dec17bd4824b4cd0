import { parsePlan } from '../../src/parse/parse-plan.js';
import { makeSource } from '../../src/read/source.js';
import { validatePlan } from '../../src/validate/index.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

/** A minimal valid plan around the given front-matter lines and body. */
export function plan(front: string, body = '\n## 总体要求\n\n正文。\n'): string {
  return `---\ntitle: 测试方案\n${front}${front && !front.endsWith('\n') ? '\n' : ''}---\n${body}`;
}

/** Validate text as a plan in /plans, where only the files listed exist. */
export function check(text: string, existing: readonly string[] = []): Diagnostic[] {
  return validatePlan(parsePlan(makeSource('plan.md', text)), {
    planDir: '/plans',
    fileExists: (p) => existing.includes(p),
  });
}

/** [ruleId, line, column] triples, sorted, for compact table assertions. */
export function triples(list: readonly Diagnostic[], only?: string): Array<[string, number, number]> {
  return list
    .filter((d) => only === undefined || d.ruleId === only)
    .map((d): [string, number, number] => [d.ruleId, d.line, d.column])
    .sort((a, b) => a[1] - b[1] || a[2] - b[2]);
}

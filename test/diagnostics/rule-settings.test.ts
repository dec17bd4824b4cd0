import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { applyRuleSettings, isSwitchable, mergeLevels, type RuleLevel } from '../../src/diagnostics/rule-settings.js';

const d = (ruleId: string, line: number, severity: Diagnostic['severity'] = 'warning', file = 'p.md'): Diagnostic => ({ file, line, column: 1, ruleId, severity, args: {} });

describe('applyRuleSettings', () => {
  const list = [d('phase-overlap', 5), d('halfwidth-punctuation', 9), d('placeholder', 9, 'error'), d('yaml-syntax', 3, 'error')];
  it('drops rules set to off and changes severities', () => {
    const levels = new Map<string, RuleLevel>([['phase-overlap', 'off'], ['halfwidth-punctuation', 'error'], ['placeholder', 'warn']]);
    const out = applyRuleSettings(list, { levels, directives: [] });
    expect(out.map((x) => `${x.ruleId}:${x.severity}`)).toEqual(['halfwidth-punctuation:error', 'placeholder:warning', 'yaml-syntax:error']);
  });
  it('a line directive silences only its line, its rules and its file', () => {
    const out = applyRuleSettings([...list, d('halfwidth-punctuation', 9, 'warning', 'other.md')], { levels: new Map(), directives: [{ file: 'p.md', line: 9, rules: ['halfwidth-punctuation'] }] });
    expect(out.map((x) => `${x.file}:${x.line}:${x.ruleId}`)).toEqual(['p.md:5:phase-overlap', 'p.md:9:placeholder', 'p.md:3:yaml-syntax', 'other.md:9:halfwidth-punctuation']);
  });
  it('a file-wide directive without ids silences every switchable rule, never a fixed one', () => {
    const out = applyRuleSettings(list, { levels: new Map([['yaml-syntax', 'off']]), directives: [{ file: 'p.md' }] });
    expect(out.map((x) => x.ruleId)).toEqual(['yaml-syntax']);
  });
  it('read, parse and data-shape ids are fixed; proofreading rules and new ids are not', () => {
    for (const id of ['yaml-syntax', 'file-not-found', 'wrong-type', 'impossible-date', 'template-missing', 'unknown-rule']) expect(isSwitchable(id), id).toBe(false);
    for (const id of ['phase-overlap', 'placeholder', 'unknown-field', 'some-future-rule']) expect(isSwitchable(id), id).toBe(true);
  });
  it('later level maps win (a config file, then the plan)', () => {
    const merged = mergeLevels(new Map<string, RuleLevel>([['a', 'off'], ['b', 'warn']]), new Map<string, RuleLevel>([['a', 'error']]));
    expect([...merged]).toEqual([['a', 'error'], ['b', 'warn']]);
  });
});

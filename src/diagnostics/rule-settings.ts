import type { Diagnostic } from './diagnostic.js';

/**
 * Switching rules off or changing their severity, as ESLint and markdownlint do. A plan's
 * `rules:` map and its disable comments are gathered into {@link RuleSettings}; a config
 * file (`plangen.config.yaml`, with the same `rules:` map) can feed the same settings through
 * {@link mergeLevels}. Applying them is one pure function over a list of diagnostics.
 */
export type RuleLevel = 'off' | 'warn' | 'error';
export const ruleLevels: readonly RuleLevel[] = ['off', 'warn', 'error'];

/** A disable comment: the rules it names (all switchable ones when none) and where it holds. */
export interface DisableDirective {
  /** File the comment is in (diagnostics of other files are untouched). */
  readonly file: string;
  /** The one line it covers; undefined for a file-wide `plangen-disable`. */
  readonly line?: number;
  /** Rule ids; undefined means every rule that can be switched off. */
  readonly rules?: readonly string[];
}

export interface RuleSettings {
  readonly levels: ReadonlyMap<string, RuleLevel>;
  readonly directives: readonly DisableDirective[];
}

export const noRuleSettings: RuleSettings = { levels: new Map(), directives: [] };

/**
 * Ids that can be neither switched off nor changed: the file could not be read or parsed,
 * the data has the wrong shape to be used at all, a template is broken, the run itself
 * failed, or the switches are themselves wrong. Everything else (new rules included) can be.
 */
const fixed = new Set([
  // reading and parsing
  'file-not-found', 'file-unreadable', 'file-too-large', 'file-binary', 'encoding-utf16', 'encoding-unknown',
  'front-matter-missing', 'yaml-syntax', 'nesting-too-deep', 'yaml-not-mapping',
  // data of the wrong shape cannot be printed
  'required-field', 'wrong-type', 'invalid-choice', 'empty-value', 'invalid-value', 'invalid-date', 'impossible-date', 'phase-date-missing',
  // templates
  'template-missing', 'template-config', 'partial-missing', 'template-syntax', 'template-unknown-field', 'template-helper',
  'template-forbidden', 'template-helper-usage', 'partial-not-alone', 'partial-block-in-body', 'template-needs-field',
  // the run
  'output-locked', 'output-failed', 'soffice-missing', 'pdf-failed', 'pdf-timeout', 'pdf-text-lost', 'pdf-not-docx',
  'pdf-no-output', 'pdf-invalid', 'pdf-not-a4', 'internal-error',
  // the switches themselves and command-line notes
  'unknown-rule', 'rule-not-switchable', 'force-deprecated', 'too-many-warnings', 'max-warnings-number',
  // configuration (reported before any plan is read)
  'config-not-mapping', 'config-folder-missing', 'config-stopped', 'config-applied', 'usage-metadata-form',
]);

/** Whether a rule id may be switched off or given another severity. */
export function isSwitchable(ruleId: string): boolean {
  return !fixed.has(ruleId);
}

/** Levels from several sources, later ones winning (config file, then the plan's own). */
export function mergeLevels(...sources: readonly ReadonlyMap<string, RuleLevel>[]): Map<string, RuleLevel> {
  const out = new Map<string, RuleLevel>();
  for (const s of sources) for (const [k, v] of s) out.set(k, v);
  return out;
}

/**
 * The diagnostics with the settings applied: rules set to `off` or disabled by a comment
 * at their line are dropped, `warn`/`error` change the severity. Fixed ids pass unchanged.
 */
export function applyRuleSettings(list: readonly Diagnostic[], settings: RuleSettings): Diagnostic[] {
  if (settings.levels.size === 0 && settings.directives.length === 0) return [...list];
  const out: Diagnostic[] = [];
  for (const d of list) {
    if (!isSwitchable(d.ruleId)) {
      out.push(d);
      continue;
    }
    if (settings.directives.some((x) => x.file === d.file && (x.line === undefined || x.line === d.line) && (!x.rules || x.rules.includes(d.ruleId)))) continue;
    const level = settings.levels.get(d.ruleId);
    if (level === 'off') continue;
    const severity = level === 'warn' ? 'warning' : level === 'error' ? 'error' : d.severity;
    out.push(severity === d.severity ? d : withSeverity(d, severity));
  }
  return out;
}

function withSeverity(d: Diagnostic, severity: Diagnostic['severity']): Diagnostic {
  const copy = { ...d, severity };
  // Keep the stack that rides along for --verbose (non-enumerable, so spread drops it).
  const stack = (d as Diagnostic & { stack?: string }).stack;
  if (stack) Object.defineProperty(copy, 'stack', { value: stack, enumerable: false });
  return copy;
}

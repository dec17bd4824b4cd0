import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compareDiagnostics, type Diagnostic, type Severity } from '../diagnostic.js';
import { catalogue, formatMessage, formatReportText, type Lang, type RuleId } from '../catalogue.js';
import { terminalSafe } from '../../util/characters.js';
import { version } from '../../version.js';

/** What a reporter is given: every file that was looked at, with its diagnostics. */
export interface FileReport {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
}

export type ReporterName = 'stylish' | 'json' | 'sarif' | 'github';
export const reporterNames: readonly ReporterName[] = ['stylish', 'json', 'sarif', 'github'];

/**
 * Where the run happened: JSON gives absolute paths (ESLint's `filePath`), SARIF paths
 * relative to the project root (code scanning resolves them against the checkout).
 * Without it, paths resolve against the process's working folder.
 */
export interface ReportPlace {
  readonly cwd: string;
  readonly root?: string;
}

/**
 * The rules' documentation, one heading per rule id (GitHub makes `### \`phase-order\`` the
 * anchor `#phase-order`). The project has no web site, so this is the file in the repository;
 * the one place to change if the repository moves.
 */
export const rulesDocUrl = 'https://github.com/plangen/plangen/blob/main/docs/rules.md';

export function ruleHelpUri(id: string): string {
  return `${rulesDocUrl}#${id}`;
}

export function formatReport(name: ReporterName, files: readonly FileReport[], lang: Lang, place?: ReportPlace): string {
  const sorted = byFile(files);
  if (name === 'json') return json(sorted, lang, place);
  if (name === 'sarif') return sarif(sorted, lang, place);
  if (name === 'github') return github(sorted, lang, place);
  return stylish(sorted, lang);
}

/**
 * Each diagnostic filed under the file it is in, whichever plan led to it: a problem in an
 * attachment or a template partial is listed under that file, once even when several plans
 * share it. Every file looked at keeps its entry (a clean plan shows as clean). Sorted by
 * path, diagnostics by position; the one regrouping every reporter uses.
 */
export function byFile(files: readonly FileReport[]): FileReport[] {
  const groups = new Map<string, Diagnostic[]>();
  const group = (file: string): Diagnostic[] => {
    let g = groups.get(file);
    if (!g) groups.set(file, (g = []));
    return g;
  };
  for (const f of files) {
    group(f.file);
    for (const d of f.diagnostics) group(d.file).push(d);
  }
  return [...groups.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((file) => ({ file, diagnostics: unique([...(groups.get(file) ?? [])].sort(compareDiagnostics)) }));
}

/** The same problem found twice at one place (say by two passes over a template) is said once. */
function unique(sorted: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.file}\u0000${d.line}\u0000${d.column}\u0000${d.ruleId}\u0000${JSON.stringify(d.args)}`;
  return sorted.filter((d, i) => i === 0 || key(d) !== key(sorted[i - 1]!));
}

/** ESLint/vfile-reporter style: a file header, then `line:col  severity  message  rule`. */
function stylish(files: readonly FileReport[], lang: Lang): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const f of files) {
    if (f.diagnostics.length === 0) continue;
    out.push(f.file);
    for (const d of f.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      out.push(`  ${f.file}:${d.line}:${d.column}  ${severityWord(d.severity, lang)}  ${formatMessage(d.ruleId, d.args, lang)}  ${d.ruleId}`);
    }
    out.push('');
  }
  // Info notes alone (check --verbose on a clean plan) are listed without a problem count.
  if (errors + warnings === 0) return out.length > 0 ? terminalSafe(out.join('\n')) + '\n' : '';
  out.push(
    lang === 'zh'
      ? `✖ ${errors + warnings} 个问题（${errors} 个错误，${warnings} 个警告）`
      : `✖ ${errors + warnings} problem${errors + warnings === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`,
  );
  // File names and quoted plan text reach the terminal: an ESC sequence in them must not.
  return terminalSafe(out.join('\n')) + '\n';
}

/**
 * Problems that kept a file from being read or its front matter from being parsed, so
 * its other checks did not run: ESLint's `fatal` (its parsing errors).
 */
const fatalRules: ReadonlySet<string> = new Set<RuleId>([
  'file-not-found',
  'file-unreadable',
  'file-too-large',
  'file-binary',
  'encoding-utf16',
  'encoding-unknown',
  'front-matter-missing',
  'yaml-syntax',
  'nesting-too-deep',
  'yaml-not-mapping',
  'internal-error',
]);

/**
 * ESLint's `json` formatter, field for field (its LintResult and LintMessage): absolute
 * `filePath`, severity 2 error / 1 warning. plangen fixes nothing, suppresses into no list
 * and has no deprecated rules, so those counts are 0 and those lists empty; `nodeType` is
 * null as for any message ESLint makes without a syntax node. Info notes reach a reporter
 * only with --verbose; they carry severity 0 (ESLint's "off") and count as nothing.
 */
function json(files: readonly FileReport[], lang: Lang, place: ReportPlace | undefined): string {
  const results = files.map((f) => {
    const count = (s: Severity) => f.diagnostics.filter((d) => d.severity === s).length;
    return {
      filePath: absolute(f.file, place),
      messages: f.diagnostics.map((d) => ({
        ruleId: d.ruleId,
        severity: d.severity === 'error' ? 2 : d.severity === 'warning' ? 1 : 0,
        message: formatMessage(d.ruleId, d.args, lang),
        line: d.line,
        column: d.column,
        nodeType: null,
        ...(d.endLine !== undefined && d.endColumn !== undefined ? { endLine: d.endLine, endColumn: d.endColumn } : {}),
        ...(d.severity === 'error' && fatalRules.has(d.ruleId) ? { fatal: true } : {}),
      })),
      suppressedMessages: [],
      errorCount: count('error'),
      fatalErrorCount: f.diagnostics.filter((d) => d.severity === 'error' && fatalRules.has(d.ruleId)).length,
      warningCount: count('warning'),
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    };
  });
  return JSON.stringify(results, null, 2) + '\n';
}

function absolute(file: string, place: ReportPlace | undefined): string {
  return place ? path.resolve(place.cwd, file) : path.resolve(file);
}

const sarifLevel: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 for code-scanning uploads: one rule per catalogue id (in catalogue order, so
 * a rule's index is the same in every report), each linking to its section of
 * docs/rules.md; locations relative to the project root under `%SRCROOT%`. Columns count
 * UTF-16 code units, as plangen's do, and an end column is the one after the last character.
 */
function sarif(files: readonly FileReport[], lang: Lang, place: ReportPlace | undefined): string {
  const ids = Object.keys(catalogue) as RuleId[];
  const index = new Map(ids.map((id, i) => [id as string, i]));
  const rules = ids.map((id) => ({
    id,
    shortDescription: { text: ruleSummary(id) },
    helpUri: ruleHelpUri(id),
    defaultConfiguration: { level: sarifLevel[catalogue[id].severity] },
  }));
  const root = place ? path.resolve(place.cwd, place.root ?? place.cwd) : path.resolve();
  const results = files.flatMap((f) =>
    f.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      ...(index.has(d.ruleId) ? { ruleIndex: index.get(d.ruleId) } : {}),
      level: sarifLevel[d.severity],
      message: { text: formatMessage(d.ruleId, d.args, lang) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(absolute(f.file, place), root),
            region: {
              startLine: d.line,
              startColumn: d.column,
              ...(d.endLine !== undefined && d.endColumn !== undefined ? { endLine: d.endLine, endColumn: d.endColumn } : {}),
            },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'plangen', version, informationUri: rulesDocUrl, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** A file's path from the project root when inside it, else as shown. */
function fromRoot(file: string, place: ReportPlace | undefined): string {
  if (!place?.root) return file;
  const rel = path.relative(path.resolve(place.cwd, place.root), path.resolve(place.cwd, file));
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

/** A file inside the project by its path from the root; one outside it by its file: URL. */
function artifactLocation(abs: string, root: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(root, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** A rule's English wording with its blanks shown as "…": what the rule is about, in one line. */
export function ruleSummary(id: RuleId): string {
  return catalogue[id].en.replace(/\[\[.*?\]\]/g, '').replace(/\{~?\w+\}/g, '…');
}

/**
 * GitHub Actions workflow commands: one annotation per diagnostic, its end where known. GitHub
 * places an annotation by its path from the repository root, so a run from a subfolder
 * (`working-directory:`) names files from the project root as well.
 */
function github(files: readonly FileReport[], lang: Lang, place: ReportPlace | undefined): string {
  // The runner's log is a terminal too; its own escapes cover only % CR LF.
  const esc = (s: string) => terminalSafe(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escProp = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const lines: string[] = [];
  for (const f of files) {
    for (const d of f.diagnostics) {
      const kind = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const end = d.endLine !== undefined && d.endColumn !== undefined ? `,endLine=${d.endLine},endColumn=${d.endColumn}` : '';
      lines.push(
        `::${kind} file=${escProp(fromRoot(f.file, place))},line=${d.line},col=${d.column}${end},title=${escProp(d.ruleId)}::${esc(formatMessage(d.ruleId, d.args, lang))}`,
      );
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** What a run did, for the GitHub job summary. */
export interface RunFacts {
  readonly command: 'check' | 'build';
  /** Plans looked at. */
  readonly plans: number;
  /** (build) plans whose requested documents were all written. */
  readonly built?: number;
}

/**
 * The Markdown a GitHub job summary shows for a run: plans checked or documents built,
 * then the problems counted by rule id, errors first, each id linking to its documentation.
 * Every word from the catalogue.
 */
export function formatSummary(files: readonly FileReport[], facts: RunFacts, lang: Lang): string {
  const t = (key: Parameters<typeof formatReportText>[0], args: Readonly<Record<string, string | number>> = {}) => formatReportText(key, args, lang);
  const all = byFile(files).flatMap((f) => f.diagnostics.filter((d) => d.severity !== 'info'));
  const errors = all.filter((d) => d.severity === 'error').length;
  const counts = new Map<string, { severity: Severity; count: number; files: Set<string> }>();
  for (const d of all) {
    const key = `${d.severity}\u0000${d.ruleId}`;
    const c = counts.get(key) ?? { severity: d.severity, count: 0, files: new Set<string>() };
    c.count++;
    c.files.add(d.file);
    counts.set(key, c);
  }
  const out = [`## ${t(facts.command === 'build' ? 'summary-title-build' : 'summary-title-check')}`, ''];
  out.push(
    facts.command === 'build' ? t('summary-built', { built: facts.built ?? 0, plans: facts.plans }) : t('summary-checked', { plans: facts.plans }),
    '',
  );
  if (all.length === 0) {
    out.push(t('summary-clean'), '');
    return out.join('\n') + '\n';
  }
  out.push(t('summary-problems', { count: all.length, errors, warnings: all.length - errors }), '');
  out.push(`| ${t('summary-rule')} | ${t('summary-severity')} | ${t('summary-count')} | ${t('summary-files')} |`, '| --- | --- | ---: | ---: |');
  const rows = [...counts.entries()].sort(([ka, a], [kb, b]) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || b.count - a.count || (ka < kb ? -1 : ka > kb ? 1 : 0));
  for (const [key, c] of rows) {
    const id = key.split('\u0000')[1] ?? '';
    const name = id in catalogue ? `[\`${id}\`](${ruleHelpUri(id)})` : `\`${id}\``;
    out.push(`| ${name} | ${severityWord(c.severity, lang)} | ${c.count} | ${c.files.size} |`);
  }
  return out.join('\n') + '\n\n';
}

function severityWord(severity: Diagnostic['severity'], lang: Lang): string {
  return formatReportText(severity === 'error' ? 'severity-error' : severity === 'warning' ? 'severity-warning' : 'severity-info', {}, lang);
}

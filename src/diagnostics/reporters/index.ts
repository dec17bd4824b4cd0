import { compareDiagnostics, type Diagnostic } from '../diagnostic.js';
import { formatMessage, type Lang } from '../catalogue.js';
import { terminalSafe } from '../../util/characters.js';

/** What a reporter is given: every file that was looked at, with its diagnostics. */
export interface FileReport {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
}

export type ReporterName = 'stylish' | 'json' | 'github';
export const reporterNames: readonly ReporterName[] = ['stylish', 'json', 'github'];

export function formatReport(name: ReporterName, files: readonly FileReport[], lang: Lang): string {
  const sorted = sortReports(files);
  if (name === 'json') return json(sorted, lang);
  if (name === 'github') return github(sorted, lang);
  return stylish(sorted, lang);
}

function sortReports(files: readonly FileReport[]): FileReport[] {
  return [...files]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map((f) => ({ file: f.file, diagnostics: unique([...f.diagnostics].sort(compareDiagnostics)) }));
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
    // Diagnostics from templates or attachments are grouped under their own file.
    const groups = new Map<string, Diagnostic[]>();
    for (const d of f.diagnostics) {
      const g = groups.get(d.file) ?? [];
      g.push(d);
      groups.set(d.file, g);
    }
    for (const [file, list] of groups) {
      out.push(file);
      for (const d of list) {
        if (d.severity === 'error') errors++;
        else if (d.severity === 'warning') warnings++;
        out.push(`  ${file}:${d.line}:${d.column}  ${severityWord(d.severity, lang)}  ${formatMessage(d.ruleId, d.args, lang)}  ${d.ruleId}`);
      }
      out.push('');
    }
  }
  // Info notes alone (check --verbose on a clean plan) are listed without a problem count.
  if (errors + warnings === 0) return out.length > 0 ? out.join('\n') + '\n' : '';
  out.push(
    lang === 'zh'
      ? `✖ ${errors + warnings} 个问题（${errors} 个错误，${warnings} 个警告）`
      : `✖ ${errors + warnings} problem${errors + warnings === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`,
  );
  // File names and quoted plan text reach the terminal: an ESC sequence in them must not.
  return terminalSafe(out.join('\n')) + '\n';
}

/** ESLint's JSON formatter shape (filePath, messages[], errorCount, warningCount). */
function json(files: readonly FileReport[], lang: Lang): string {
  const results = files.map((f) => ({
    filePath: f.file,
    messages: f.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      // ESLint's numbers: 2 error, 1 warning; 0 (its "off") for an info note.
      severity: d.severity === 'error' ? 2 : d.severity === 'warning' ? 1 : 0,
      message: formatMessage(d.ruleId, d.args, lang),
      file: d.file,
      line: d.line,
      column: d.column,
      ...(d.endLine !== undefined ? { endLine: d.endLine, endColumn: d.endColumn } : {}),
    })),
    errorCount: f.diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: f.diagnostics.filter((d) => d.severity === 'warning').length,
  }));
  return JSON.stringify(results, null, 2) + '\n';
}

/** GitHub Actions workflow commands: one annotation per diagnostic. */
function github(files: readonly FileReport[], lang: Lang): string {
  // The runner's log is a terminal too; its own escapes cover only % CR LF.
  const esc = (s: string) => terminalSafe(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escProp = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const lines: string[] = [];
  for (const f of files) {
    for (const d of f.diagnostics) {
      const kind = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      lines.push(
        `::${kind} file=${escProp(d.file)},line=${d.line},col=${d.column},title=${escProp(d.ruleId)}::${esc(formatMessage(d.ruleId, d.args, lang))}`,
      );
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

function severityWord(severity: Diagnostic['severity'], lang: Lang): string {
  if (severity === 'error') return lang === 'zh' ? '错误' : 'error';
  if (severity === 'warning') return lang === 'zh' ? '警告' : 'warning';
  return lang === 'zh' ? '提示' : 'info';
}

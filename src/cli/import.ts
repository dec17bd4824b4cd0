import * as path from 'node:path';
import { displayPath, pathExists, readStdin, resolveFrom, type Io } from '../io/io.js';
import { problemDiagnostic, readContained, sizeLimits, trusted } from '../io/contain.js';
import { writeFileAtomic } from '../io/write.js';
import { diagnostic } from '../diagnostics/report.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatReport, type FileReport } from '../diagnostics/reporters/index.js';
import { decodeBytes } from '../read/read-file.js';
import { checkFile, checkSource } from '../pipeline.js';
import { makeSource } from '../read/source.js';
import { exitCodeFor, printReport, type ReportOptions } from './output.js';
import { importMarkdown, sourceMarkdown, type SourceKind } from '../import/index.js';
import { configureRun, type ConfigFlags } from '../config/run.js';
import { allowedFolders } from './files.js';

export interface ImportOptions extends ReportOptions {
  readonly output?: string;
  readonly force: boolean;
}

/** Standard input, injectable for tests. */
export type ImportIo = Io;

/**
 * `plangen import FILE [-o plan.md] [--force]`: read a DOCX or pasted text, write a plan
 * with what was recognised in its front matter, then check it. Prints what was taken
 * (field, value, where) and how much stayed text. The plan goes beside the source
 * (`方案.docx` → `方案.md`) unless `-o` says otherwise; `-o -`, and standard input
 * without `-o`, print it instead. An existing file is never overwritten without --force.
 */
export async function runImport(input: string, given: ImportOptions & ConfigFlags, io: ImportIo): Promise<number> {
  const fromStdin = input === '-';
  const kind = fromStdin ? undefined : kindOf(input);
  const shown = fromStdin ? '<stdin>' : input;
  const toStdout = given.output === '-' || (fromStdin && given.output === undefined);
  const target = toStdout ? undefined : resolveFrom(io, given.output ?? defaultOutput(input));
  // The new plan is checked as `plangen check` would check it where it lands: the config
  // files of its folder (rule levels, allowed folders, lang) apply. A broken config stops
  // the import before anything is written, as it stops check and build.
  const allowed = allowedFolders(given.allowRead, io);
  const landing = target ?? resolveFrom(io, 'stdin.md');
  const configured = await configureRun([landing], [{ abs: landing, shown: target ? displayPath(io, target) : '<stdout>' }], given, allowed.folders, io);
  if (!configured.ok) return configured.code;
  const opts = { ...given, lang: configured.lang };
  const checkWith = configured.plans[0]?.check ?? {};
  const fail = (d: Diagnostic) => {
    printReport(io, [{ file: d.file, diagnostics: [d] }], opts);
    return 2;
  };
  if (allowed.diagnostics[0]) return fail(allowed.diagnostics[0]);
  if (!fromStdin && !kind) return fail(diagnostic(input, 1, 1, 'import-kind', { path: input }));
  let bytes: Uint8Array;
  if (fromStdin) {
    bytes = await readStdin(io, sizeLimits.import);
    if (bytes.length > sizeLimits.import) return fail(problemDiagnostic({ problem: 'too-large', size: bytes.length }, 'import', { file: shown, line: 1, column: 1 }, shown, 'file-not-found'));
  } else {
    // Read as a plan is: never more than the cap, and a FIFO or device is refused, not waited on.
    const read = await readContained(resolveFrom(io, input), 'import', trusted);
    if (!read.ok) return fail(problemDiagnostic(read, 'import', { file: shown, line: 1, column: 1 }, shown, 'file-not-found'));
    bytes = read.bytes;
  }
  // A DOCX is a zip: standard input is told apart by its first bytes.
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const sourceKind: SourceKind = kind ?? (isZip ? 'docx' : 'text');
  if (sourceKind === 'docx' && !isZip) return fail(diagnostic(shown, 1, 1, 'import-docx-unreadable', { path: shown }));
  let text: string | undefined;
  const readDiagnostics: Diagnostic[] = [];
  if (sourceKind === 'text') {
    const read = decodeBytes(bytes, shown);
    if (!read.ok) return fail(read.diagnostics[0]!);
    text = read.source.text;
    readDiagnostics.push(...read.diagnostics);
  }
  let markdown: { markdown: string; images: number };
  try {
    markdown = await sourceMarkdown(bytes, sourceKind, text);
  } catch {
    return fail(diagnostic(shown, 1, 1, 'import-docx-unreadable', { path: shown }));
  }

  const stem = target ? path.basename(target, path.extname(target)) : '';
  const imported = importMarkdown(markdown.markdown, shown, sourceKind, markdown.images, (n) => (target ? `${stem}-附件${n}.md` : undefined));

  const report: Diagnostic[] = [...readDiagnostics, ...imported.report];
  const sourceReport: FileReport = { file: shown, diagnostics: report };
  // The plan itself may go to stdout: the report then goes to stderr.
  const out = toStdout ? io.stderr : io.stdout;
  const show = (files: FileReport[]) => {
    const kept = files.map((f) => ({ file: f.file, diagnostics: f.diagnostics.filter((d) => !opts.quiet || d.severity === 'error') }));
    // What was taken, then the check of the plan: the reporter would sort the plan first.
    const parts = opts.format === 'stylish' ? kept.map((f) => [f]) : [kept];
    for (const p of parts) {
      const s = formatReport(opts.format, p, opts.lang);
      if (s) out.write(s);
    }
  };

  if (!target) {
    io.stdout.write(imported.text);
    const checked = checkSource(makeSource('<stdout>', imported.text), landing, { planDir: io.cwd, fileExists: () => false }, checkWith.ruleLevels ? { ruleLevels: checkWith.ruleLevels } : {});
    const files = [sourceReport, { file: '<stdout>', diagnostics: checked.diagnostics }];
    show(files);
    return exitCodeFor(files.slice(1), opts.maxWarnings);
  }

  const writes = [{ abs: target, text: imported.text }, ...imported.attachmentFiles.map((a) => ({ abs: path.join(path.dirname(target), a.name), text: a.text }))];
  if (!opts.force) {
    for (const w of writes) {
      if (await pathExists(w.abs)) return fail(diagnostic(shown, 1, 1, 'import-output-exists', { path: displayPath(io, w.abs) }));
    }
  }
  // Attachment files first, so the plan that names them never points at nothing.
  for (const w of writes.slice(1).concat(writes.slice(0, 1))) {
    const written = await writeFileAtomic(w.abs, new TextEncoder().encode(w.text));
    if (!written.ok) return fail(diagnostic(displayPath(io, w.abs), 1, 1, written.locked ? 'output-locked' : 'output-failed', { path: displayPath(io, w.abs), reason: written.reason }));
    report.push(diagnostic(shown, 1, 1, 'import-written', { path: displayPath(io, w.abs) }));
  }
  const planShown = displayPath(io, target);
  const checked = await checkFile(target, planShown, checkWith);
  const files = [sourceReport, { file: planShown, diagnostics: checked.diagnostics }];
  show(files);
  return exitCodeFor(files.slice(1), opts.maxWarnings);
}

function kindOf(file: string): SourceKind | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.docx') return 'docx';
  if (ext === '.txt' || ext === '.md' || ext === '.markdown') return 'text';
  return undefined;
}

/** `方案.docx` → `方案.md`; a Markdown source is never its own output: `稿子.md` → `稿子.plan.md`. */
function defaultOutput(input: string): string {
  const ext = path.extname(input);
  const base = input.slice(0, input.length - ext.length);
  return ext.toLowerCase() === '.md' || ext.toLowerCase() === '.markdown' ? `${base}.plan.md` : `${base}.md`;
}

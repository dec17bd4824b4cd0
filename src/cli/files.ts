import { constants, promises as fsp, statSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/report.js';
import { accessFor, accessTo, inspectPath, isInside, problemDiagnostic, projectRootOf, type Access } from '../io/contain.js';
import { glob, isDynamicPattern } from 'tinyglobby';
import { displayPath, resolveFrom, type Io } from '../io/io.js';

export interface PlanFile {
  readonly abs: string;
  readonly shown: string;
  /**
   * The folder `--out-dir` mirrors from: the folder argument, the static part of a glob
   * (`plans` for `plans/**\/*.md`), or the working folder for plans named one by one.
   */
  readonly base: string;
  /** Read from standard input (`-`): `abs` stands for a file in the working folder, so its project is the working folder's. */
  readonly stdin?: boolean;
}

/** How `-` is shown in messages. */
export const stdinName = '<stdin>';

export interface CollectedPlans {
  readonly files: PlanFile[];
  /** The run cannot go on as asked (an argument that does not exist): exit 2. */
  readonly diagnostics: Diagnostic[];
  /** Files in a scanned folder that may not be read (a link out of the project): problems in the documents. */
  readonly refused: Diagnostic[];
}

/**
 * Expand the command's arguments into plan files: `-` (standard input), quoted patterns
 * (expanded here with the rules of a folder scan; a pattern never yields a link), files as given (the user named them, so
 * they are trusted wherever they lie, unless the name is a link in a project that leads out
 * of it or into `.git`: a shell pattern such as `plans/*.md` names links nobody typed); folders walked for `*.md` files that start with
 * front matter (so READMEs and attachment texts are passed over), sorted by path, skipping
 * `node_modules` and hidden folders. A scan never follows a link to a folder (`root -> /`
 * would walk the whole disk) and skips anything but regular files; a linked `.md` file is
 * taken only when it resolves inside the project, and refused otherwise. `exclude` patterns
 * drop matching files, whichever way they were found.
 */
export async function collectPlanFiles(args: readonly string[], io: Io, allowRead: readonly string[] = [], exclude: readonly string[] = []): Promise<CollectedPlans> {
  const files: PlanFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const refused: Diagnostic[] = [];
  const seen = new Set<string>();
  const excluded = await excludedFiles(exclude, io);
  const add = (abs: string, base: string) => {
    if (seen.has(abs) || excluded.has(abs)) return;
    seen.add(abs);
    files.push({ abs, shown: displayPath(io, abs), base });
  };
  for (const arg of args) {
    if (arg === '-') {
      const abs = path.join(io.cwd, stdinName);
      if (!seen.has(abs)) files.push({ abs, shown: stdinName, base: io.cwd, stdin: true });
      seen.add(abs);
      continue;
    }
    const abs = resolveFrom(io, arg);
    let isDir = false;
    try {
      isDir = (await fsp.stat(abs)).isDirectory();
    } catch {
      // Not a path: a quoted pattern (Windows shells pass `plans/**/*.md` as typed), else a mistake.
      if (isDynamicPattern(arg)) {
        const base = resolveFrom(io, staticBase(arg));
        const found = await expandGlob(arg, base, allowRead, refused, io);
        if (found.length > 0) {
          found.forEach((f) => add(f, base));
          continue;
        }
      }
      diagnostics.push(diagnostic(arg, 1, 1, 'file-not-found', { path: arg }));
      continue;
    }
    if (!isDir) {
      const refusal = linkRefusal(abs, allowRead, io);
      if (refusal) refused.push(refusal);
      else add(abs, io.cwd);
      continue;
    }
    const found: string[] = [];
    await walk(abs, accessFor(abs, allowRead), found, refused, io);
    found.sort();
    found.forEach((f) => add(f, abs));
  }
  return { files, diagnostics, refused };
}

/** `\` separates folders in a pattern typed on Windows; elsewhere it escapes a wildcard. */
function slashes(pattern: string): string {
  return path.sep === '\\' ? pattern.replace(/\\/g, '/') : pattern;
}

/** The leading folders of a pattern, before its first wildcard: what `--out-dir` mirrors from. */
export function staticBase(pattern: string): string {
  const parts = slashes(pattern).split('/');
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (isDynamicPattern(part)) break;
    fixed.push(part);
  }
  return fixed.length === 0 ? '.' : fixed.join('/') || '/';
}

/**
 * A pattern's matches, held to the rules of a folder scan: links to folders are not
 * followed, only `.md` files that start with front matter count, and a linked file is
 * taken only when it resolves inside the project.
 */
async function expandGlob(pattern: string, base: string, allowRead: readonly string[], refused: Diagnostic[], io: Io): Promise<string[]> {
  let matches: string[];
  try {
    matches = await glob(slashes(pattern), { cwd: io.cwd, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false, expandDirectories: false, ignore: ['**/node_modules/**'] });
  } catch {
    return [];
  }
  const found: string[] = [];
  const access = accessFor(base, allowRead);
  for (const m of matches.map((x) => path.resolve(x)).sort()) {
    await consider(m, path.basename(m), access, found, refused, io);
  }
  return found;
}

/**
 * Files `--exclude` patterns name, matched from the working folder the way `.gitignore`
 * lines are: a pattern without a slash matches that name at any depth, and a folder
 * excludes everything in it.
 */
async function excludedFiles(patterns: readonly string[], io: Io): Promise<Set<string>> {
  if (patterns.length === 0) return new Set();
  const expanded = patterns.flatMap((raw) => {
    const p = slashes(raw).replace(/^\.\//, '').replace(/\/+$/, '');
    if (p === '') return [];
    const anchored = p.includes('/') ? p.replace(/^\//, '') : `**/${p}`;
    return [anchored, `${anchored}/**`];
  });
  const list = await glob(expanded, { cwd: io.cwd, absolute: true, onlyFiles: true, dot: true, followSymbolicLinks: false, expandDirectories: false, ignore: ['**/node_modules/**', '**/.git/**'] }).catch(() => []);
  return new Set(list.map((x) => path.resolve(x)));
}

/** Why a plan named on the command line is not read: a link inside its project that leads out. */
function linkRefusal(abs: string, allowRead: readonly string[], io: Io): Diagnostic | undefined {
  const root = projectRootOf(path.dirname(abs));
  // A path outside any project as typed is the user's explicit choice.
  if (!isInside(root, abs)) return undefined;
  const v = inspectPath(abs, 'plan', accessTo([root, ...allowRead]));
  if (v.ok || (v.problem !== 'symlink-outside' && v.problem !== 'git-internal')) return undefined;
  const shown = displayPath(io, abs);
  return problemDiagnostic(v, 'plan', { file: shown, line: 1, column: 1 }, shown, 'file-not-found');
}

async function walk(dir: string, access: Access, found: string[], refused: Diagnostic[], io: Io): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return; // an unreadable subfolder holds no plans we can check
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const file = path.join(dir, e.name);
    if (e.isDirectory()) await walk(file, access, found, refused, io);
    else await consider(file, e.name, access, found, refused, io);
  }
}

/** One file a scan or pattern came upon: taken, passed over, or refused. */
async function consider(file: string, name: string, access: Access, found: string[], refused: Diagnostic[], io: Io): Promise<void> {
  if (!name.endsWith('.md')) return;
  let st;
  try {
    st = await fsp.lstat(file);
  } catch {
    return;
  }
  if (st.isFile()) {
    if (await startsWithFrontMatter(file)) found.push(file);
  } else if (st.isSymbolicLink()) {
    const v = inspectPath(file, 'plan', access);
    const shown = displayPath(io, file);
    // A link to a folder is passed over like any folder link; a link out of the project is refused.
    if (v.ok) {
      if (await startsWithFrontMatter(v.real)) found.push(file);
    } else if (v.problem !== 'folder' && v.problem !== 'missing') {
      refused.push(problemDiagnostic(v, 'plan', { file: shown, line: 1, column: 1 }, shown, 'file-not-found'));
    }
  }
}

async function startsWithFrontMatter(file: string): Promise<boolean> {
  let handle: fsp.FileHandle | undefined;
  try {
    // Non-blocking, and checked on the handle: a file swapped for a FIFO must not hang the scan.
    handle = await fsp.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!(await handle.stat()).isFile()) return false;
    const buf = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buf, 0, 8, 0);
    const head = buf.subarray(0, bytesRead).toString('latin1').replace(/^\xef\xbb\xbf/, '');
    return head.startsWith('---');
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/** `--allow-read` folders, absolute; one that is not a folder stops the run (exit 2). */
export function allowedFolders(dirs: readonly string[] | undefined, io: Io): { folders: string[]; diagnostics: Diagnostic[] } {
  const folders: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const d of dirs ?? []) {
    const abs = resolveFrom(io, d);
    let ok = false;
    try {
      ok = statSync(abs).isDirectory();
    } catch {
      ok = false;
    }
    if (ok) folders.push(abs);
    else diagnostics.push(diagnostic(d, 1, 1, 'file-not-found', { path: d }));
  }
  return { folders, diagnostics };
}

import { constants, promises as fsp, type Dirent } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/report.js';
import { accessFor, accessTo, inspectPath, isInside, problemDiagnostic, projectRootOf, type Access } from '../io/contain.js';
import { displayPath, resolveFrom, type Io } from '../io/io.js';

export interface PlanFile {
  readonly abs: string;
  readonly shown: string;
}

export interface CollectedPlans {
  readonly files: PlanFile[];
  /** The run cannot go on as asked (an argument that does not exist): exit 2. */
  readonly diagnostics: Diagnostic[];
  /** Files in a scanned folder that may not be read (a link out of the project): problems in the documents. */
  readonly refused: Diagnostic[];
}

/**
 * Expand the command's arguments into plan files: files as given (the user named them, so
 * they are trusted wherever they lie, unless the name is a link in a project that leads out
 * of it or into `.git`: a shell pattern such as `plans/*.md` names links nobody typed); folders walked for `*.md` files that start with
 * front matter (so READMEs and attachment texts are passed over), sorted by path, skipping
 * `node_modules` and hidden folders. A scan never follows a link to a folder (`root -> /`
 * would walk the whole disk) and skips anything but regular files; a linked `.md` file is
 * taken only when it resolves inside the project, and refused otherwise.
 */
export async function collectPlanFiles(args: readonly string[], io: Io, allowRead: readonly string[] = []): Promise<CollectedPlans> {
  const files: PlanFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const refused: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ abs, shown: displayPath(io, abs) });
  };
  for (const arg of args) {
    const abs = resolveFrom(io, arg);
    let isDir = false;
    try {
      isDir = (await fsp.stat(abs)).isDirectory();
    } catch {
      diagnostics.push(diagnostic(arg, 1, 1, 'file-not-found', { path: arg }));
      continue;
    }
    if (!isDir) {
      const refusal = linkRefusal(abs, allowRead, io);
      if (refusal) refused.push(refusal);
      else add(abs);
      continue;
    }
    const found: string[] = [];
    await walk(abs, accessFor(abs, allowRead), found, refused, io);
    found.sort();
    found.forEach(add);
  }
  return { files, diagnostics, refused };
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
    else if (!e.name.endsWith('.md')) continue;
    else if (e.isFile()) {
      if (await startsWithFrontMatter(file)) found.push(file);
    } else if (e.isSymbolicLink()) {
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

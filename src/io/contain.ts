import { constants, promises as fsp, fstatSync, readlinkSync, realpathSync, statSync, existsSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/catalogue.js';
import { diagnostic } from '../diagnostics/report.js';
import { noteRead } from './reads.js';

/**
 * Containment: every file plangen reads because a plan or template names it goes through
 * here. Plans are built in CI from pull requests and templates come from other offices,
 * so what they reference is untrusted: a reference must resolve (symlinks included) inside
 * the project, never into `.git`, and only regular files of a sane size are opened —
 * a FIFO would block for ever and `/dev/zero` would fill the memory.
 */

/** What a file is read as; each kind has its own size cap. */
export type FileKind = 'plan' | 'attachment' | 'image' | 'template' | 'config' | 'import';

const MB = 1024 * 1024;

/**
 * Caps, about ten times the largest real file of each kind: plans and attachments are
 * text (the 5 MB read limit); a photo or scan in a plan is at most ~2 MB; template files
 * are a few KB.
 */
export const sizeLimits: Readonly<Record<FileKind, number>> = {
  plan: 5 * MB,
  attachment: 5 * MB,
  image: 20 * MB,
  template: 1 * MB,
  config: 1 * MB,
  // A Word file to import (`plangen import`): images make it larger than its text.
  import: 20 * MB,
};

/**
 * Where reads may go. `roots` are real (symlink-free) folders; an empty list means the
 * file was named by the user (a plan or `-t` folder on the command line) and is trusted
 * as to where it lies, though it must still be a regular file within the size cap.
 */
export interface Access {
  readonly roots: readonly string[];
  /**
   * The same folders as paths name them, before links are resolved: a project reached
   * through a linked folder (`~/work -> /data/work`) is still the project by name.
   */
  readonly named?: readonly string[];
}

/** Access to these folders (and below), by name and by real location. */
export function accessTo(folders: readonly string[]): Access {
  return { roots: unique(folders.map(realFolder)), named: unique(folders.map((f) => path.resolve(f))) };
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

export const trusted: Access = { roots: [] };

export type Problem =
  | 'missing'
  | 'outside'
  | 'symlink-outside'
  | 'git-internal'
  | 'folder'
  | 'special'
  | 'too-large'
  | 'unreadable';

export type Verdict =
  | { readonly ok: true; readonly real: string; readonly size: number; readonly folder: boolean }
  | { readonly ok: false; readonly problem: Problem; readonly size?: number; readonly reason?: string };

const rootMemo = new Map<string, string>();

/**
 * The project a folder belongs to: the nearest ancestor holding `.git` (a folder, or a
 * file in a worktree or submodule), found without running git; else the folder itself.
 */
export function projectRootOf(dir: string): string {
  const start = path.resolve(dir);
  const memo = rootMemo.get(start);
  if (memo !== undefined) return memo;
  let d = start;
  let found = start;
  for (;;) {
    if (existsSync(path.join(d, '.git'))) {
      found = d;
      break;
    }
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  rootMemo.set(start, found);
  return found;
}

/** Real path of a folder, or the path as given when it does not exist yet. */
export function realFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/**
 * The access of a plan in `planDir`: its project (found from the folder's real path) and
 * the folders the user allowed with `--allow-read` (already absolute).
 */
export function accessFor(planDir: string, allowRead: readonly string[] = []): Access {
  const project = projectRootOf(realFolder(planDir));
  const byName = projectRootOf(path.resolve(planDir));
  const others = accessTo(allowRead);
  // The project by name counts only when it is the same folder (not a link into another project).
  const named = realFolder(byName) === project ? [byName] : [];
  return { roots: unique([project, ...others.roots]), named: unique([...named, project, ...(others.named ?? [])]) };
}

/** `access` with more folders. */
export function widen(access: Access, folders: readonly string[]): Access {
  const more = accessTo(folders);
  return { roots: unique([...access.roots, ...more.roots]), named: unique([...(access.named ?? access.roots), ...(more.named ?? [])]) };
}

/** `p` is `root` or below it (both absolute and normalised). */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The root holding `p`, if any. */
function rootOf(access: Access, p: string): string | undefined {
  return access.roots.find((r) => isInside(r, p));
}

/** A path under a root that passes through a `.git` folder: the repository's own data (tokens live there). */
function inGitFolder(root: string, p: string): boolean {
  return path.relative(root, p).split(path.sep).includes('.git');
}

/**
 * Where `abs` leads and whether it may be read, from `stat` alone (nothing is opened, so
 * `check` can vet images and attachments without reading them). `abs` is the path as the
 * reference names it (joined to its folder, not yet resolved); `want` says whether a file
 * or a folder is expected.
 */
export function inspectPath(abs: string, kind: FileKind, access: Access, want: 'file' | 'folder' = 'file'): Verdict {
  const lexical = path.resolve(abs);
  const bounded = access.roots.length > 0;
  // Outside by its very name: refuse without touching the disk (not even to say whether it exists).
  if (bounded) {
    const root = rootOf({ roots: [...(access.named ?? []), ...access.roots] }, lexical);
    if (!root) return { ok: false, problem: 'outside' };
    if (inGitFolder(root, lexical)) return { ok: false, problem: 'git-internal' };
  }
  let real: string;
  let st: Stats;
  try {
    real = realpathSync(lexical);
    st = statSync(real);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, problem: 'missing' };
    return { ok: false, problem: 'unreadable', reason: code ?? String(e) };
  }
  if (bounded) {
    const root = rootOf(access, real);
    if (!root) return { ok: false, problem: 'symlink-outside' };
    if (inGitFolder(root, real)) return { ok: false, problem: 'git-internal' };
  }
  if (want === 'folder') return st.isDirectory() ? { ok: true, real, size: 0, folder: true } : { ok: false, problem: st.isFile() ? 'missing' : 'special' };
  if (st.isDirectory()) return { ok: false, problem: 'folder' };
  if (!st.isFile()) return { ok: false, problem: 'special' };
  if (st.size > sizeLimits[kind]) return { ok: false, problem: 'too-large', size: st.size };
  return { ok: true, real, size: st.size, folder: false };
}

export type ReadVerdict = { readonly ok: true; readonly bytes: Uint8Array; readonly real: string } | (Verdict & { readonly ok: false });

/**
 * Read a file after {@link inspectPath} allows it. The file is opened non-blocking and
 * without following a final symlink, then checked again on the open handle (a file swapped
 * for a FIFO or a link between the check and the open is caught), and never more than the
 * cap is read, whatever the file claims its size is. Where the open actually led is
 * checked too ({@link openedOutside}).
 */
export async function readContained(abs: string, kind: FileKind, access: Access): Promise<ReadVerdict> {
  const v = inspectPath(abs, kind, access);
  if (!v.ok) return v;
  const limit = sizeLimits[kind];
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(v.real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
    const escaped = openedOutside(handle.fd, v.real, access);
    if (escaped) return { ok: false, problem: escaped };
    const st = await handle.stat();
    if (!st.isFile()) return { ok: false, problem: st.isDirectory() ? 'folder' : 'special' };
    if (st.size > limit) return { ok: false, problem: 'too-large', size: st.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // One read of the stated size plus a byte shows whether the file grew since the stat.
      const buf = Buffer.allocUnsafe(Math.min(total === 0 ? st.size + 1 : 64 * 1024, limit + 1 - total));
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) return { ok: false, problem: 'too-large', size: total };
    }
    const bytes = new Uint8Array(Buffer.concat(chunks, total));
    noteRead(v.real, bytes);
    return { ok: true, bytes, real: v.real };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, problem: 'missing' };
    if (code === 'ELOOP') return { ok: false, problem: 'symlink-outside' };
    return { ok: false, problem: 'unreadable', reason: code ?? String(e) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Whether the file open as `fd` lies outside `access`, although `checked` (its real path
 * when {@link inspectPath} allowed it) did not. O_NOFOLLOW guards only the last part of the
 * path: a folder above it swapped for a link between the check and the open leads the open
 * elsewhere. On Linux `/proc/self/fd` names the file actually opened; where there is no
 * such folder (`procFd` lets a test take it away), the checked path must still be free of
 * links and name the very file open (same device and inode).
 */
export function openedOutside(fd: number, checked: string, access: Access, procFd = '/proc/self/fd'): 'symlink-outside' | 'git-internal' | undefined {
  if (access.roots.length === 0) return undefined;
  let opened: string | undefined;
  try {
    opened = readlinkSync(path.join(procFd, String(fd)));
  } catch {
    opened = undefined;
  }
  if (opened !== undefined && path.isAbsolute(opened)) {
    const root = rootOf(access, opened);
    if (!root) return 'symlink-outside';
    return inGitFolder(root, opened) ? 'git-internal' : undefined;
  }
  try {
    const now = statSync(checked);
    const held = fstatSync(fd);
    return realpathSync(checked) === checked && now.dev === held.dev && now.ino === held.ino ? undefined : 'symlink-outside';
  } catch {
    return 'symlink-outside';
  }
}

const tooLarge: Readonly<Record<FileKind, RuleId>> = {
  plan: 'file-too-large',
  attachment: 'attachment-too-large',
  image: 'image-too-large',
  template: 'template-file-too-large',
  config: 'file-too-large',
  import: 'file-too-large',
};

/**
 * The diagnostic for a refused reference, at the place that names it. `ref` is the
 * reference as written; `missing` is the caller's own id for a file that is not there.
 */
export function problemDiagnostic(
  v: { readonly problem: Problem; readonly size?: number; readonly reason?: string },
  kind: FileKind,
  at: { readonly file: string; readonly line: number; readonly column: number },
  ref: string,
  missing: RuleId,
): Diagnostic {
  const d = (id: RuleId, args: Record<string, string | number> = {}) => diagnostic(at.file, at.line, at.column, id, { path: ref, ...args });
  switch (v.problem) {
    case 'missing':
      return d(missing, kind === 'template' ? { name: ref } : {});
    case 'outside':
      return d('path-outside-project');
    case 'symlink-outside':
      return d('symlink-outside');
    case 'git-internal':
      return d('path-git-internal');
    case 'folder':
      return d('path-is-folder');
    case 'special':
      return d('not-a-regular-file');
    case 'too-large':
      return d(tooLarge[kind], { size: megabytes(v.size ?? 0), limit: megabytes(sizeLimits[kind]) });
    case 'unreadable':
      return d('file-unreadable', { reason: v.reason ?? '' });
  }
}

export function megabytes(n: number): string {
  return `${(n / MB).toFixed(1)} MB`;
}

/**
 * Whether writing `target` (an output of the plan at `planAbs`) would land outside the
 * plan's project although its path, as written, lies inside: a committed link such as
 * `out -> /elsewhere` on the way. A place outside the project as written was named by the
 * user on the command line (`-o`, `--out-dir`) and is theirs to choose.
 */
export function outputEscapes(target: string, planAbs: string): boolean {
  const root = projectRootOf(path.dirname(planAbs));
  const lexical = path.resolve(target);
  if (!isInside(root, lexical)) return false;
  // The deepest folder that exists already: the rest is created below it.
  let dir = path.dirname(lexical);
  for (;;) {
    try {
      const real = realpathSync(dir);
      return !isInside(realFolder(root), real);
    } catch {
      const up = path.dirname(dir);
      if (up === dir) return false;
      dir = up;
    }
  }
}

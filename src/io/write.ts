import { promises as fsp, constants, rmSync } from 'node:fs';
import * as path from 'node:path';
import { cleanUpIfStopped } from './cleanup.js';

export type WriteResult = { readonly ok: true } | { readonly ok: false; readonly locked: boolean; readonly reason: string };

/**
 * The one place plangen writes an output file. The bytes go to a temporary file in the
 * same folder (created exclusively), are flushed to disk, then renamed over the target,
 * so a reader never sees a half-written file and a failure leaves the old file as it was.
 * The old file's mode is kept. A link at the target (a committed `plan.docx -> /elsewhere`)
 * is replaced by the new file, never written through: rename swaps the link itself.
 */
export async function writeFileAtomic(target: string, data: Uint8Array): Promise<WriteResult> {
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let mode: number | undefined;
  try {
    const st = await fsp.lstat(target);
    mode = st.isSymbolicLink() ? undefined : st.mode & 0o777;
  } catch {
    mode = undefined;
  }
  // A target opened for writing elsewhere (Word on Windows locks it) cannot be replaced.
  const locked = await isLocked(target);
  if (locked) return { ok: false, locked: true, reason: 'locked' };
  let handle: fsp.FileHandle | undefined;
  // Stopped between creating the temporary file and renaming it, plangen removes it.
  const forget = cleanUpIfStopped(() => rmSync(tmp, { force: true }));
  try {
    await makeFolders(dir);
    await removeStaleTemps(dir);
    handle = await fsp.open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, mode ?? 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fsp.rename(tmp, target);
    return { ok: true };
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    const err = e as NodeJS.ErrnoException;
    const isLock = err.code === 'EBUSY' || err.code === 'EPERM' || err.code === 'EACCES';
    return { ok: false, locked: isLock && err.code !== 'EACCES', reason: err.code ?? err.message };
  } finally {
    forget();
  }
}

/**
 * `mkdir -p`, one level at a time from the nearest folder that exists. Node 20's own
 * recursive mkdir never settles for some impossible paths (measured: anything below a
 * missing name under /proc), which would hang a run; made this way, each step either makes
 * a folder or fails with its error code.
 */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    try {
      const st = await fsp.stat(at);
      if (!st.isDirectory()) throw Object.assign(new Error(`not a folder: ${at}`), { code: 'ENOTDIR' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      const up = path.dirname(at);
      if (up === at) throw e;
      missing.push(at);
      at = up;
    }
  }
  for (const d of missing.reverse()) {
    try {
      await fsp.mkdir(d);
    } catch (e) {
      // Made meanwhile by another run: fine if it is a folder.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !(await fsp.stat(d)).isDirectory()) throw e;
    }
  }
}

/**
 * `.plan.docx.12345.lq3k8x.tmp`: the target's name, the writer's pid and a base-36 time.
 * Only targets of the kinds plangen writes (documents, the plans and template files of
 * init and eject, and the plan worker's code cache), so another program's temporary files
 * are never taken for ours.
 */
const TEMP_NAME = /^\.(.+\.(?:docx|pdf|md|hbs|yaml|v8cache))\.(\d+)\.([0-9a-z]+)\.tmp$/;

/** Folders already swept in this run. */
const swept = new Set<string>();

/**
 * Remove temporary files an earlier plangen left in `dir` when it was killed outright (no
 * chance to clean up). Only files of plangen's own pattern are touched, and only those
 * made before this run started by a process that no longer runs: a build running at the
 * same time in the same folder keeps its file.
 */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  if (swept.has(dir)) return [];
  swept.add(dir);
  const started = Date.now() - process.uptime() * 1000;
  const removed: string[] = [];
  const entries = await fsp.readdir(dir).catch(() => [] as string[]);
  for (const name of entries) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || isRunning(pid)) continue;
    const file = path.join(dir, name);
    const st = await fsp.lstat(file).catch(() => undefined);
    if (!st?.isFile() || st.mtimeMs >= started) continue;
    await fsp.rm(file, { force: true }).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}

/** Whether process `pid` still runs (as any user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Word leaves `~$name.docx` beside a document it has open; Windows also refuses to open it. */
async function isLocked(target: string): Promise<boolean> {
  const owner = path.join(path.dirname(target), '~$' + path.basename(target).slice(2));
  const owner2 = path.join(path.dirname(target), '~$' + path.basename(target));
  for (const p of [owner, owner2]) {
    try {
      await fsp.access(p);
      return true;
    } catch {
      // no lock file
    }
  }
  return false;
}

/**
 * Add text to the end of a file another program owns and reads as it grows (GitHub's job
 * summary, `$GITHUB_STEP_SUMMARY`): appended, never replaced, so earlier steps' text stays.
 */
export async function appendText(target: string, text: string): Promise<WriteResult> {
  try {
    await fsp.appendFile(target, text, 'utf8');
    return { ok: true };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ok: false, locked: err.code === 'EBUSY', reason: err.code ?? err.message };
  }
}

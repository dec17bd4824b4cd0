import { promises as fsp, constants } from 'node:fs';
import * as path from 'node:path';

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
  try {
    await fsp.mkdir(dir, { recursive: true });
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

import { execFile } from 'node:child_process';
import * as path from 'node:path';

/** What git answered, or why it could not (`detail` is git's own first line, in git's words). */
export type GitResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: 'no-git' | 'not-a-repo' | 'failed'; readonly detail: string };

/** A local `git show` takes milliseconds; one that hangs (a lock, a network file system) is given up. */
const GIT_TIMEOUT = 60_000;

/** 20 MB: a plan is 5 MB at most; what git prints beyond that is not a plan. */
const MAX_OUTPUT = 20 * 1024 * 1024;

/**
 * Run git without a shell (a revision or path is never interpreted by one), in `cwd`.
 * Output comes back as bytes so a plan saved as GBK is decoded like a file on disk.
 */
function git(cwd: string, args: readonly string[]): Promise<GitResult<Buffer>> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'buffer', maxBuffer: MAX_OUTPUT, timeout: GIT_TIMEOUT, windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } }, (err, stdout, stderr) => {
      if (!err) return resolve({ ok: true, value: stdout });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return resolve({ ok: false, problem: 'no-git', detail: 'git' });
      const detail = firstLine(stderr.toString('utf8')) || err.message;
      resolve({ ok: false, problem: /not a git repository/i.test(detail) ? 'not-a-repo' : 'failed', detail });
    });
  });
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').replace(/^fatal:\s*/, '').trim();
}

/** A plan file as it was at a revision: `git show REV:path`, the path taken from the repository's root. */
export async function showAtRevision(fileAbs: string, rev: string): Promise<GitResult<Uint8Array>> {
  const dir = path.dirname(fileAbs);
  const top = await git(dir, ['rev-parse', '--show-toplevel']);
  if (!top.ok) return top;
  const root = top.value.toString('utf8').trim();
  const rel = path.relative(root, fileAbs).split(path.sep).join('/');
  // git show reads `-x` as an option whatever follows it; a revision never starts with one.
  if (rev.startsWith('-')) return { ok: false, problem: 'failed', detail: `invalid revision '${rev}'` };
  const shown = await git(root, ['show', `${rev}:${rel}`]);
  return shown.ok ? { ok: true, value: new Uint8Array(shown.value) } : shown;
}

/** Author name and date (ISO 8601, UTC) of the commit a revision names. */
export async function commitStamp(fileAbs: string, rev: string): Promise<GitResult<{ author: string; date: string }>> {
  if (rev.startsWith('-')) return { ok: false, problem: 'failed', detail: `invalid revision '${rev}'` };
  const r = await git(path.dirname(fileAbs), ['log', '-1', '--format=%an%x00%at', rev, '--']);
  if (!r.ok) return r;
  const [author = '', seconds = '0'] = r.value.toString('utf8').trim().split('\u0000');
  return { ok: true, value: { author, date: new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') } };
}

import { spawn } from 'node:child_process';

/**
 * Ends LibreOffice and removes the run's private folder if plangen dies without a chance to
 * do it (SIGKILL, an out-of-memory kill). Node cannot ask the kernel to signal a child when
 * its parent dies (Linux's prctl PDEATHSIG), so a tiny shell waits on a pipe from plangen:
 * the kernel closes the pipe when plangen ends, however it ends, and the shell then kills
 * LibreOffice's process group and removes the folder. Waiting on a pipe costs nothing while
 * it waits (no polling). A normal end says `done` first, and the shell just exits.
 */
export interface Watchdog {
  /** LibreOffice's process group, once it has started. */
  guard(pgid: number): void;
  /** LibreOffice has ended: its group id may soon belong to someone else, so forget it. */
  release(): void;
  /** The run ended normally: stand down. */
  stop(): void;
}

const SCRIPT = [
  'g=',
  'while read -r cmd arg; do',
  '  case "$cmd" in',
  '    group) g="$arg" ;;',
  '    clear) g= ;;',
  '    done) exit 0 ;;',
  '  esac',
  'done',
  '[ -n "$g" ] && kill -9 "-$g" 2>/dev/null',
  'rm -rf -- "$1"',
].join('\n');

/** Start a watchdog for `folder` (no-op on Windows, which has no process groups to kill). */
export function startWatchdog(folder: string): Watchdog {
  if (process.platform === 'win32') return { guard: () => undefined, release: () => undefined, stop: () => undefined };
  let child: ReturnType<typeof spawn>;
  try {
    // Its own session: a Ctrl-C or kill sent to plangen's process group leaves it running
    // to do its work. No stdout/stderr: it must not hold plangen's output open.
    child = spawn('/bin/sh', ['-c', SCRIPT, 'plangen-watchdog', folder], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  } catch {
    return { guard: () => undefined, release: () => undefined, stop: () => undefined };
  }
  child.on('error', () => undefined);
  const stdin = child.stdin;
  stdin?.on('error', () => undefined);
  // Neither the watchdog nor its pipe may keep plangen running.
  child.unref();
  (stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    guard: (pgid) => void stdin?.write(`group ${pgid}\n`),
    release: () => void stdin?.write('clear\n'),
    stop: () => stdin?.end('done\n'),
  };
}

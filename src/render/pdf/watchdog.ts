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
  /** A LibreOffice process group, once it has started (there may be several: a kept-warm one and a client). */
  guard(pgid: number): void;
  /** That group has ended: its id may soon belong to someone else, so forget it. */
  release(pgid: number): void;
  /** Remove this file too if plangen dies (LibreOffice leaves its listening socket behind when killed). */
  removeAlso(file: string): void;
  /** The run ended normally: stand down. */
  stop(): void;
}

const SCRIPT = [
  'g=; f=',
  'while read -r cmd arg; do',
  '  case "$cmd" in',
  '    group) g="$g $arg" ;;',
  '    ungroup) n=; for x in $g; do [ "$x" = "$arg" ] || n="$n $x"; done; g="$n" ;;',
  '    file) f="$f $arg" ;;',
  '    done) exit 0 ;;',
  '  esac',
  'done',
  'for x in $g; do kill -9 "-$x" 2>/dev/null; done',
  // A killed process finishes the system call it is in (a file it was creating) before it
  // dies: wait until the groups are gone (5 s at most), remove the folder, and once more a
  // moment later for anything written while it went (seen under load with a warm LibreOffice).
  'i=0; while [ $i -lt 50 ]; do a=; for x in $g; do kill -0 "-$x" 2>/dev/null && a=1; done; [ -z "$a" ] && break; sleep 0.1; i=$((i+1)); done',
  'rm -rf -- "$1" $f',
  'sleep 1; rm -rf -- "$1" $f',
].join('\n');

/** A watchdog that does nothing: where none can be started. */
const inert: Watchdog = { guard: () => undefined, release: () => undefined, removeAlso: () => undefined, stop: () => undefined };

/** Start a watchdog for `folder` (no-op on Windows, which has no process groups to kill). */
export function startWatchdog(folder: string): Watchdog {
  if (process.platform === 'win32') return inert;
  let child: ReturnType<typeof spawn>;
  try {
    // Its own session: a Ctrl-C or kill sent to plangen's process group leaves it running
    // to do its work. No stdout/stderr: it must not hold plangen's output open.
    child = spawn('/bin/sh', ['-c', SCRIPT, 'plangen-watchdog', folder], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  } catch {
    return inert;
  }
  child.on('error', () => undefined);
  const stdin = child.stdin;
  stdin?.on('error', () => undefined);
  // Neither the watchdog nor its pipe may keep plangen running.
  child.unref();
  (stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    guard: (pgid) => void stdin?.write(`group ${pgid}\n`),
    release: (pgid) => void stdin?.write(`ungroup ${pgid}\n`),
    // Our own socket paths (no spaces): a bare word in the shell's list.
    removeAlso: (file) => void stdin?.write(`file ${file}\n`),
    stop: () => stdin?.end('done\n'),
  };
}

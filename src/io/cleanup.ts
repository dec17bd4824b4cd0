/**
 * Clean-ups that must run if plangen is stopped part-way: a temporary file being written,
 * LibreOffice and its private folder. Ctrl-C, `kill` and a CI job's timeout send SIGINT,
 * SIGTERM or SIGHUP; without handlers Node dies at once and leaves all of these behind.
 * (SIGKILL cannot be caught: the PDF stage has a watchdog process for that.)
 */
type Cleanup = () => void;

const pending = new Set<Cleanup>();
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
let installed = false;

/**
 * Run `cleanup` (synchronously: the process is about to end) if plangen is stopped by a
 * signal before the returned function is called. Once nothing is pending the handlers are
 * removed again, so a signal at any other time has Node's default effect.
 */
export function cleanUpIfStopped(cleanup: Cleanup): () => void {
  pending.add(cleanup);
  install();
  return () => {
    pending.delete(cleanup);
    if (pending.size === 0) uninstall();
  };
}

function runAll(): void {
  // Newest first: a file inside a folder goes before the folder.
  for (const c of [...pending].reverse()) {
    try {
      c();
    } catch {
      // Best effort: the next clean-up must still run.
    }
  }
  pending.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  runAll();
  uninstall();
  // End the way the signal would have (exit status 128 + n, as a shell expects), unless
  // someone else (an embedding program) handles it.
  if (process.listenerCount(signal) > 0) return;
  try {
    process.kill(process.pid, signal);
  } catch {
    // Windows cannot send itself every signal: end with the status a shell would show.
    process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 1));
  }
}

function onExit(): void {
  runAll();
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', onExit);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.removeListener('exit', onExit);
}

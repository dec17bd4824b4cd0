import * as path from 'node:path';
import { formatMessage } from '../diagnostics/catalogue.js';
import { isInside, projectRootOf } from '../io/contain.js';
import { displayPath, resolveFrom, type Io } from '../io/io.js';
import { terminalSafe } from '../util/characters.js';
import { closeKept, runBuild, type BuildCommandOptions, type KeptBetweenBuilds } from './build.js';
import { writers } from '../render/writers.js';

export interface WatchHooks {
  /** Stops the watch (tests); otherwise Ctrl-C or SIGTERM does. */
  readonly signal?: AbortSignal;
  /** Told after each build with its exit code. */
  readonly onBuild?: (code: number) => void;
  readonly debounceMs?: number;
}

/**
 * `plangen build --watch`: build, then build again whenever a file in the project (or a
 * folder given with --allow-read or -t) changes. Which plans a change concerns is left
 * to the build cache, which knows every file each plan read: a touched partial rebuilds
 * only the plans that use it, the rest are reported unchanged. A failing build is
 * reported and watching goes on. Returns 0 when stopped.
 */
export async function runWatch(args: readonly string[], opts: BuildCommandOptions, io: Io, hooks: WatchHooks = {}): Promise<number> {
  // The workers and a warm LibreOffice stay up between rebuilds.
  const kept: KeptBetweenBuilds = { sessions: new Map() };
  const build = async () => {
    try {
      // Not inside `onBuild?.(…)`: an optional call skips evaluating its argument when there is no hook.
      const code = await runBuild(args, opts, io, kept);
      hooks.onBuild?.(code);
    } catch (e) {
      // Whatever went wrong in one build, the next change gets another.
      io.stderr.write(terminalSafe(formatMessage('internal-error', { detail: e instanceof Error ? e.message : String(e) }, opts.lang)) + '\n');
      hooks.onBuild?.(2);
    }
  };
  await build();
  const { watch } = await import('chokidar');
  const folders = [projectRootOf(io.cwd), ...(opts.allowRead ?? []), ...(opts.template && /[\\/]|^\./.test(opts.template) ? [opts.template] : [])].map((f) => resolveFrom(io, f));
  const skip = [opts.outDir, opts.cacheDir].flatMap((d) => (d ? [resolveFrom(io, d)] : []));
  // Every writer's kind of file, and the temporary files outputs are written through.
  const outputExts = new Set([...writers().map((w) => w.ext), '.tmp']);
  const ignored = (p: string) => {
    const name = path.basename(p);
    // Our own outputs and temporary files, and folders nobody edits plans in.
    if (name === '.git' || name === 'node_modules' || name === '.plangen-cache' || name === 'manifest.json' || name.startsWith('~$')) return true;
    if (outputExts.has(path.extname(name).toLowerCase())) return true;
    return skip.some((d) => isInside(d, path.resolve(p)));
  };
  const watcher = watch([...new Set(folders)], { ignored, ignoreInitial: true });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  let changed = new Set<string>();
  watcher.on('all', (_event, p) => {
    changed.add(p);
    clearTimeout(timer);
    // Editors save in bursts (write, rename, chmod): one build per burst.
    timer = setTimeout(() => {
      const paths = [...changed].sort();
      changed = new Set();
      running = running.then(async () => {
        io.stderr.write(terminalSafe(formatMessage('watch-rebuild', { path: paths.map((x) => displayPath(io, x)).join(', ') }, opts.lang)) + '\n');
        await build();
      });
    }, hooks.debounceMs ?? 200);
  });
  if (!opts.quiet) io.stderr.write(formatMessage('watch-waiting', {}, opts.lang) + '\n');
  await new Promise<void>((resolve) => {
    if (hooks.signal) {
      if (hooks.signal.aborted) resolve();
      hooks.signal.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    // A listener of our own: the clean-up handler then removes temporary files and leaves ending to us.
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  clearTimeout(timer);
  await watcher.close();
  await running;
  await closeKept(kept);
  return 0;
}

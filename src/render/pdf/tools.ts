import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import { cleanUpIfStopped } from '../../io/cleanup.js';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Find an executable on `env.PATH` (the injected environment, not the process's), with
 * Windows' PATHEXT. Returns the absolute path or undefined.
 */
export function findOnPath(name: string, env: Env, platform: NodeJS.Platform = process.platform): string | undefined {
  const pathVar = env['PATH'] ?? env['Path'] ?? '';
  const delimiter = platform === 'win32' ? ';' : ':';
  const exts = platform === 'win32' ? ['', ...(env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean)] : [''];
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

function isExecutableFile(p: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    if (platform !== 'win32') accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where LibreOffice is: `PLANGEN_SOFFICE` when set, else `soffice` on PATH, else the
 * installer's default place on macOS and Windows (neither puts it on PATH).
 */
export function findSoffice(env: Env, platform: NodeJS.Platform = process.platform): string | undefined {
  const explicit = env['PLANGEN_SOFFICE'];
  if (explicit) return isExecutableFile(explicit, platform) ? explicit : undefined;
  const onPath = findOnPath('soffice', env, platform) ?? findOnPath('libreoffice', env, platform);
  if (onPath) return onPath;
  const defaults =
    platform === 'darwin'
      ? ['/Applications/LibreOffice.app/Contents/MacOS/soffice']
      : platform === 'win32'
        ? [env['ProgramFiles'], env['ProgramFiles(x86)']].filter((d): d is string => !!d).map((d) => path.join(d, 'LibreOffice', 'program', 'soffice.exe'))
        : [];
  return defaults.find((p) => isExecutableFile(p, platform));
}

export interface RunResult {
  /** Exit code; null when killed. */
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Set when the program could not be started at all. */
  readonly spawnError?: string;
}

export interface RunOptions {
  readonly env: Env;
  readonly timeoutMs: number;
  readonly cwd?: string;
  /** Run (synchronously) when plangen is interrupted while the program runs: remove temporary files. */
  readonly onInterrupt?: () => void;
  /** Told the program's process group as soon as it has started (for the watchdog). */
  readonly onStart?: (pgid: number) => void;
}

/**
 * Run a program to completion. It gets its own process group, so a timeout kills
 * everything it started (soffice is a shell script that starts oosplash, which starts
 * soffice.bin; killing only the first would leave the others holding the profile).
 */
export function runProgram(file: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    let settled = false;
    const child = spawn(file, args as string[], {
      env: opts.env as NodeJS.ProcessEnv,
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child.pid);
    }, opts.timeoutMs);
    if (child.pid !== undefined && process.platform !== 'win32') opts.onStart?.(child.pid);
    // The child has its own process group, so Ctrl-C in the terminal no longer reaches it:
    // pass an interrupt on, then let it take its default course (ending plangen).
    const removeSignalHandlers = cleanUpIfStopped(() => {
      killTree(child.pid);
      opts.onInterrupt?.();
    });
    child.stdout.on('data', (b: Buffer) => stdout.push(b));
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    const finish = (r: RunResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      removeSignalHandlers();
      resolve(r);
    };
    child.on('error', (e) => finish({ code: null, stdout: Buffer.alloc(0), stderr: '', timedOut: false, spawnError: e.message }));
    child.on('close', (code) => {
      // The group may outlive its leader (soffice.bin after the wrapper script): end it too.
      if (timedOut) killTree(child.pid);
      finish({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8'), timedOut });
    });
  });
}

function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Everything that touches the outside world, injected into commands so tests can run them
 * on real files without mocking modules. `writeFileAtomic` in ./write.ts is the one place
 * that writes output files.
 */
export interface Io {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(s: string): unknown; readonly isTTY?: boolean };
  /**
   * The built worker script plan tasks run in, with a capped heap (see cli/isolate.ts).
   * The command line sets it; without it (library use, tests) plans run in this thread.
   */
  readonly planWorker?: URL;
}

export function processIo(): Io {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr };
}

/** Resolve a path the user typed against the working folder. */
export function resolveFrom(io: Io, p: string): string {
  return path.resolve(io.cwd, p);
}

/** Path as shown to the user: relative to the working folder when inside it. */
export function displayPath(io: Io, abs: string): string {
  const rel = path.relative(io.cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

export function fileExists(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

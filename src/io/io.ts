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
  /** Takes bytes too: `build -o -` writes the DOCX itself to standard output. */
  readonly stdout: { write(s: string | Uint8Array): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(s: string): unknown; readonly isTTY?: boolean };
  /** Where a plan given as `-` is read from. */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
  /**
   * The built worker script plan tasks run in, with a capped heap (see cli/isolate.ts).
   * The command line sets it; without it (library use, tests) plans run in this thread.
   */
  readonly planWorker?: URL;
}

export function processIo(): Io {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
}

/**
 * Standard input, up to one byte over `limit` (enough for the caller to say it is too
 * large without holding a runaway stream in memory). No stdin reads as empty.
 */
export async function readStdin(io: Io, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  if (!io.stdin) return new Uint8Array();
  for await (const chunk of io.stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    chunks.push(buf);
    total += buf.length;
    if (total > limit) break;
  }
  return new Uint8Array(Buffer.concat(chunks, total).subarray(0, limit + 1));
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

/**
 * Whether anything is at `p`, a link to nothing included: what a command that must not
 * overwrite (init, import) asks before writing there.
 */
export async function pathExists(p: string): Promise<boolean> {
  try {
    await fs.promises.lstat(p);
    return true;
  } catch {
    return false;
  }
}

export function fileExists(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

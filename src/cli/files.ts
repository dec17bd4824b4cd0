import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/report.js';
import { displayPath, resolveFrom, type Io } from '../io/io.js';

export interface PlanFile {
  readonly abs: string;
  readonly shown: string;
}

/**
 * Expand the command's arguments into plan files: files as given; folders walked for
 * `*.md` files that start with front matter (so READMEs and attachment texts are passed
 * over), sorted by path, skipping `node_modules` and hidden folders.
 */
export async function collectPlanFiles(args: readonly string[], io: Io): Promise<{ files: PlanFile[]; diagnostics: Diagnostic[] }> {
  const files: PlanFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ abs, shown: displayPath(io, abs) });
  };
  for (const arg of args) {
    const abs = resolveFrom(io, arg);
    let isDir = false;
    try {
      isDir = (await fsp.stat(abs)).isDirectory();
    } catch {
      diagnostics.push(diagnostic(arg, 1, 1, 'file-not-found', { path: arg }));
      continue;
    }
    if (!isDir) {
      add(abs);
      continue;
    }
    const entries = (await fsp.readdir(abs, { recursive: true })) as string[];
    const found: string[] = [];
    for (const rel of entries) {
      const parts = rel.split(path.sep);
      if (!rel.endsWith('.md') || parts.some((p) => p === 'node_modules' || p.startsWith('.'))) continue;
      const file = path.join(abs, rel);
      if (await startsWithFrontMatter(file)) found.push(file);
    }
    found.sort();
    found.forEach(add);
  }
  return { files, diagnostics };
}

async function startsWithFrontMatter(file: string): Promise<boolean> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(file, 'r');
    const buf = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buf, 0, 8, 0);
    const head = buf.subarray(0, bytesRead).toString('latin1').replace(/^\xef\xbb\xbf/, '');
    return head.startsWith('---');
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

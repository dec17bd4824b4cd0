import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { tempDir } from './cli.js';

/** A temporary project, fresh for each test. */
export interface TempProject {
  /** The temporary folder (its real path) holding the project: a place outside it. */
  readonly dir: string;
  /**
   * The project, `<dir>/proj`, marked by a `.git` folder. It lies below the temporary
   * folder so that a config file above it can be shown to be ignored.
   */
  readonly proj: string;
  /** Write `text` to `rel` inside the project, making its folders; returns the absolute path. */
  put(rel: string, text: string): string;
}

/**
 * A {@link TempProject} made before each test of the calling file and removed after it.
 * Call it at the top of the file (it registers the vitest hooks).
 */
export function useTempProject(): TempProject {
  let t: ReturnType<typeof tempDir> | undefined;
  let dir = '';
  beforeEach(() => {
    t = tempDir();
    // Real, so paths the code under test resolves compare equal to the ones a test builds.
    dir = realpathSync(t.dir);
    mkdirSync(path.join(dir, 'proj', '.git'), { recursive: true });
  });
  afterEach(() => t?.cleanup());
  return {
    get dir() {
      return dir;
    },
    get proj() {
      return path.join(dir, 'proj');
    },
    put(rel, text) {
      const abs = path.join(dir, 'proj', rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, text);
      return abs;
    },
  };
}

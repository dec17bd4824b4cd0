import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RuleLevel } from '../diagnostics/rule-settings.js';
import { accessTo, inspectPath, problemDiagnostic, readContained } from '../io/contain.js';
import { decodeBytes } from '../read/read-file.js';

export const CONFIG_NAME = 'plangen.config.yaml';

/** The keys a config and each of its `overrides` may set for the plans they cover. */
export interface ConfigLayer {
  readonly template?: string;
  readonly outDir?: string;
  readonly pdf?: boolean;
  readonly fonts?: string;
  readonly allowRead?: readonly string[];
  readonly rules?: Readonly<Record<string, RuleLevel>>;
}

export interface ConfigData extends ConfigLayer {
  readonly root?: boolean;
  readonly lang?: 'zh' | 'en';
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  readonly overrides?: readonly (ConfigLayer & { readonly files: readonly string[] })[];
}

export interface ConfigFile {
  readonly abs: string;
  /** The folder its relative paths and globs are taken from. */
  readonly dir: string;
  readonly data: ConfigData;
}

export type Loaded = { readonly config?: ConfigFile; readonly diagnostics: readonly Diagnostic[] };

/**
 * Read and validate the `plangen.config.yaml` in `dir`, if there is one. `root` is the
 * project the folder belongs to: the file must lie in it once links are resolved, so a
 * committed `plangen.config.yaml -> /etc/...` is refused rather than read. `shown` is
 * the path diagnostics name it by.
 */
export async function loadConfigIn(dir: string, root: string, shown: string): Promise<Loaded> {
  const abs = path.join(dir, CONFIG_NAME);
  const access = accessTo([root]);
  const v = inspectPath(abs, 'config', access);
  if (!v.ok && v.problem === 'missing') return { diagnostics: [] };
  const at = { file: shown, line: 1, column: 1 };
  if (!v.ok) return { diagnostics: [problemDiagnostic(v, 'config', at, shown, 'file-not-found')] };
  const read = await readContained(abs, 'config', access);
  if (!read.ok) return { diagnostics: [problemDiagnostic(read, 'config', at, shown, 'file-not-found')] };
  const decoded = decodeBytes(read.bytes, shown);
  if (!decoded.ok) return { diagnostics: decoded.diagnostics };
  // yaml and the checks load only when there is a config to read: most runs have none.
  const { readConfig } = await import('./read-config.js');
  return readConfig(decoded.source, decoded.diagnostics, abs, dir, root);
}

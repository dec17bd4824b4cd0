import * as path from 'node:path';
import { isMap, isScalar, parseDocument, type Node } from 'yaml';
import schema from '../../schemas/config.schema.json' with { type: 'json' };
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic, Reporter } from '../diagnostics/report.js';
import { positionAt, type SourceText } from '../read/source.js';
import { accessTo, inspectPath, problemDiagnostic } from '../io/contain.js';
import { locate } from '../parse/yaml-path.js';
import { findFrontMatterTooDeep } from '../parse/pre-scan.js';
import { validateYamlData } from '../validate/schema.js';
import { checkYaml } from '../validate/yaml-checks.js';
import { knownId } from '../validate/rule-switches.js';
// Compiled ahead of time like the plan schema (scripts/compile-schema.mjs): no run loads ajv.
import { validate } from './generated/config-validator.js';
import type { ConfigData, ConfigFile, ConfigLayer, Loaded } from './load.js';

/**
 * A `plangen.config.yaml` read (./load.ts): parsed and validated. Apart from the loader so
 * that yaml, the validators and the checks are loaded only when a config file exists.
 */
export async function readConfig(source: SourceText, decodedDiagnostics: readonly Diagnostic[], abs: string, dir: string, root: string): Promise<Loaded> {
  const report = new Reporter(source);
  // Counted before yaml parses it, as a plan's front matter is: yaml recurses once a level.
  const tooDeep = findFrontMatterTooDeep(source.text);
  if (tooDeep) {
    report.at(tooDeep.offset, undefined, 'yaml-too-deep', tooDeep.args);
    return { diagnostics: [...decodedDiagnostics, ...report.list] };
  }
  const doc = parseDocument(source.text, { prettyErrors: false, strict: true, uniqueKeys: true });
  const contents = doc.contents;
  if (doc.errors.length === 0 && contents !== null && !isMap(contents)) {
    report.at(contents.range?.[0] ?? 0, undefined, 'config-not-mapping');
    return { diagnostics: [...decodedDiagnostics, ...report.list] };
  }
  // The front matter's own checks: YAML errors in plain words, full-width slips.
  const usable = checkYaml({ source, body: { type: 'root', children: [] }, yaml: { doc, offset: 0, end: source.text.length }, paste: [] }, report);
  if (!usable) return { diagnostics: [...decodedDiagnostics, ...report.list] };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    report.at(0, undefined, 'yaml-syntax', { hint: 'yaml-alias', detail: e instanceof Error ? e.message : String(e) });
    return { diagnostics: [...decodedDiagnostics, ...report.list] };
  }
  const before = report.list.length;
  validateYamlData(validate, schema.$defs, data, contents, 0, report);
  if (report.list.length > before) return { diagnostics: [...decodedDiagnostics, ...report.list] };
  checkRuleIds(contents, report);
  const config = { abs, dir, data: await withTemplateFolders(data as ConfigData, dir, root, contents, report) };
  checkFolders(config, contents, report);
  return report.list.length > 0 ? { diagnostics: [...decodedDiagnostics, ...report.list] } : { config, diagnostics: decodedDiagnostics };
}

/** Every rule id under `rules:` (top level and in overrides) must name a switchable rule. */
function checkRuleIds(root: Node | null, report: Reporter): void {
  const maps: Node[] = [];
  const top = locate(root, ['rules']);
  if (top.depth === 1 && top.node) maps.push(top.node);
  const overrides = locate(root, ['overrides']).node;
  if (overrides && 'items' in overrides) {
    (overrides.items as unknown[]).forEach((_, i) => {
      const r = locate(root, ['overrides', i, 'rules']);
      if (r.depth === 3 && r.node) maps.push(r.node);
    });
  }
  for (const m of maps) {
    if (!isMap(m)) continue;
    for (const pair of m.items) {
      if (!isScalar(pair.key)) continue;
      const id = String(pair.key.value);
      knownId(id, pair.key.range?.[0] ?? 0, report);
    }
  }
}

/**
 * A `template` that is not a built-in name is a folder relative to the config (not to each
 * plan, as a plan's own `template:` is): made absolute here, and one that is not there is
 * said at the config's line, once, rather than in every plan.
 */
async function withTemplateFolders(data: ConfigData, dir: string, root: string, node: Node | null, report: Reporter): Promise<ConfigData> {
  const { builtInNames } = await import('../template/load.js');
  const builtIns = await builtInNames();
  const resolve = <L extends ConfigLayer>(layer: L, at: (string | number)[]): L => {
    const ref = layer.template;
    if (ref === undefined || builtIns.includes(ref)) return layer;
    const abs = path.resolve(dir, ref);
    const v = inspectPath(abs, 'template', accessTo([root]), 'folder');
    if (!v.ok) {
      const n = locate(node, [...at, 'template']).node;
      const where = { file: report.source.path, ...positionAt(report.source, n?.range?.[0] ?? 0) };
      report.list.push(v.problem === 'missing' ? diagnostic(where.file, where.line, where.column, 'template-missing', { name: ref }) : problemDiagnostic(v, 'template', where, ref, 'template-missing'));
    }
    return { ...layer, template: abs };
  };
  const top = resolve(data, []);
  return data.overrides ? { ...top, overrides: data.overrides.map((o, i) => resolve(o, ['overrides', i])) } : top;
}

/** `allowRead` and `fonts` name folders that must exist; said at the line that names them. */
function checkFolders(config: ConfigFile, root: Node | null, report: Reporter): void {
  const check = (rel: string, at: (string | number)[], field: string) => {
    const v = inspectPath(path.resolve(config.dir, rel), 'config', { roots: [] }, 'folder');
    if (v.ok) return;
    const n = locate(root, at).node;
    report.at(n?.range?.[0] ?? 0, n?.range?.[1], 'config-folder-missing', { field, path: rel });
  };
  const layers: [ConfigLayer, (string | number)[]][] = [[config.data, []], ...(config.data.overrides ?? []).map((o, i): [ConfigLayer, (string | number)[]] => [o, ['overrides', i]])];
  for (const [layer, base] of layers) {
    (layer.allowRead ?? []).forEach((f, i) => check(f, [...base, 'allowRead', i], 'allowRead'));
    if (layer.fonts !== undefined) check(layer.fonts, [...base, 'fonts'], 'fonts');
  }
}

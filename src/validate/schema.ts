import type { ErrorObject } from 'ajv/dist/2020.js';
import leven, { closestMatch } from 'leven';
import type { Node } from 'yaml';
import schema from '../../schemas/plan.schema.json' with { type: 'json' };
import type { Reporter } from '../diagnostics/report.js';
import { locate, pointerToPath } from '../parse/yaml-path.js';
import { displayPath } from './front-matter.js';
// The schema compiled ahead of time by ajv's standalone generator (scripts/compile-schema.mjs):
// no run loads ajv or compiles anything, which saved 60–280 ms a process when measured.
import { validate } from './generated/plan-validator.js';

/** Validate front-matter data against `schemas/plan.schema.json`; every problem is reported. */
export function validateSchema(data: unknown, root: Node | null, yamlOffset: number, report: Reporter): void {
  validateYamlData(validate, schema.$defs as unknown as Defs, data, root, yamlOffset, report);
}

/** A validator compiled by scripts/compile-schema.mjs. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

type Defs = Readonly<Record<string, { type?: string }>>;

/**
 * Validate YAML data with any compiled schema (the plan's, a config file's), reporting
 * each problem at the YAML node it is about; `defs` is the schema's `$defs`.
 */
export function validateYamlData(check: CompiledValidator, defs: Defs, data: unknown, root: Node | null, yamlOffset: number, report: Reporter): void {
  if (check(data)) return;
  for (const e of collapseAlternatives(check.errors ?? [], defs)) reportError(e, root, yamlOffset, report);
}

/**
 * oneOf/anyOf make ajv report every failed branch, then the combinator itself. Replace that
 * noise by what the user needs: the errors of the branch whose type the value has (an
 * object with a misspelt key → unknown-field), or one wrong-type for the whole value.
 */
function collapseAlternatives(errors: readonly ErrorObject[], defs: Defs): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf') {
      out.push(e);
      continue;
    }
    const at = e.instancePath;
    // Branch errors are pushed just before the combinator's own error, all inside its value.
    const branch: ErrorObject[] = [];
    while (out.length > 0) {
      const last = out[out.length - 1] as ErrorObject;
      if (last.instancePath !== at && !last.instancePath.startsWith(at + '/')) break;
      branch.unshift(last);
      out.pop();
    }
    if (e.keyword === 'anyOf' && Array.isArray(e.schema) && e.schema.every((b: unknown) => isRequiredOnly(b))) {
      // Keep anything that is not one of the anyOf's own `required` branches (order-proof).
      out.push(...branch.filter((b) => !b.schemaPath.startsWith(`${e.schemaPath}/`)));
      out.push({ ...e, keyword: 'x-phase-date', params: {} });
      continue;
    }
    const kind = jsonKind(e.data);
    const branches = Array.isArray(e.schema) ? (e.schema as unknown[]) : [];
    const matching = branches.some((b) => branchType(b, defs) === kind);
    if (matching) out.push(...branch.filter((b) => !(b.keyword === 'type' && b.instancePath === at)));
    else out.push({ ...e, keyword: 'x-alternatives', params: { kinds: branches.map((b) => branchType(b, defs)) } });
  }
  return out;
}

function isRequiredOnly(b: unknown): boolean {
  return typeof b === 'object' && b !== null && Object.keys(b).length === 1 && 'required' in b;
}

function branchType(b: unknown, defs: Defs): string | undefined {
  if (typeof b !== 'object' || b === null) return undefined;
  const o = b as { type?: string; $ref?: string };
  if (o.type) return o.type;
  if (o.$ref?.startsWith('#/$defs/')) {
    const def = defs[o.$ref.slice('#/$defs/'.length)];
    return def?.type;
  }
  return undefined;
}

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function reportError(e: ErrorObject, root: Node | null, yamlOffset: number, report: Reporter): void {
  const path = pointerToPath(e.instancePath);
  const field = displayPath(path);
  const at = (segments: readonly (string | number)[], preferKey = false): [number, number | undefined] => {
    const loc = locate(root, segments);
    const n = (preferKey && loc.key) || (loc.node ?? loc.key);
    // A value-less `key:` gives a null scalar with an empty range: point at the key instead.
    const target = n && n.range && n.range[1] > n.range[0] ? n : loc.key ?? n;
    const r = target?.range;
    return r ? [yamlOffset + r[0], yamlOffset + r[1]] : [yamlOffset, undefined];
  };
  // The date, monthDate (phase dates) and deadline (targets' by) definitions.
  const dateDef = /\$defs\/(date|monthDate|deadline)\b/;
  const isDate = dateDef.test(e.schemaPath) || dateDef.test((e.parentSchema as { $ref?: string } | undefined)?.$ref ?? '');
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = suggest(key, allowed);
      const [s, end] = at([...path, key], true);
      report.at(s, end, 'unknown-field', { field: key, ...(suggestion ? { suggestion } : {}) });
      return;
    }
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      const [s] = at(path);
      report.at(s, undefined, 'required-field', { field: displayPath([...path, missing]) });
      return;
    }
    case 'x-phase-date': {
      const name = (e.data as { name?: unknown } | null)?.name;
      const [s] = at(path);
      report.at(s, undefined, 'phase-date-missing', { phase: typeof name === 'string' ? name : field });
      return;
    }
    case 'x-alternatives': {
      const [s, end] = at(path);
      if (e.data === null || e.data === undefined) return void report.at(s, end, 'empty-value', { field });
      const kinds = (e.params as { kinds: (string | undefined)[] }).kinds;
      // Text-or-object places: attachments ({title, file}) and a duty's targets (a target).
      const object = path.includes('targets') ? 'textOrTarget' : 'textOrAttachment';
      report.at(s, end, 'wrong-type', { field, expected: kinds.includes('object') ? object : 'textOrList' });
      return;
    }
    case 'type': {
      const [s, end] = at(path);
      if (e.data === null || e.data === undefined) return void report.at(s, end, 'empty-value', { field });
      if (isDate) return void report.at(s, end, 'invalid-date', { field });
      const unit = numberWithUnit(e, path);
      if (unit) return void report.at(s, end, 'wrong-type', { field, expected: 'numberWithUnit', ...unit });
      report.at(s, end, 'wrong-type', { field, expected: expectedTerm(e, path) });
      return;
    }
    case 'pattern': {
      const [s, end] = at(path);
      // "pattern": "\\S" is how the schema says "not empty" (minLength would need ajv at run time).
      if ((e.params as { pattern: string }).pattern === '\\S') return void report.at(s, end, 'empty-value', { field });
      if (isDate) return void report.at(s, end, 'invalid-date', { field });
      if (path[path.length - 1] === 'copy_number') return void report.at(s, end, 'copy-number-form', { value: String(e.data) });
      report.at(s, end, 'invalid-value', { field, detail: String((e.params as { pattern: string }).pattern) });
      return;
    }
    case 'enum': {
      const [s, end] = at(path);
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => `"${String(v)}"`).join(' ');
      report.at(s, end, 'invalid-choice', { field, allowed });
      return;
    }
    case 'minimum':
    case 'maximum':
      if (isDate) {
        const [s, end] = at(path);
        return void report.at(s, end, 'invalid-date', { field });
      }
      return void reportDefault(e, at(path), field, report);
    case 'minLength':
    case 'minItems': {
      const [s, end] = at(path);
      report.at(s, end, 'empty-value', { field });
      return;
    }
    default:
      reportDefault(e, at(path), field, report);
  }
}

function reportDefault(e: ErrorObject, [s, end]: [number, number | undefined], field: string, report: Reporter): void {
  report.at(s, end, 'invalid-value', { field, detail: e.message ?? e.keyword });
}

/** `value: "98%"` or `value: 50个`: the number and the unit, to say where each goes. */
function numberWithUnit(e: ErrorObject, path: readonly (string | number)[]): { number: string; unit: string } | undefined {
  if (path[path.length - 1] !== 'value' || typeof e.data !== 'string') return undefined;
  const t = String((e.params as { type: string }).type);
  if (t !== 'number' && t !== 'integer') return undefined;
  const m = /^\s*([-+]?\d+(?:\.\d+)?)\s*(\S.*?)\s*$/.exec(e.data.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  return m ? { number: m[1] ?? '', unit: (m[2] ?? '').replace('％', '%') } : undefined;
}

function expectedTerm(e: ErrorObject, path: readonly (string | number)[]): string {
  const type = String((e.params as { type: string }).type);
  if (path[path.length - 1] === 'copy_number') return 'quotedDigits';
  switch (type) {
    case 'string':
      return typeof e.data === 'number' || typeof e.data === 'boolean' ? 'quotedText' : 'text';
    case 'number':
    case 'integer':
      return 'number';
    case 'array': {
      const items = (e.schema === 'array' ? (e.parentSchema as { items?: { type?: string } } | undefined)?.items : undefined) ?? undefined;
      return items?.type === 'string' ? 'textList' : 'list';
    }
    case 'object':
      return 'mapping';
    case 'boolean':
      return 'boolean';
    default:
      return type;
  }
}

/**
 * Clerks who type the Chinese name of a field (标题:) or misspell it (titel:) get the
 * right key suggested. Aliases only count when the key is allowed at that place.
 */
const ALIASES: Readonly<Record<string, string>> = {
  标题: 'title', 发文机关: 'issuer', 发文字号: 'number', 文号: 'number', 成文日期: 'date', 日期: 'date',
  主送: 'recipients', 主送机关: 'recipients', 模板: 'template', 组织领导: 'leaders', 领导小组: 'leaders',
  工作组: 'groups', 实施步骤: 'phases', 阶段: 'phases', 工作目标: 'targets', 目标: 'targets',
  职责分工: 'duties', 职责: 'duties', 附件: 'attachments', 抄送: 'cc', 印发机关: 'printer', 印发日期: 'printed',
  份号: 'copy_number', 密级: 'secrecy', 紧急程度: 'urgency', 签发人: 'signer', 发文机关标志: 'mark', 附注: 'note',
  名称: 'name', 姓名: 'name', 职务: 'role', 开始: 'start', 结束: 'end', 任务: 'tasks', 单位: 'unit', 成员: 'members',
};

/** The allowed key a clerk most likely meant, or undefined when none is close enough. */
export function suggest(key: string, allowed: readonly string[]): string | undefined {
  const alias = ALIASES[key.trim()];
  if (alias && allowed.includes(alias)) return alias;
  const lower = key.toLowerCase().replace(/-/g, '_');
  if (lower !== key && allowed.includes(lower)) return lower;
  const m = closestMatch(lower, allowed, { maxDistance: 2 });
  if (m === undefined) return undefined;
  // Short keys are all within two edits of each other (ab → cc): demand most of the word agree.
  const d = leven(lower, m);
  return d <= 1 || d * 2 <= m.length ? m : undefined;
}

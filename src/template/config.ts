import { closestMatch } from 'leven';
import { parseDocument } from 'yaml';
import type { ErrorObject } from 'ajv';
import { validate } from './generated/template-validator.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/report.js';
import { positionAt, type SourceText } from '../read/source.js';
import { locate, pointerToPath, startOf } from '../parse/yaml-path.js';
import type { FontProfile } from '../model/document.js';

/** template.yaml as written (after schema validation). */
export interface TemplateConfig {
  readonly name?: string;
  readonly description?: string;
  readonly extends?: string;
  readonly layout?: {
    readonly fonts?: FontProfile;
    readonly boldHeading3?: boolean;
    readonly margins?: Partial<Record<'top' | 'right' | 'bottom' | 'left', number>>;
  };
  readonly sections?: Partial<Record<'leaders' | 'phases' | 'targets' | 'duties', string>>;
  /** File offset of the `extends` value, for errors about it. */
  readonly extendsOffset?: number;
}

/**
 * Parse and validate template.yaml against schemas/template.schema.json. Problems come
 * back as `template-config` diagnostics at the line and column of the offending value.
 */
export async function readTemplateConfig(source: SourceText): Promise<{ config?: TemplateConfig; diagnostics: Diagnostic[] }> {
  const doc = parseDocument(source.text, { prettyErrors: false, strict: true, uniqueKeys: true });
  const at = (offset: number, detail: string) => {
    const p = positionAt(source, offset);
    return diagnostic(source.path, p.line, p.column, 'template-config', { detail });
  };
  if (doc.errors.length > 0) return { diagnostics: doc.errors.map((e) => at(e.pos[0], e.message.split('\n')[0] ?? e.message)) };
  const data: unknown = doc.toJS({ maxAliasCount: 10 }) ?? {};
  if (validate(data)) {
    const extendsNode = locate(doc.contents, ['extends']);
    const config = data as TemplateConfig;
    return { config: extendsNode.node ? { ...config, extendsOffset: startOf(extendsNode) } : config, diagnostics: [] };
  }
  const diagnostics = (validate.errors ?? []).filter(notNoise).map((e) => {
    const segs = pointerToPath(e.instancePath);
    const extra = e.keyword === 'additionalProperties' ? [String((e.params as { additionalProperty: string }).additionalProperty)] : [];
    const loc = locate(doc.contents, [...segs, ...extra]);
    return at(startOf(loc, extra.length > 0), describe(e, segs, extra[0]));
  });
  return { diagnostics };
}

// `if`/`anyOf` wrappers repeat what their branches already said.
function notNoise(e: ErrorObject): boolean {
  return e.keyword !== 'if' && e.keyword !== 'anyOf' && e.keyword !== 'oneOf';
}

function describe(e: ErrorObject, segs: readonly string[], extra: string | undefined): string {
  const field = segs.join('.') || 'template.yaml';
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const best = extra ? closestMatch(extra, known, { maxDistance: 3 }) : undefined;
      return `未知字段“${[...segs, extra].join('.')}”${best ? `（是否要写“${best}”？）` : `，可用字段：${known.join('、')}`}`;
    }
    case 'enum':
      return `“${field}”只能是 ${((params['allowedValues'] as unknown[]) ?? []).join('、')}`;
    case 'type':
      return `“${field}”应为${typeName(String(params['type']))}`;
    case 'minimum':
    case 'maximum':
      return `“${field}”应在 ${rangeOf(e)} 之间（GB/T 9704 §5.2.1 的页边距上下浮动 1 mm）`;
    case 'pattern':
      // "\\S" is how the schemas say "not blank" (minLength would need ajv at run time).
      return params['pattern'] === '\\S' ? `“${field}”不能为空` : `“${field}”应为内置模板名称（小写字母、数字和连字符）`;
    case 'minLength':
      return `“${field}”不能为空`;
    default:
      return `“${field}”${e.message ?? ''}`;
  }
}

function rangeOf(e: ErrorObject): string {
  const schema = e.parentSchema as { minimum?: number; maximum?: number } | undefined;
  return `${schema?.minimum ?? '?'}～${schema?.maximum ?? '?'}`;
}

function typeName(t: string): string {
  return ({ string: '文字', integer: '整数', number: '数字', boolean: 'true 或 false', object: '“字段: 值”的映射', array: '列表' } as Record<string, string>)[t] ?? t;
}

import { closestMatch } from 'leven';
import { parseDocument } from 'yaml';
import type { ErrorObject } from 'ajv';
import { validate } from './generated/template-validator.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/report.js';
import { positionAt, type SourceText } from '../read/source.js';
import { locate, pointerToPath, startOf } from '../parse/yaml-path.js';
import { findFrontMatterTooDeep } from '../parse/pre-scan.js';
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
  const tooDeep = findFrontMatterTooDeep(source.text);
  if (tooDeep) {
    const p = positionAt(source, tooDeep.offset);
    return { diagnostics: [diagnostic(source.path, p.line, p.column, 'yaml-too-deep', tooDeep.args)] };
  }
  const doc = parseDocument(source.text, { prettyErrors: false, strict: true, uniqueKeys: true });
  const at = (offset: number, detail: Record<string, string>) => {
    const p = positionAt(source, offset);
    return diagnostic(source.path, p.line, p.column, 'template-config', detail);
  };
  if (doc.errors.length > 0) return { diagnostics: doc.errors.map((e) => at(e.pos[0], { detail: 'tpl-yaml' })) };
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

/** The catalogue term for a template.yaml problem, with the arguments its wording needs. */
function describe(e: ErrorObject, segs: readonly string[], extra: string | undefined): Record<string, string> {
  const field = segs.join('.') || 'template.yaml';
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const best = extra ? closestMatch(extra, known, { maxDistance: 3 }) : undefined;
      const unknown = [...segs, extra].join('.');
      return best ? { detail: 'tpl-unknown-field-suggest', field: unknown, best } : { detail: 'tpl-unknown-field-list', field: unknown, known: known.join(', ') };
    }
    case 'enum':
      return { detail: 'tpl-choice', field, allowed: ((params['allowedValues'] as unknown[]) ?? []).join(', ') };
    case 'type':
      return { detail: 'tpl-type', field, type: typeTerm(String(params['type'])) };
    case 'minimum':
    case 'maximum': {
      const schema = e.parentSchema as { minimum?: number; maximum?: number } | undefined;
      return { detail: 'tpl-range', field, min: String(schema?.minimum ?? '?'), max: String(schema?.maximum ?? '?') };
    }
    case 'pattern':
      // "\\S" is how the schemas say "not blank" (minLength would need ajv at run time).
      return { detail: params['pattern'] === '\\S' ? 'tpl-empty' : 'tpl-name-pattern', field };
    case 'minLength':
      return { detail: 'tpl-empty', field };
    default:
      return { detail: 'tpl-other', field };
  }
}

function typeTerm(t: string): string {
  return ({ string: 'text', integer: 'integer', number: 'number', boolean: 'boolean', object: 'mapping', array: 'list' } as Record<string, string>)[t] ?? 'text';
}

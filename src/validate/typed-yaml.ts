/**
 * Front matter as clerks type it with a Chinese input method on: full-width colons after
 * keys (`title：测试`) or a colon with no space after it (`title:测试`), full-width commas
 * between list items (`name: [庞飞，杨骏]`), lenticular or full-width brackets for a list
 * (`【甲, 乙】`) and full-width spaces as indentation. YAML reads all of these without
 * complaint or with a baffling message, so each gets its own, naming the character, at it.
 */
import { isPair, isSeq, Scalar, visit, type Document } from 'yaml';
import schema from '../../schemas/plan.schema.json' with { type: 'json' };
import { suggest } from './schema.js';

const TOP_LEVEL_KEYS = Object.keys(schema.properties);

/** Every field name the format has, at any level: only these count as keys a space went missing after. */
const FIELD_NAMES: ReadonlySet<string> = (() => {
  const names = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'properties' && x !== null && typeof x === 'object') Object.keys(x).forEach((n) => names.add(n));
      walk(x);
    }
  };
  walk(schema);
  return names;
})();

// `title:测试`: a known key, a half-width colon and no space, where a key may start.
const KEY_WITHOUT_SPACE = /(^[ \t]*(?:-[ \t]+)*|[{,][ \t]*)([A-Za-z_][A-Za-z0-9_]*):(?=[^\s:/])/g;

/** One slip: the rule, the file offset of the character, the words of its fix. */
export interface Slip {
  readonly offset: number;
  readonly ruleId: 'fullwidth-colon' | 'colon-without-space' | 'fullwidth-space-indent' | 'fullwidth-comma-in-list' | 'fullwidth-bracket-list';
  readonly args: Record<string, string>;
}

// A key as the format writes it (English snake_case), where a key may start: at the line's
// start, after list dashes, or after { or , inside a flow mapping.
const KEY_BEFORE_FULLWIDTH_COLON = /(^[ \t]*(?:-[ \t]+)*|[{,][ \t]*)([A-Za-z_][A-Za-z0-9_]*)[ \t]*：/g;

/** Slips visible in the text itself; these break the YAML, so they are found before parsing tells. */
export function findTextSlips(yamlText: string, offset: number): Slip[] {
  const out: Slip[] = [];
  let lineStart = 0;
  // Lines of a block scalar (`note: |`) are text, whatever they contain.
  let blockIndent = -1;
  for (const line of yamlText.split('\n')) {
    const lineIndent = /^ */.exec(line)?.[0].length ?? 0;
    if (blockIndent >= 0 && (line.trim() === '' || lineIndent > blockIndent)) {
      lineStart += line.length + 1;
      continue;
    }
    blockIndent = /:[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$/.test(line) ? lineIndent : -1;
    const indent = /^[ \t]*\u3000/.exec(line);
    if (indent) out.push({ offset: offset + lineStart + indent[0].length - 1, ruleId: 'fullwidth-space-indent', args: {} });
    for (const m of line.matchAll(KEY_WITHOUT_SPACE)) {
      const key = m[2] ?? '';
      const at = (m.index ?? 0) + m[0].length - 1;
      if (FIELD_NAMES.has(key) && !insideQuotes(line, at)) out.push({ offset: offset + lineStart + at, ruleId: 'colon-without-space', args: { key } });
    }
    if (line.includes('：')) {
      for (const m of line.matchAll(KEY_BEFORE_FULLWIDTH_COLON)) {
        const at = (m.index ?? 0) + m[0].length - 1;
        // Inside a quoted value the colon is the clerk's text, not a separator.
        if (insideQuotes(line, at)) continue;
        out.push({ offset: offset + lineStart + at, ruleId: 'fullwidth-colon', args: { key: m[2] ?? '', fixed: m[2] ?? '' } });
      }
      // 标题：… at the start of a line can only be meant as a key (unknown-field then names the English one).
      const chinese = /^([\u4e00-\u9fff]{1,8})[ \t]*：/.exec(line);
      if (chinese) {
        const key = chinese[1] ?? '';
        out.push({ offset: offset + lineStart + chinese[0].length - 1, ruleId: 'fullwidth-colon', args: { key, fixed: suggest(key, TOP_LEVEL_KEYS) ?? key } });
      }
    }
    lineStart += line.length + 1;
  }
  return out;
}

function insideQuotes(line: string, index: number): boolean {
  let double = false;
  let single = false;
  for (let i = 0; i < index; i++) {
    const c = line[i];
    if (c === '"' && !single && line[i - 1] !== '\\') double = !double;
    else if (c === "'" && !double) single = !single;
    else if (c === '#' && !double && !single && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return true;
  }
  return double || single;
}

/** Slips YAML reads silently as something else: one list item instead of several, text instead of a list. */
export function findValueSlips(doc: Document.Parsed, offset: number, text: string): Slip[] {
  const out: Slip[] = [];
  visit(doc, {
    Scalar(_key, node, path) {
      if (node.type !== Scalar.PLAIN || typeof node.value !== 'string' || !node.range) return;
      const parent = path[path.length - 1];
      const start = offset + node.range[0];
      const raw = text.slice(start, offset + node.range[1]);
      // Keys are never lists; only values and list items are.
      if (isPair(parent) && parent.key === node) return;
      if (isSeq(parent) && parent.flow && raw.includes('，')) {
        const fixed = raw.split('，').map((s) => s.trim()).join(', ');
        // One message per item, at its first comma: the fix covers the whole item.
        out.push({ offset: start + raw.indexOf('，'), ruleId: 'fullwidth-comma-in-list', args: { item: raw, fixed } });
        return;
      }
      const bracket = /^([【［])([^【】［］]*)([】］])$/.exec(raw);
      if (bracket && /[,，、]/.test(bracket[2] ?? '')) {
        const fixed = (bracket[2] ?? '').split(/[,，、]/).map((s) => s.trim()).join(', ');
        out.push({ offset: start, ruleId: 'fullwidth-bracket-list', args: { bracket: `${bracket[1]}${bracket[3]}`, fixed } });
      }
    },
  });
  return out;
}

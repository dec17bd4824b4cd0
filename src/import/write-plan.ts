/**
 * The imported plan as text: front matter written with the yaml library's Document API,
 * short items in flow style as the examples write them (`- { role: 组长, name: 王某某 }`),
 * and the body with remark-stringify, so what `check` reads back is what was meant.
 */
import { Document, isMap, isScalar, isSeq, visit, type YAMLSeq } from 'yaml';
import { unified } from 'unified';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import type { Root, RootContent } from 'mdast';

/** Lists whose items are one line each in the examples. */
const FLOW_ITEMS = new Set(['members', 'phases', 'targets']);

export function frontMatter(data: Record<string, unknown>): string {
  const doc = new Document(data);
  visit(doc, {
    Pair(_key, pair) {
      const key = String((pair.key as { value?: unknown } | null)?.value ?? '');
      const value = pair.value;
      if (isSeq(value)) {
        // Lists of plain words: [甲, 乙].
        if (value.items.every((item) => !isMap(item) && !isSeq(item))) unpadded(value);
        if (FLOW_ITEMS.has(key)) for (const item of value.items) if (isMap(item)) item.flow = true;
      }
      // As docs/format.md writes them: ">=" looks like a comparison, not text, unquoted.
      if (key === 'op' && isScalar(value)) value.type = 'QUOTE_DOUBLE';
      if (key === 'attachments' && isSeq(value)) for (const item of value.items) if (isMap(item)) item.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

/**
 * A flow list written `[甲, 乙]`, as docs/format.md and the examples write lists of words,
 * while flow mappings keep their spaces (`{ role: 组长 }`): yaml's padding option is one
 * setting for both, so this list's own stringification turns it off.
 */
function unpadded(seq: YAMLSeq): void {
  seq.flow = true;
  const toString = seq.toString.bind(seq);
  seq.toString = (ctx, onComment, onChompKeep) => toString(ctx && { ...ctx, flowCollectionPadding: '' }, onComment, onChompKeep);
}

export function markdownBody(children: readonly RootContent[]): string {
  const tree: Root = { type: 'root', children: [...children] };
  return unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, { bullet: '-', fences: true, rule: '-' }).stringify(tree);
}

export function planText(data: Record<string, unknown>, body: readonly RootContent[]): string {
  return `---\n${frontMatter(data)}---\n\n${markdownBody(body)}`;
}

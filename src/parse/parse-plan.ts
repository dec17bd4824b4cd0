import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';
import { parseDocument, type Document } from 'yaml';
import type { Root } from 'mdast';
import type { SourceText } from '../read/source.js';

/**
 * text → mdast + YAML document. The whole file is parsed once by remark (so every mdast
 * position is a position in the file); the leading `---` block is then parsed by `yaml`,
 * whose node ranges are offsets into the YAML text: add `yamlOffset` to get file offsets.
 */
export interface ParsedPlan {
  readonly source: SourceText;
  readonly body: Root;
  /** null when the file has no front matter block. */
  readonly yaml: { readonly doc: Document.Parsed; readonly offset: number; readonly end: number } | null;
}

const markdown = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkCjkFriendly).freeze();

/** Parse Markdown (CommonMark + GFM + CJK-friendly emphasis), with or without front matter. */
export function parseMarkdown(text: string): Root {
  return markdown.parse(text) as Root;
}

export function parsePlan(source: SourceText): ParsedPlan {
  const body = parseMarkdown(source.text);
  const first = body.children[0];
  if (!first || first.type !== 'yaml') return { source, body, yaml: null };
  body.children.shift();
  const offset = source.text.indexOf('\n') + 1;
  const doc = parseDocument(first.value, { prettyErrors: false, strict: true, uniqueKeys: true });
  return { source, body, yaml: { doc, offset, end: first.position?.end.offset ?? offset } };
}

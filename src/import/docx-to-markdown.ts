/**
 * A DOCX (Word, WPS, LibreOffice, pandoc or plangen's own) as Markdown text: mammoth reads
 * paragraph styles and direct formatting into HTML, rehype-remark turns that into mdast,
 * remark-stringify writes it. The text then goes through the same pasted-text reading as
 * a `.txt` file, so typed numbering and indents in files without heading styles are
 * understood the same way. Loaded only by `plangen import`.
 */
import mammoth from 'mammoth';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import type { PhrasingContent, Root, RootContent } from 'mdast';
import { typedMarker } from '../parse/paste/markers.js';
import { phrasingText } from './blocks.js';

export interface DocxText {
  readonly markdown: string;
  /** Pictures in the file: not carried over (a plan names image files instead). */
  readonly images: number;
}

export async function docxToMarkdown(bytes: Uint8Array): Promise<DocxText> {
  let images = 0;
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes) },
    {
      // A title style is the document title; plangen's own files have no style for it.
      styleMap: ["p[style-name='Title'] => p:fresh", "p[style-name='Subtitle'] => p:fresh"],
      convertImage: mammoth.images.imgElement(async () => {
        images++;
        return { src: '' };
      }),
    },
  );
  // plangen keeps names on one line with U+2060 word joiners; they are layout, not text.
  const html = result.value.replace(/[\u2060\u200b\ufeff]/g, '');
  const processor = unified().use(rehypeParse, { fragment: true }).use(rehypeRemark).use(remarkGfm).use(remarkStringify, { bullet: '-', fences: true });
  const tree = (await processor.run(processor.parse(html))) as Root;
  tree.children = tree.children.flatMap(shiftHeading);
  return { markdown: processor.stringify(tree), images };
}

/**
 * Word's Heading 1 is the 一、 level, which a plan writes as `##`; a fifth level and below
 * has no 公文 form and is kept as a paragraph. Images (mammoth left them empty) go.
 */
function shiftHeading(node: RootContent): RootContent[] {
  // Bookmarks (pandoc marks every heading) arrive as empty links: they hold no text.
  if ((node.type === 'paragraph' || node.type === 'heading') && node.children.some(isEmptyLink)) {
    const children = node.children.filter((c) => !isEmptyLink(c));
    if (children.length === 0) return [];
    return shiftHeading({ ...node, children } as RootContent);
  }
  if (node.type === 'heading') {
    if (node.depth >= 5) return [{ type: 'paragraph', children: node.children }];
    return [{ ...node, depth: (node.depth + 1) as 2 | 3 | 4 | 5 }];
  }
  if (node.type === 'paragraph') {
    // A numbered line set in bold is a heading typed by hand (Word files without heading
    // styles): the bold is its face, which plangen gives headings itself, and left on it
    // would hide the marker from the pasted-text reading.
    const solid = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    const only = solid[0];
    if (solid.length === 1 && only && (only.type === 'strong' || only.type === 'emphasis') && typedMarker(phrasingText(only.children).trim())) {
      return [{ ...node, children: only.children }];
    }
    const children = node.children.filter((c) => c.type !== 'image');
    return children.length > 0 ? [{ ...node, children }] : [];
  }
  return [node];
}

function isEmptyLink(node: PhrasingContent): boolean {
  return node.type === 'link' && node.children.length === 0;
}

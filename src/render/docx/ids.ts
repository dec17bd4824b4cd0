/**
 * docx numbers drawings (`wp:docPr id`) from a counter that lives as long as the process,
 * so the second document rendered in a process gets different ids from the first. Number
 * them in order of appearance instead, so a model always gives the same bytes.
 */
export function renumberIds(xml: string): string {
  let next = 0;
  return xml.replace(/(<wp:docPr\b[^>]*?\bid=")\d+(")/g, (_m, head: string, tail: string) => `${head}${++next}${tail}`);
}

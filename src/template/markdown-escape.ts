/**
 * Values from the front matter are inserted into partials that are Markdown source, so
 * they are escaped for Markdown (not HTML): a unit written `A*B|C`, a name holding `<`
 * or `[x](y)` must come out literally in the document, never as emphasis, a table
 * column, raw HTML or a link.
 */

// Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them
// all is simpler and safer than guessing which ones are significant in which context.
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Escape a value for literal insertion into Markdown source (one line, no structure). */
export function escapeMarkdown(value: string): string {
  // A newline inside a value would end the paragraph or start a block; a value is one line.
  return value.replace(/[ \t]*\r?\n[ \t\u3000]*/g, ' ').replace(ASCII_PUNCTUATION, (c) => '\\' + c);
}

/** Undo `escapeMarkdown`, for values that leave Markdown again (document block texts). */
export function unescapeMarkdown(value: string): string {
  return value.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

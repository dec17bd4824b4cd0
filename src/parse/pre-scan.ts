import { budgets } from '../util/budgets.js';
import type { RuleId } from '../diagnostics/catalogue.js';

/**
 * Linear checks on the raw Markdown text, before micromark sees it. The Markdown tools
 * recurse once per nesting level and resolve emphasis and brackets in time that grows
 * faster than the input, so a few kilobytes of `>`, `*` or `![` can overflow the stack or
 * run for minutes; counting them on the text costs one pass.
 */
export interface Refusal {
  /** Offset in the scanned text. */
  readonly offset: number;
  readonly ruleId: RuleId;
  readonly args: Readonly<Record<string, number>>;
}

// One container level at the start of a line: a block quote marker or a list marker.
const CONTAINER = /^[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;
const LIST_ITEM = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
// A line of only `*`, `-` or `_` (with spaces) is a thematic break, not emphasis.
const THEMATIC_BREAK = /^[ \t]*(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;
// Lines that start a block of their own inline content: a list item, a heading, a table row.
const BLOCK_START = /^[ \t>]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#{1,6}[ \t]|\|)/;

/** The first budget the text breaks, or undefined. */
export function preScan(text: string): Refusal | undefined {
  // Text past the document budget cannot make a document within it (Markdown only removes
  // characters): refuse it before paying for the parse, at the character that passes it.
  if (text.length > budgets.documentChars) return { offset: budgets.documentChars, ruleId: 'document-too-large', args: { limit: budgets.documentChars } };
  return findTooDeep(text) ?? findInlineTooDeep(text) ?? findTooManyCells(text) ?? findTooManyItems(text) ?? findTooManyBlocks(text);
}

/**
 * The first line whose container prefix (`> > - 1. …`, or indentation, four columns a
 * level) goes deeper than the block nesting budget.
 */
export function findTooDeep(text: string): Refusal | undefined {
  let offset = 0;
  for (const line of text.split('\n')) {
    let rest = line;
    let depth = 0;
    for (let m = CONTAINER.exec(rest); m && m[0].length > 0; m = CONTAINER.exec(rest)) {
      depth++;
      rest = rest.slice(m[0].length);
      if (depth > budgets.blockNesting) break;
    }
    const indent = /^[ \t]*/.exec(line)?.[0].replace(/\t/g, '    ').length ?? 0;
    depth = Math.max(depth, Math.floor(indent / 4));
    if (depth > budgets.blockNesting) return { offset, ruleId: 'nesting-too-deep', args: { limit: budgets.blockNesting, depth } };
    offset += line.length + 1;
  }
  return undefined;
}

/**
 * Inline nesting, counted per paragraph (a blank line ends one): brackets `[`/`![` not
 * yet closed, and runs of `*`, `_` or `~` long enough to open that many emphases
 * (a run of 2n delimiters can nest n levels). Also the number of such runs and brackets
 * in one paragraph (`inline-too-many`): micromark matches each closer against the
 * openers before it, so a paragraph of 20,000 `a*` or `a]` takes 20 s. Code fences are skipped; a bracket in code
 * is counted like any other, which only errs towards a higher depth in code no plan has.
 */
export function findInlineTooDeep(text: string): Refusal | undefined {
  const limit = budgets.inlineNesting;
  const most = budgets.inlineMarkers;
  let depth = 0;
  let depthStart = 0;
  // Emphasis runs and brackets of the current paragraph (or heading, item, table row).
  let markers = 0;
  let markersStart = 0;
  const marker = (at: number): Refusal | undefined => {
    if (markers === 0) markersStart = at;
    return ++markers > most ? { offset: markersStart, ruleId: 'inline-too-many', args: { limit: most } } : undefined;
  };
  let offset = 0;
  let fence = '';
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const f = FENCE.exec(line)?.[1];
    if (fence) {
      if (f && f[0] === fence[0] && f.length >= fence.length) fence = '';
      continue;
    }
    if (f) {
      fence = f;
      continue;
    }
    if (line.trim() === '') {
      depth = 0;
      markers = 0;
      continue;
    }
    if (THEMATIC_BREAK.test(line)) continue;
    if (BLOCK_START.test(line)) markers = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 92 /* \ */) {
        i++;
        continue;
      }
      if (c === 91 /* [ */) {
        if (depth === 0) depthStart = start + i;
        if (++depth > limit) return { offset: depthStart, ruleId: 'inline-too-deep', args: { limit, depth } };
        const many = marker(start + i);
        if (many) return many;
      } else if (c === 93 /* ] */) {
        if (depth > 0) depth--;
        const many = marker(start + i);
        if (many) return many;
      } else if (c === 42 /* * */ || c === 95 /* _ */ || c === 126 /* ~ */) {
        let j = i;
        while (j < line.length && line.charCodeAt(j) === c) j++;
        const levels = Math.floor((j - i) / 2);
        if (levels > limit) return { offset: start + i, ruleId: 'inline-too-deep', args: { limit, depth: levels } };
        const many = marker(start + i);
        if (many) return many;
        i = j - 1;
      }
    }
  }
  return undefined;
}

/**
 * Table cells: a run of consecutive lines holding `|` (a GFM table and its rows), each
 * line counted as its pipes plus one. Close to the parser's count, and never below it
 * by more than a row's edge cells.
 */
export function findTooManyCells(text: string): Refusal | undefined {
  let offset = 0;
  let cells = 0;
  let tableStart = 0;
  for (const line of text.split('\n')) {
    let pipes = 0;
    for (let i = line.indexOf('|'); i >= 0; i = line.indexOf('|', i + 1)) pipes++;
    if (pipes === 0) cells = 0;
    else {
      if (cells === 0) tableStart = offset;
      cells += Math.max(1, pipes - 1);
      if (cells > budgets.tableCells) return { offset: tableStart, ruleId: 'table-too-large', args: { limit: budgets.tableCells } };
    }
    offset += line.length + 1;
  }
  return undefined;
}

/** List items of the whole file: lines starting (inside any quotes) with a list marker. */
export function findTooManyItems(text: string): Refusal | undefined {
  let offset = 0;
  let items = 0;
  for (const line of text.split('\n')) {
    if (LIST_ITEM.test(line) && !THEMATIC_BREAK.test(line) && ++items > budgets.listItems) {
      return { offset, ruleId: 'list-too-long', args: { limit: budgets.listItems } };
    }
    offset += line.length + 1;
  }
  return undefined;
}

/**
 * Blocks of the whole file: a line starting a paragraph (after a blank line), a list item
 * or a heading, and every table cell. Counted like the expansion counts them, a little
 * higher (a list item's paragraph is one block here, one there too).
 */
export function findTooManyBlocks(text: string): Refusal | undefined {
  let offset = 0;
  let blocks = 0;
  let prevBlank = true;
  for (const line of text.split('\n')) {
    const blank = line.trim() === '';
    if (!blank) {
      let pipes = 0;
      for (let i = line.indexOf('|'); i >= 0; i = line.indexOf('|', i + 1)) pipes++;
      blocks += pipes > 0 ? Math.max(1, pipes - 1) : prevBlank || BLOCK_START.test(line) ? 1 : 0;
      if (blocks > budgets.documentBlocks) return { offset, ruleId: 'too-many-blocks', args: { limit: budgets.documentBlocks } };
    }
    prevBlank = blank;
    offset += line.length + 1;
  }
  return undefined;
}

// A block scalar header (`|`, `>-`, `|2+` …) ends its line: the lines under it are text.
const BLOCK_SCALAR = /(?:^|[ \t])[|>][-+0-9]*[ \t]*(?:#.*)?$/;

/**
 * The first place where the YAML front matter `text` goes deeper than its nesting budget,
 * counted before yaml parses it (yaml recurses once per level, so a few thousand `[` end in
 * a stack overflow whose only words are the engine's). A level is an indentation step, a
 * `- ` or `? ` written on the same line as the one before, or a `[` or `{` not yet closed.
 * Quoted text, comments and block scalars are skipped; a bracket inside a plain value in
 * block context (`title: 关于[试点]工作`) is text, not a level. The count errs high only on
 * YAML that yaml would refuse anyway. Offsets are into `text`.
 */
export function findFrontMatterTooDeep(text: string): Refusal | undefined {
  const limit = budgets.frontMatterNesting;
  const refuse = (offset: number): Refusal => ({ offset, ruleId: 'front-matter-too-deep', args: { limit } });
  const indents: number[] = [];
  let flow = 0;
  let quote = '';
  // Lines indented deeper than this belong to a block scalar (-1: none).
  let scalarIndent = -1;
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    const blank = indent === line.length || line[indent] === '#';
    if (scalarIndent >= 0) {
      if (blank || indent > scalarIndent) continue;
      scalarIndent = -1;
    }
    let i = indent;
    // Levels of the block structure at this line (not counted inside flow collections or quotes).
    let block = indents.length;
    if (flow === 0 && !quote && !blank) {
      while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
      indents.push(indent);
      block = indents.length;
      if (block > limit) return refuse(start + indent);
    }
    let valueStart = flow === 0 && !quote;
    for (; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = '';
        continue;
      }
      if (c === ' ' || c === '\t') continue;
      if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) break;
      const next = line[i + 1];
      const spaced = next === undefined || next === ' ' || next === '\t';
      if (flow === 0) {
        if (valueStart && (c === '-' || c === '?') && spaced) {
          if (++block > limit) return refuse(start + i);
          continue;
        }
        if (c === ':' && spaced) {
          valueStart = true;
          continue;
        }
        if (valueStart && (c === '"' || c === "'")) quote = c;
        else if (valueStart && (c === '[' || c === '{')) {
          flow = 1;
          if (block + flow > limit) return refuse(start + i);
        }
        valueStart = false;
        continue;
      }
      if (c === '[' || c === '{') {
        if (++flow + block > limit) return refuse(start + i);
      } else if (c === ']' || c === '}') flow--;
      else if ((c === '"' || c === "'") && /[\s[{,:]/.test(line[i - 1] ?? ' ')) quote = c;
    }
    if (flow === 0 && !quote && BLOCK_SCALAR.test(line)) scalarIndent = indent;
  }
  return undefined;
}

/**
 * How much work one plan may ask for. Each limit is about ten times what the largest real
 * plan needs (the 500 KB benchmark plan included), so no honest plan meets one, while a
 * hostile or corrupted file is refused with a diagnostic before it can exhaust time or
 * memory. Every limit is documented under its rule id in docs/rules.md.
 */
export const budgets = {
  /** Block quotes and lists nested inside each other (`nesting-too-deep`). */
  blockNesting: 32,
  /** Emphasis, links and images open inside each other (`inline-too-deep`). */
  inlineNesting: 32,
  /**
   * Emphasis runs (`*`, `_`, `~`) and brackets in one paragraph, heading, list item or
   * table row (`inline-too-many`); matching them costs the square of their number.
   */
  inlineMarkers: 200,
  /** Cells of one Markdown table (`table-too-large`): 500 rows of 10 columns. */
  tableCells: 5_000,
  /** Items of all Markdown lists in one file together (`list-too-long`). */
  listItems: 10_000,
  /** Characters of the YAML front matter (`front-matter-too-large`); the benchmark plan's is 22,000. */
  frontMatterChars: 256_000,
  /**
   * Levels of the front matter: indentation, `- `/`? ` on one line and open `[`/`{`
   * together (`front-matter-too-deep`); a real plan has four or five. yaml recurses once
   * per level and overflows the stack at about a thousand.
   */
  frontMatterNesting: 32,
  /** Items of one list in the front matter, e.g. `duties` (`list-too-long`). */
  frontMatterItems: 1_000,
  /**
   * Paragraphs, headings and table cells of the whole expanded document, and of any one
   * file (`too-many-blocks`): 20,000 short paragraphs take 500 MB to lay out. The 500 KB
   * benchmark plan has about 5,000.
   */
  documentBlocks: 20_000,
  /** Characters of the whole expanded document, attachments included (`document-too-large`). */
  documentChars: 2_000_000,
  /** Characters one template expansion may produce (`template-output-too-large`). */
  templateOutput: 2_000_000,
  /** Passes through `{{#each}}` and other block helpers in one plan (`template-loop-too-long`). */
  templateIterations: 200_000,
  /** Blocks (`{{#each}}`, `{{#if}}`, `{{else if}}`…) nested in one template file (`template-too-deep`). */
  templateNesting: 32,
  /**
   * `{{…}}` in one template file, or in a plan's body altogether (`template-too-long`);
   * the built-in templates have about 100, a plan body a few dozen.
   */
  templateMustaches: 2_000,
  /** Partials included inside partials (`partial-too-deep`). */
  partialDepth: 16,
  /** Partials included in one plan altogether (`partial-too-many`). */
  partialCalls: 20_000,
  /** Pixels of one image (`image-too-many-pixels`): 10,000 × 10,000. */
  imagePixels: 100_000_000,
  /**
   * V8 heap for the work on one plan, in MB (`resource-limit`). From 2 GB up V8 lets the old
   * generation grow 4× between full collections (below, 1.3–2×): a batch's worker then
   * makes about a fifth as many full collections, and each one drops the optimised code of
   * the closures micromark and mdast make per parse, which the next plans re-optimise. At
   * 1,536 MB a 200-plan batch used about a fifth more CPU (docs/performance.md, "batchpar").
   */
  heapMb: 2_048,
} as const;

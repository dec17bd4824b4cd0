import * as path from 'node:path';
import type { Parent, Root, RootContent, Text } from 'mdast';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic, Reporter, withDetail } from '../diagnostics/report.js';
import type { DocAttachmentNote, DocAttachmentPage } from '../model/document.js';
import type { Plan } from '../model/plan.js';
import type { ParsedPlan } from '../parse/parse-plan.js';
import type { PasteNote } from '../parse/paste/index.js';
import { parseWritten } from '../parse/parse-plan.js';
import { locate } from '../parse/yaml-path.js';
import { accessFor, problemDiagnostic, readContained, type Access } from '../io/contain.js';
import { decodeBytes } from '../read/read-file.js';
import { checkCharacters } from '../validate/rules/characters.js';
import { attachmentShownPath } from '../validate/rules/attachment-files.js';
import { preScan } from '../parse/pre-scan.js';
import { budgets } from '../util/budgets.js';
import { makeSource, positionAt } from '../read/source.js';
import {
  checkHbs,
  parseHbs,
  prepareHandlebars,
  newHbsBudget,
  renderHbs,
  SENTINEL_CLOSE,
  SENTINEL_OPEN,
  suggest,
  type CodePartial,
  type HbsBudget,
  type Rendered,
  type ParsedHbs,
} from './handlebars-run.js';
import { templateRefPosition, type LoadedTemplate } from './load.js';
import { escapeMarkdown, unescapeMarkdown } from './markdown-escape.js';
import { cloneTree, dataOf, parseRendered, partialParagraphName, positionOf, shiftHeadings, textOf, visitNodes } from './mdast-util.js';
import { blockPartials, isBlockPartial, type BlockPartial } from './names.js';
import { mergeSections, type AutoSection, type Placement } from './sections.js';
import { buildView, dataSections, hasData, isDataSection, type DataSection, type View } from './view.js';

export interface ExpandInput {
  readonly parsed: ParsedPlan;
  readonly plan: Plan;
  /** The front matter as written. */
  readonly data: unknown;
  readonly template: LoadedTemplate;
  /** Absolute folder of the plan. */
  readonly planDir: string;
  /** Where attachment files may lie (the plan's project, folders allowed with --allow-read). */
  readonly access?: Access;
  /** Attachment files check has parsed already, by absolute path: used while the file still reads the same. */
  readonly attachments?: ReadonlyMap<string, ParsedAttachment>;
}

/** An attachment file as check parsed it (its body, front matter removed). */
export interface ParsedAttachment {
  readonly text: string;
  readonly body: Root;
  readonly paste: readonly PasteNote[];
}

/**
 * template stage: plan + template → the document tree for the DOCX writer. The plan body
 * is expanded first (its `{{> section}}` paragraphs and inline `{{field}}` values), the
 * sections it leaves out are merged in, then the skeleton places the body and the
 * document blocks. Problems are diagnostics at the plan's or the template's file:line:col.
 */
export async function expandDocument(input: ExpandInput): Promise<{ tree: Root; diagnostics: Diagnostic[]; notes: Diagnostic[] }> {
  const { parsed, plan, template } = input;
  const planFile = parsed.source.path;
  const diagnostics: Diagnostic[] = [];
  // Info notes (where each data section went) are kept apart: they are not problems.
  const notes: Diagnostic[] = [];
  const skeletonSections = skeletonDataSections(template.skeleton);

  // 1. Which sections the body places itself.
  const body = cloneTree(parsed.body);
  const bodyPlaced = new Set<DataSection>();
  const bodyPartials: { parent: Parent; node: RootContent; name: string }[] = [];
  visitParents(body, (parent, node) => {
    const name = partialParagraphName(node);
    if (name === undefined) {
      if (node.type === 'text' && /\{\{~?>/.test(node.value) && partialParagraphName(parent as RootContent) === undefined) {
        const p = positionOf(node)?.start ?? { line: 1, column: 1 };
        diagnostics.push(diagnostic(planFile, p.line, p.column, 'partial-not-alone', { name: /\{\{~?>\s*([^\s}]+)/.exec(node.value)?.[1] ?? '' }));
        node.value = '';
      }
      return;
    }
    bodyPartials.push({ parent, node, name });
    if (isDataSection(name)) {
      if (bodyPlaced.has(name)) {
        const p = positionOf(node)?.start ?? { line: 1, column: 1 };
        diagnostics.push(diagnostic(planFile, p.line, p.column, 'section-twice', { name }));
      }
      bodyPlaced.add(name);
    }
  });
  const placed = Object.fromEntries(dataSections.map((s) => [s, bodyPlaced.has(s)])) as Record<DataSection, boolean>;
  const mdView = buildView(plan, input.data, escapeMarkdown, placed);
  const rawView = buildView(plan, input.data, (s) => s, placed);
  const partialNames = [...template.partials.keys()];
  // One budget for every render of this plan: a plan's limits hold however its work is split.
  const budget = newHbsBudget();

  const renderSection = (name: string): RootContent[] => {
    if (name === 'attachments') return attachmentNote(plan);
    if (isDataSection(name) && !hasData(plan, name)) return [];
    const entry = template.partials.get(name);
    if (!entry) return [];
    const r = renderHbs({ entry, partials: template.partials, view: mdView, budget });
    diagnostics.push(...r.diagnostics);
    return r.rendered ? parseWithin(r.rendered, diagnostics) : [];
  };

  // 2. Inline values in the body's text, then its partial paragraphs.
  // The text of a `{{> name}}` paragraph is a placement, not an inline value.
  const bodyPartialNodes = new Set<unknown>(bodyPartials.flatMap((b) => (b.node.type === 'paragraph' ? b.node.children : [])));
  // Each text node is compiled on its own (about 0.3 ms each): the body's `{{…}}` count
  // together against the same budget as one template file's.
  let mustaches = 0;
  const inline: Text[] = [];
  visitNodes(body, (n) => {
    if (n.type === 'text' && !bodyPartialNodes.has(n) && n.value.includes('{{')) inline.push(n);
  });
  await prepareHandlebars(inline.map((n) => n.value));
  // expandInline only sets a text node's value, so the nodes found above are all there is to expand.
  for (const n of inline) {
    mustaches += n.value.split('{{').length - 1;
    if (mustaches > budgets.templateMustaches) {
      const p = positionOf(n)?.start ?? { line: 1, column: 1 };
      diagnostics.push(diagnostic(planFile, p.line, p.column, 'template-too-long', { limit: budgets.templateMustaches }));
      break;
    }
    diagnostics.push(...expandInline(n, parsed, rawView, budget));
  }
  const seen = new Set<string>();
  let leadersHome: RootContent | undefined;
  for (const { parent, node, name } of bodyPartials) {
    const at = positionOf(node)?.start ?? { line: 1, column: 1 };
    let nodes: RootContent[] = [];
    if (/[\\/]|\.\./.test(name)) {
      diagnostics.push(diagnostic(planFile, at.line, at.column, 'template-forbidden', { name }));
    } else if (isBlockPartial(name)) {
      diagnostics.push(diagnostic(planFile, at.line, at.column, 'partial-block-in-body', { name }));
    } else if (!isDataSection(name) && !template.partials.has(name)) {
      diagnostics.push(diagnostic(planFile, at.line, at.column, 'partial-missing', { name, suggestion: suggest(name, [...dataSections, ...partialNames]) }));
    } else if (!seen.has(name)) {
      nodes = renderSection(name);
      shiftHeadings(nodes, headingShift(parent, node));
      if (name === 'leaders') leadersHome = nodes[0];
    }
    seen.add(name);
    const i = parent.children.indexOf(node as never);
    parent.children.splice(i, 1, ...(nodes as never[]));
  }

  // 3. Sections nobody places explicitly go where convention puts them.
  const auto = new Map<AutoSection, RootContent[]>();
  for (const s of ['leaders', 'groups', 'phases', 'targets', 'duties'] as const) {
    if (!placed[s] && !skeletonSections.has(s) && hasData(plan, s)) auto.set(s, renderSection(s));
  }
  const merged = mergeSections(body.children, auto, template.sections, leadersHome);
  const bodyNodes = merged.nodes;
  notes.push(...placementNotes(merged.placements, input, bodyPartials));

  // 4. The skeleton, with document blocks as sentinels replaced once it is Markdown.
  const calls: { name: string; hash: Readonly<Record<string, unknown>> }[] = [];
  const codePartials = new Map<string, CodePartial>();
  for (const name of [...blockPartials, ...dataSections]) {
    codePartials.set(name, (hash) => `\n${SENTINEL_OPEN}${calls.push({ name, hash }) - 1}${SENTINEL_CLOSE}\n\n`);
  }
  const skeleton = renderHbs({ entry: template.skeleton, partials: template.partials, codePartials, view: mdView, budget });
  diagnostics.push(...skeleton.diagnostics);
  const tree: Root = { type: 'root', children: [] };
  if (!skeleton.rendered) return { tree, diagnostics, notes };
  const skeletonNodes = parseWithin(skeleton.rendered, diagnostics);

  const state = { attachmentNotePlaced: placed.attachments, sectionsPlaced: new Set<string>() };
  const blockContext: BlockContext = { input, bodyNodes, renderSection, state, placed, diagnostics, notes };
  const sentinel = new RegExp(`${SENTINEL_OPEN}(\\d+)${SENTINEL_CLOSE}`, 'g');
  const alone = new RegExp(`^\\s*${SENTINEL_OPEN}(\\d+)${SENTINEL_CLOSE}\\s*$`);
  for (const node of skeletonNodes) {
    const text = node.type === 'paragraph' ? plainText(node) : '';
    const only = alone.exec(text);
    const call = only ? calls[Number(only[1])] : undefined;
    if (call) {
      tree.children.push(...(await placeBlock(call.name, call.hash, node, blockContext)));
      continue;
    }
    // A block partial written inside other text cannot become a block.
    visitNodes(node, (n) => {
      if (n.type !== 'text' || !n.value.includes(SENTINEL_OPEN)) return;
      const p = positionOf(n)?.start ?? positionOf(node)?.start ?? { line: 1, column: 1 };
      for (const m of n.value.matchAll(sentinel)) {
        diagnostics.push(diagnostic(dataOf(node).file ?? template.skeleton.file.source.path, p.line, p.column, 'partial-not-alone', { name: calls[Number(m[1])]?.name ?? '' }));
      }
      n.value = n.value.replace(sentinel, '');
    });
    tree.children.push(node);
  }
  const tooLarge = overBudget(tree.children, planFile);
  if (tooLarge) return { tree: { type: 'root', children: [] }, diagnostics: [...diagnostics, tooLarge], notes };
  return { tree, diagnostics, notes };
}

/** document-too-large or too-many-blocks at the block where the document passes the budget. */
function overBudget(nodes: readonly RootContent[], planFile: string): Diagnostic | undefined {
  const size = { chars: 0, blocks: 0 };
  for (const node of nodes) {
    const more = documentSize([node]);
    size.chars += more.chars;
    size.blocks += more.blocks;
    const over = sizeOver(size);
    if (!over) continue;
    // Document blocks (attachment pages) carry no position: name the plan then.
    const inner = positionOf(node) ? node : ('children' in node ? (node.children as RootContent[]).find((c) => positionOf(c)) : undefined);
    const p = (inner && positionOf(inner)?.start) ?? { line: 1, column: 1 };
    return diagnostic((inner && dataOf(inner).file) ?? planFile, p.line, p.column, over.ruleId, { limit: over.limit });
  }
  return undefined;
}

/**
 * A template's output as Markdown, after the parser budgets: a loop can write what no
 * file would (20,000 `a*` in one paragraph), so the output is pre-scanned like a file and
 * a refusal is reported at the template line that wrote the offending text.
 */
function parseWithin(rendered: Rendered, diagnostics: Diagnostic[]): RootContent[] {
  const refusal = preScan(rendered.text);
  if (!refusal) return parseRendered(rendered.text, rendered.lines);
  const line = positionAt(makeSource('', rendered.text), refusal.offset).line;
  const from = rendered.lines[line - 1] ?? rendered.lines[0] ?? { file: '', line: 1 };
  diagnostics.push(diagnostic(from.file, from.line, 1, refusal.ruleId, { ...refusal.args }));
  return [];
}

interface BlockContext {
  readonly input: ExpandInput;
  readonly bodyNodes: RootContent[];
  readonly renderSection: (name: string) => RootContent[];
  readonly state: { attachmentNotePlaced: boolean; sectionsPlaced: Set<string> };
  /** Sections the body placed itself. */
  readonly placed: Readonly<Record<DataSection, boolean>>;
  readonly diagnostics: Diagnostic[];
  readonly notes: Diagnostic[];
}

/** The nodes a skeleton's `{{> name}}` paragraph stands for. */
async function placeBlock(name: string, hash: Readonly<Record<string, unknown>>, at: RootContent, ctx: BlockContext): Promise<RootContent[]> {
  const { plan, template, parsed } = ctx.input;
  const arg = (key: string) => (typeof hash[key] === 'string' ? unescapeMarkdown(hash[key]) : undefined);
  const pos = positionOf(at)?.start ?? { line: 1, column: 1 };
  const file = dataOf(at).file ?? template.skeleton.file.source.path;
  if (isDataSection(name)) {
    if (ctx.state.sectionsPlaced.has(name)) {
      ctx.diagnostics.push(diagnostic(file, pos.line, pos.column, 'section-twice', { name }));
      return [];
    }
    ctx.state.sectionsPlaced.add(name);
    if (name === 'attachments') return noteOnce(ctx);
    // The body's own placement wins; the skeleton's is the fallback.
    if (ctx.placed[name]) return [];
    const nodes = ctx.renderSection(name);
    if (nodes.length > 0) ctx.notes.push(diagnostic(file, pos.line, pos.column, 'section-by-template', { name, template: template.name }));
    return nodes;
  }
  // The body's nodes can stand in one place only.
  if (name === 'body' || name === 'plan-page') {
    if (ctx.state.sectionsPlaced.has('body')) {
      ctx.diagnostics.push(diagnostic(file, pos.line, pos.column, 'section-twice', { name }));
      return [];
    }
    ctx.state.sectionsPlaced.add('body');
  }
  switch (name as BlockPartial) {
    case 'title':
      return [{ type: 'docTitle', text: arg('text') ?? plan.title }];
    case 'recipients': {
      const names = plan.recipients;
      return names.length > 0 ? [{ type: 'docRecipients', names }] : [];
    }
    case 'body':
      return ctx.bodyNodes;
    case 'attachment-note':
      return noteOnce(ctx);
    case 'signature': {
      const issuer = arg('issuer') ?? plan.issuer;
      if (!issuer && !plan.date && !plan.note) return [];
      return [{ type: 'docSignature', ...(issuer ? { issuer } : {}), ...(plan.date ? { date: plan.date.text } : {}), ...(plan.note ? { note: plan.note } : {}) }];
    }
    case 'attachment-pages':
      return attachmentPages(ctx);
    case 'plan-page': {
      const children = [...ctx.bodyNodes, ...noteOnce(ctx)];
      const page: DocAttachmentPage = { type: 'docAttachmentPage', label: arg('label') ?? '附件', title: arg('title') ?? plan.title, children };
      return [page];
    }
    case 'red-header': {
      const mark = arg('mark') ?? plan.mark ?? (plan.issuer ? `${plan.issuer}文件` : undefined);
      if (!mark) {
        const p = templateRefPosition(parsed) ?? { line: 1, column: 1 };
        ctx.diagnostics.push(diagnostic(parsed.source.path, p.line, p.column, 'template-needs-field', { template: template.name, field: 'issuer' }));
        return [];
      }
      return [
        {
          type: 'docRedHeader',
          mark,
          signers: plan.signers,
          ...(plan.copyNumber ? { copyNumber: plan.copyNumber } : {}),
          ...(plan.secrecy ? { secrecy: plan.secrecy } : {}),
          ...(plan.urgency ? { urgency: plan.urgency } : {}),
          ...(plan.number ? { number: plan.number } : {}),
        },
      ];
    }
    case 'colophon':
      if (plan.cc.length === 0 && !plan.printer) return [];
      return [{ type: 'docColophon', cc: plan.cc, ...(plan.printer ? { printer: plan.printer } : {}), ...(plan.printed ? { printed: plan.printed.text } : {}) }];
    case 'page-break':
      return [{ type: 'docPageBreak' }];
  }
  return [];
}

/**
 * Info notes (shown by `check --verbose`) saying where each data section went and why:
 * where the body put it, under the body's heading of its kind, or as a new section.
 */
function placementNotes(placements: readonly Placement[], input: ExpandInput, bodyPartials: readonly { node: RootContent; name: string }[]): Diagnostic[] {
  const file = input.parsed.source.path;
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const { node, name } of bodyPartials) {
    if (!isDataSection(name) || seen.has(name) || !hasData(input.plan, name)) continue;
    seen.add(name);
    const p = positionOf(node)?.start ?? { line: 1, column: 1 };
    out.push(diagnostic(file, p.line, p.column, 'section-in-body', { name }));
  }
  for (const pl of placements) {
    if (pl.how === 'end') {
      // No body heading to point at: the data's own field in the front matter.
      const p = frontMatterPosition(input.parsed, [pl.section]);
      out.push(diagnostic(file, p.line, p.column, 'section-new-heading-end', { name: pl.section, kind: pl.kind }));
      continue;
    }
    // A heading added by an earlier placement has no place in the file: point at the data.
    const p = positionOf(pl.heading)?.start ?? frontMatterPosition(input.parsed, [pl.section]);
    const heading = textOf(pl.heading);
    out.push(diagnostic(file, p.line, p.column, pl.how === 'under' ? 'section-under-heading' : 'section-new-heading', { name: pl.section, heading, kind: pl.kind }));
  }
  return out;
}

function noteOnce(ctx: BlockContext): RootContent[] {
  if (ctx.state.attachmentNotePlaced) return [];
  ctx.state.attachmentNotePlaced = true;
  return attachmentNote(ctx.input.plan);
}

function attachmentNote(plan: Plan): RootContent[] {
  if (plan.attachments.length === 0) return [];
  const note: DocAttachmentNote = { type: 'docAttachmentNote', items: plan.attachments.map((a) => a.title) };
  return [note];
}

/**
 * One page per attachment that has a `file:`; its Markdown is parsed as part of the
 * document. Each file is read and parsed once however often it is listed, and the pages
 * stop at the document size budget, reported at the `file:` that crossed it.
 */
async function attachmentPages(ctx: BlockContext): Promise<RootContent[]> {
  const { plan, parsed, planDir } = ctx.input;
  const pages: RootContent[] = [];
  const several = plan.attachments.length > 1;
  // Each file is read and parsed once, however often it is listed.
  const files = new Map<string, { children: RootContent[]; size: { chars: number; blocks: number }; used?: boolean } | undefined>();
  const size = documentSize(ctx.bodyNodes);
  for (const a of plan.attachments) {
    if (!a.file) continue;
    const abs = path.resolve(planDir, a.file);
    if (!files.has(abs)) files.set(abs, await readAttachment(abs, a.file, a.index, ctx));
    const file = files.get(abs);
    if (!file) continue;
    size.chars += file.size.chars;
    size.blocks += file.size.blocks;
    const over = sizeOver(size);
    if (over) {
      const p = frontMatterPosition(parsed, ['attachments', a.index - 1, 'file']);
      ctx.diagnostics.push(diagnostic(parsed.source.path, p.line, p.column, over.ruleId, { limit: over.limit }));
      break;
    }
    // Pages share no nodes: later stages write to them (numbering, heading shifts).
    const children = file.used ? cloneTree(file.children) : file.children;
    file.used = true;
    pages.push({ type: 'docAttachmentPage', label: several ? `附件${a.index}` : '附件', title: a.title, children });
  }
  return pages;
}

/**
 * One attachment file, read through the containment check, proofread for characters a
 * document cannot hold, held to the plan's parser budgets and given the pasted-text
 * structure; problems are reported in the attachment, or at the plan's `file:` value when
 * the file cannot be read at all.
 */
async function readAttachment(abs: string, written: string, index: number, ctx: BlockContext): Promise<{ children: RootContent[]; size: { chars: number; blocks: number } } | undefined> {
  const { parsed, planDir } = ctx.input;
  const shown = attachmentShownPath(parsed.source.path, written);
  const bytes = await readContained(abs, 'attachment', ctx.input.access ?? accessFor(planDir));
  if (!bytes.ok) {
    const p = frontMatterPosition(parsed, ['attachments', index - 1, 'file']);
    ctx.diagnostics.push(problemDiagnostic(bytes, 'attachment', { file: parsed.source.path, ...p }, written, 'attachment-missing'));
    return undefined;
  }
  const read = decodeBytes(bytes.bytes, shown);
  ctx.diagnostics.push(...read.diagnostics);
  if (!read.ok) return undefined;
  // An attachment is printed into the document: it may not carry what the plan may not.
  const chars = new Reporter(read.source);
  checkCharacters(read.source, chars);
  ctx.diagnostics.push(...chars.list);
  // The plan's parser budgets hold for its attachments, reported in the attachment.
  const refusal = preScan(read.source.text);
  if (refusal) {
    const p = positionAt(read.source, refusal.offset);
    ctx.diagnostics.push(diagnostic(shown, p.line, p.column, refusal.ruleId, { ...refusal.args }));
    return undefined;
  }
  const known = ctx.input.attachments?.get(abs);
  const { root, paste } = known && known.text === read.source.text ? { root: known.body, paste: known.paste } : parseWritten(read.source);
  for (const note of paste) {
    const p = positionAt(read.source, note.start);
    const d = diagnostic(shown, p.line, p.column, note.ruleId, { ...note.args });
    ctx.diagnostics.push(note.detail === undefined ? d : withDetail(d, note.detail));
  }
  const children = root.children.filter((n) => n.type !== 'yaml');
  const baseDir = path.dirname(abs);
  for (const c of children) {
    visitNodes(c, (n) => {
      dataOf(n).file = shown;
      if (n.type === 'image') dataOf(n).baseDir = baseDir;
    });
  }
  return { children, size: documentSize(children) };
}

function documentSize(nodes: readonly RootContent[]): { chars: number; blocks: number } {
  let chars = 0;
  let blocks = 0;
  for (const node of nodes) {
    visitNodes(node, (x) => {
      if ('value' in x && typeof x.value === 'string') chars += x.value.length;
      if (x.type === 'paragraph' || x.type === 'heading' || x.type === 'tableCell') blocks++;
    });
  }
  return { chars, blocks };
}

/** The first budget a document of this size passes. */
function sizeOver(size: { chars: number; blocks: number }): { ruleId: 'document-too-large' | 'too-many-blocks'; limit: number } | undefined {
  if (size.chars > budgets.documentChars) return { ruleId: 'document-too-large', limit: budgets.documentChars };
  if (size.blocks > budgets.documentBlocks) return { ruleId: 'too-many-blocks', limit: budgets.documentBlocks };
  return undefined;
}

function frontMatterPosition(parsed: ParsedPlan, segs: readonly (string | number)[]): { line: number; column: number } {
  if (!parsed.yaml) return { line: 1, column: 1 };
  const loc = locate(parsed.yaml.doc.contents, segs);
  const start = (loc.node ?? loc.key)?.range?.[0] ?? 0;
  return positionAt(parsed.source, parsed.yaml.offset + start);
}

/** Evaluate `{{…}}` in one text node of the plan body; the value is inserted literally. */
function expandInline(node: Text, parsed: ParsedPlan, view: View, budget: HbsBudget): Diagnostic[] {
  const pos = node.position;
  const file = {
    name: 'body',
    source: makeSource(parsed.source.path, node.value),
    // Positions inside the text map onto the plan line by line (exact for text as written).
    origin: pos ? { line: pos.start.line, column: pos.start.column } : { line: 1, column: 1 },
  };
  const { parsed: entry, diagnostics } = parseHbs(file);
  if (!entry) return diagnostics;
  const problems = checkHbs(entry, []);
  if (problems.length > 0) return problems;
  const r = renderHbs({ entry, partials: new Map(), view, budget });
  if (r.rendered) node.value = r.rendered.text;
  return r.diagnostics;
}

/** Visit every node with its parent (children snapshot, so callers may collect and edit later). */
function visitParents(parent: Parent, visit: (parent: Parent, node: RootContent) => void): void {
  for (const child of [...parent.children] as RootContent[]) {
    visit(parent, child);
    if ('children' in child && Array.isArray(child.children)) visitParents(child as Parent, visit);
  }
}

/** How far a section's headings move: its partial writes `###` for a place under a `##` heading. */
function headingShift(parent: Parent, node: RootContent): number {
  if (parent.type !== 'root') return 0;
  const i = parent.children.indexOf(node as never);
  for (let k = i - 1; k >= 0; k--) {
    const n = parent.children[k];
    if (n?.type === 'heading') return Math.max(0, n.depth - 2);
  }
  return 0;
}

/** Text of a paragraph as written (sentinels included). */
function plainText(node: RootContent): string {
  let out = '';
  visitNodes(node, (n) => {
    if (n.type === 'text') out += n.value;
  });
  return out;
}

/** Data sections the skeleton places itself (so they are not merged into the body). */
function skeletonDataSections(skeleton: ParsedHbs): Set<string> {
  const names = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    const n = v as { type?: string; name?: { original?: unknown } };
    if (n.type === 'PartialStatement' && typeof n.name?.original === 'string' && isDataSection(n.name.original)) names.add(n.name.original);
    for (const [k, x] of Object.entries(v)) if (k !== 'loc') walk(x);
  };
  walk(skeleton.ast);
  return names;
}

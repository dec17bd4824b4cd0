/**
 * The stages of plangen, in order: read → parse → validate → normalise → template (check),
 * then model → render through the writers of src/render/writers.ts (build). Each stage is a
 * function over data; this file only strings them together. Heavy stages (templates, docx)
 * are imported when a build needs them. docs/architecture.md describes the result types.
 */
import * as path from 'node:path';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { hasErrors } from './diagnostics/diagnostic.js';
import { diagnostic, Reporter } from './diagnostics/report.js';
import { applyRuleSettings, mergeLevels, noRuleSettings, type RuleLevel, type RuleSettings } from './diagnostics/rule-settings.js';
import { applyMetaDefaults } from './config/meta.js';
import { collectRuleSettings } from './validate/rule-switches.js';
import { decodeBytes, readTextFile, type ReadResult } from './read/read-file.js';
import type { SourceText } from './read/source.js';
import { parsePlan, type ParsedPlan } from './parse/parse-plan.js';
import { validateAttachment, validatePlanData, type RuleContext } from './validate/index.js';
import { attachmentShownPath, isAllowedAttachmentPath } from './validate/rules/attachment-files.js';
import { normalisePlan } from './model/normalise.js';
import type { Plan } from './model/plan.js';
import { accessFor, inspectPath, type Access } from './io/contain.js';
import { checkAttachmentReferences } from './validate/references.js';
import type { LoadedTemplate, ParsedAttachment } from './template/index.js';
import type { DocumentModel } from './model/document.js';
import type { Root } from 'mdast';
import type { DocumentWriter } from './render/writers.js';

/*
 * Stage results. Each stage has a type of its own, and a stage that can stop a plan returns
 * a union on `ok`, so code cannot reach an output that was not made:
 *   check   → CheckResult       diagnostics, and the validated plan when the front matter gave one
 *   model   → ModelledPlan      the ExpandedDocument (DocumentModel after the template, with notes)
 *   render  → RenderedOutput    one writer's bytes (src/render/writers.ts lists the writers)
 */

/** The template stage's work, kept on a checked plan so `build` does not expand it twice. */
export interface TemplateExpansion {
  readonly template: LoadedTemplate;
  readonly tree: Root;
  readonly templateRef: string;
  /** Those of the plan's diagnostics the expansion reported. */
  readonly diagnostics: readonly Diagnostic[];
  /** Info notes: where each data section was placed and why (shown with --verbose). */
  readonly notes: readonly Diagnostic[];
}

interface CheckedFile {
  /** Path as shown to the user. */
  readonly file: string;
  readonly absPath: string;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * check found nothing to go on with: the file could not be read, its front matter is
 * missing, broken or not a mapping, or a stage crashed. `diagnostics` says which.
 */
export interface PlanNotValidated extends CheckedFile {
  readonly ok: false;
  /** Present when the text was parsed (its body may still be looked at, e.g. by tests). */
  readonly parsed?: ParsedPlan;
  readonly ruleSettings?: RuleSettings;
  // Named as absent so `checked.plan` reads `undefined` here instead of failing to compile.
  readonly data?: undefined;
  readonly plan?: undefined;
  readonly expansion?: undefined;
}

/**
 * check made a plan of the front matter. `ok` says only that: errors in `diagnostics`
 * (which stop a build) may still be there.
 */
export interface ValidatedPlan extends CheckedFile {
  readonly ok: true;
  readonly parsed: ParsedPlan;
  /** The front matter as plain data (what was written). */
  readonly data: unknown;
  readonly plan: Plan;
  /** The plan's rule switches (`rules:` and disable comments), applied at every stage. */
  readonly ruleSettings: RuleSettings;
  /** The plan expanded through its template, when check got that far (no errors before it, template found). */
  readonly expansion?: TemplateExpansion;
}

/** What check makes of one plan file. */
export type CheckResult = PlanNotValidated | ValidatedPlan;
/** The library's older name for {@link CheckResult}. */
export type CheckedPlan = CheckResult;

/** What config files and `-M` give a plan before its own front matter is read (src/config/). */
export interface PlanDefaults {
  /** `-M field=value`: front-matter fields the plan does not set itself. */
  readonly meta?: ReadonlyMap<string, unknown>;
  /** Rule levels from config files; the plan's own `rules:` win. */
  readonly ruleLevels?: ReadonlyMap<string, RuleLevel>;
}

/** check, for text already read: parse, validate, normalise. Pure apart from `ctx`. */
export function checkSource(source: SourceText, absPath: string, ctx: RuleContext, defaults: PlanDefaults = {}): CheckResult {
  const parsed = parsePlan(source);
  if (defaults.meta) applyMetaDefaults(parsed, defaults.meta);
  // data is undefined when the front matter is missing, broken or not a mapping.
  const validated = validatePlanData(parsed, ctx);
  const { data } = validated;
  const switches = new Reporter(source);
  const own = collectRuleSettings(parsed, data, switches);
  const ruleSettings = defaults.ruleLevels ? { ...own, levels: mergeLevels(defaults.ruleLevels, own.levels) } : own;
  // Switched before anything looks at severities: a rule set to error stops a build like any error.
  const diagnostics = applyRuleSettings([...validated.diagnostics, ...switches.list], ruleSettings);
  if (!data) return { ok: false, file: source.path, absPath, diagnostics, parsed, ruleSettings };
  return { ok: true, file: source.path, absPath, diagnostics, parsed, data, plan: normalisePlan(data), ruleSettings };
}

export interface CheckOptions extends PlanDefaults {
  /** Template name or folder given on the command line (beats the plan's `template:`). */
  readonly template?: string;
  /** The config files' template, for a plan that names none (relative to the plan's folder). */
  readonly defaultTemplate?: string;
  /**
   * Absolute folders outside the plan's project that what it references may lie in
   * (`--allow-read`, later also a config file); the project itself is always allowed.
   */
  readonly allowRead?: readonly string[];
}

/**
 * check one plan file: read, parse, validate, normalise, then expand it through its
 * template (so a missing template or partial, a misspelt `{{field}}` or a missing
 * attachment file is found by `check` too, not only by `build`).
 */
export async function checkFile(absPath: string, shownPath: string, options: CheckOptions = {}, content?: Uint8Array): Promise<CheckResult> {
  // `content` is the plan as it was at a git revision (plangen diff --git): read from there,
  // while what it references is looked for beside the working copy.
  return checkRead(content ? decodeBytes(content, shownPath) : await readTextFile(absPath, shownPath), absPath, shownPath, options);
}

/**
 * check a plan that was not read from a file (standard input): `absPath` says where it
 * stands for, so its references and project resolve from that folder.
 */
export async function checkBytes(bytes: Uint8Array, absPath: string, shownPath: string, options: CheckOptions = {}): Promise<CheckResult> {
  return checkRead(decodeBytes(bytes, shownPath), absPath, shownPath, options);
}

async function checkRead(read: ReadResult, absPath: string, shownPath: string, options: CheckOptions): Promise<CheckResult> {
  if (!read.ok) return { ok: false, file: shownPath, absPath, diagnostics: read.diagnostics };
  try {
    const planDir = path.dirname(absPath);
    const access = accessFor(planDir, options.allowRead);
    // A file the containment check refuses is there (it is reported as refused, not as missing).
    const fileExists = (p: string) => {
      const v = inspectPath(p, 'attachment', access);
      return v.ok || v.problem !== 'missing';
    };
    const ctx = { planDir, fileExists };
    const checked = checkSource(read.source, absPath, ctx, options);
    const refused = checked.ok ? checkAttachmentReferences(checked.parsed, checked.data as Record<string, unknown>, planDir, access) : [];
    const attached = checked.ok ? await proofreadAttachments(checked, ctx, access) : { diagnostics: [], parsed: new Map<string, ParsedAttachment>() };
    const diagnostics = [...switched(checked, read.diagnostics), ...checked.diagnostics, ...switched(checked, [...refused, ...attached.diagnostics])];
    return checked.ok ? await expandChecked({ ...checked, diagnostics }, options, attached.parsed) : { ...checked, diagnostics };
  } catch (e) {
    // A crash in a stage becomes a message about the file; the reporter still runs.
    return { ok: false, file: shownPath, absPath, diagnostics: [...read.diagnostics, internal(shownPath, e)] };
  }
}

/**
 * Attachment files print as pages of the document, so they are proofread like the body.
 * A file that cannot be read is left to attachment-missing and the template stage, which
 * report it once, at the plan's `file:` line.
 */
async function proofreadAttachments(checked: ValidatedPlan, ctx: RuleContext, access: Access): Promise<{ diagnostics: Diagnostic[]; parsed: Map<string, ParsedAttachment> }> {
  const list = (checked.data as { attachments?: unknown } | null | undefined)?.attachments;
  const parsed = new Map<string, ParsedAttachment>();
  if (!Array.isArray(list)) return { diagnostics: [], parsed };
  const out: Diagnostic[] = [];
  const done = new Set<string>();
  for (const a of list) {
    const file = (a as { file?: unknown } | null)?.file;
    if (typeof file !== 'string' || file.trim() === '' || !isAllowedAttachmentPath(file)) continue;
    const abs = path.resolve(ctx.planDir, file);
    if (done.has(abs) || !ctx.fileExists(abs)) continue;
    done.add(abs);
    // Read through the containment check: a refused file is reported by the attachment rules, never read.
    const read = await readTextFile(abs, attachmentShownPath(checked.file, file), 'attachment', access);
    if (!read.ok) continue;
    const attachment = parsePlan(read.source);
    out.push(...validateAttachment(attachment, { ...ctx, planDir: path.dirname(abs) }));
    // The template stage places the same text as pages: it takes this tree instead of parsing it again.
    if (!attachment.refused) parsed.set(abs, { text: read.source.text, body: attachment.body, paste: attachment.paste ?? [] });
  }
  return { diagnostics: out, parsed };
}

/** The template stage, when the plan so far has no errors. */
async function expandChecked(checked: ValidatedPlan, options: CheckOptions, attachments?: ReadonlyMap<string, ParsedAttachment>): Promise<ValidatedPlan> {
  const { parsed, plan, data } = checked;
  if (hasErrors(checked.diagnostics)) return checked;
  const planDir = path.dirname(checked.absPath);
  const access = planAccess(checked.absPath, options);
  const { loadTemplate, expandDocument, templateRefPosition } = await import('./template/index.js');
  const ref = templateRefOf(checked, options) ?? plan.template;
  const fromPlan = options.template === undefined && ref === plan.template;
  const loaded = await loadTemplate(ref, planDir, checked.file, fromPlan ? templateRefPosition(parsed) : undefined, access, options.template !== undefined);
  if (!loaded.template) return { ...checked, diagnostics: [...checked.diagnostics, ...loaded.diagnostics] };
  const expanded = await expandDocument({ parsed, plan, data, template: loaded.template, planDir, access, ...(attachments ? { attachments } : {}) });
  // Images are vetted now (stat only) so `check` finds what `build` would refuse to read.
  const { inspectImages } = await import('./model/images.js');
  const images = hasErrors(expanded.diagnostics) ? [] : inspectImages(expanded.tree, planDir, checked.file, access);
  const found = switched(checked, [...loaded.diagnostics, ...expanded.diagnostics, ...images]);
  return {
    ...checked,
    diagnostics: [...checked.diagnostics, ...found],
    expansion: { template: loaded.template, tree: expanded.tree, templateRef: ref, diagnostics: found, notes: expanded.notes },
  };
}

export interface BuildOptions extends CheckOptions {
  /** SOURCE_DATE_EPOCH, when set. */
  readonly sourceDateEpoch?: string;
}

/**
 * model's result: the plan as the document every writer takes (the DocumentModel after the
 * template, images read), with what the template stage noted on the way.
 */
export interface ExpandedDocument {
  readonly model: DocumentModel;
  /** The template the plan was expanded through (as named), for the manifest. */
  readonly templateRef: string;
  /** Info notes: where each data section was placed and why (shown with --verbose). */
  readonly notes: readonly Diagnostic[];
}

/** The document a writer takes, or the diagnostics that stopped the plan before it. */
export type ModelledPlan =
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: true; readonly diagnostics: readonly Diagnostic[]; readonly document: ExpandedDocument };

/**
 * render's result: one writer's output for one plan. Nothing is on disk yet (src/io/write.ts
 * writes files); `text` and `created` go with the bytes because a PDF made from them is
 * checked against the text and stamped with the same clock reading.
 */
export interface RenderedOutput {
  /** The writer's id in src/render/writers.ts. */
  readonly writer: string;
  readonly bytes: Uint8Array;
  /** The document's visible text, one line per paragraph. */
  readonly text: string;
  /** The build's one clock reading (SOURCE_DATE_EPOCH, else the plan's date). */
  readonly created: Date;
}

/** The outputs of one plan, one per writer asked for, or the diagnostics that stopped it. */
export type RenderedPlan =
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: true; readonly diagnostics: readonly Diagnostic[]; readonly document: ExpandedDocument; readonly outputs: readonly RenderedOutput[] };

/** {@link buildDocx}'s result, in the names the library has always used. */
export type BuiltDocx =
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly docx?: undefined; readonly text?: undefined }
  | { readonly ok: true; readonly diagnostics: readonly Diagnostic[]; readonly docx: Uint8Array; readonly text: string };

/**
 * model: a checked plan without errors to the document every writer takes (DOCX, and the
 * revision writer of plangen diff): expanded through its template, images read.
 */
export async function modelPlan(checked: CheckResult, options: BuildOptions = {}): Promise<ModelledPlan> {
  if (!checked.ok) return { ok: false, diagnostics: checked.diagnostics };
  try {
    // checkFile has usually expanded the plan already; expand again only for another template.
    const ref = templateRefOf(checked, options);
    const ready = checked.expansion && checked.expansion.templateRef === ref ? checked : await expandChecked(dropExpansion(checked), options);
    const { plan, expansion } = ready;
    if (!expansion || hasErrors(ready.diagnostics)) return { ok: false, diagnostics: ready.diagnostics };
    const planDir = path.dirname(checked.absPath);
    const { resolveImages } = await import('./model/images.js');
    const images = await resolveImages(expansion.tree, planDir, checked.file, planAccess(checked.absPath, options));
    const diagnostics = [...ready.diagnostics, ...switched(checked, images.diagnostics)];
    if (hasErrors(diagnostics)) return { ok: false, diagnostics };
    const model: DocumentModel = {
      tree: expansion.tree,
      layout: expansion.template.layout,
      meta: { title: plan.title, ...(plan.issuer ? { creator: plan.issuer } : {}) },
      timestamp: buildTimestamp(plan, options.sourceDateEpoch),
      images: images.images,
    };
    return { ok: true, diagnostics, document: { model, templateRef: expansion.templateRef, notes: expansion.notes } };
  } catch (e) {
    return { ok: false, diagnostics: [...checked.diagnostics, internal(checked.file, e)] };
  }
}

/**
 * render: a checked plan without errors through the given writers (those that take one
 * plan's document; see src/render/writers.ts), in order. Nothing is written here.
 */
export async function renderPlan(checked: CheckResult, writers: readonly DocumentWriter[], options: BuildOptions = {}): Promise<RenderedPlan> {
  const modelled = await modelPlan(checked, options);
  if (!modelled.ok) return modelled;
  const { document } = modelled;
  try {
    const outputs: RenderedOutput[] = [];
    for (const w of writers) outputs.push({ writer: w.id, ...(await w.write(document.model)), created: document.model.timestamp });
    return { ok: true, diagnostics: modelled.diagnostics, document, outputs };
  } catch (e) {
    return { ok: false, diagnostics: [...modelled.diagnostics, internal(checked.file, e)] };
  }
}

/** render through the DOCX writer alone: the library's entry point for one document's bytes. */
export async function buildDocx(checked: CheckResult, options: BuildOptions = {}): Promise<BuiltDocx> {
  const { documentWriter } = await import('./render/writers.js');
  const rendered = await renderPlan(checked, [documentWriter('docx')], options);
  if (!rendered.ok) return { ok: false, diagnostics: rendered.diagnostics };
  const docx = rendered.outputs[0]!;
  return { ok: true, diagnostics: rendered.diagnostics, docx: docx.bytes, text: docx.text };
}

/** The template a plan is built with: the command line's, else the plan's own, else the config's, else the default. */
function templateRefOf(checked: ValidatedPlan, options: CheckOptions): string | undefined {
  if (options.template !== undefined) return options.template;
  const own = (checked.data as { template?: unknown } | null | undefined)?.template;
  if (typeof own !== 'string' && options.defaultTemplate !== undefined) return options.defaultTemplate;
  return checked.plan.template;
}

function planAccess(absPath: string, options: CheckOptions): Access {
  return accessFor(path.dirname(absPath), options.allowRead);
}

/** Later stages' diagnostics under the plan's rule switches. */
function switched(checked: CheckResult, list: readonly Diagnostic[]): Diagnostic[] {
  return applyRuleSettings(list, checked.ruleSettings ?? noRuleSettings);
}

function dropExpansion(checked: ValidatedPlan): ValidatedPlan {
  if (!checked.expansion) return checked;
  const { expansion, ...rest } = checked;
  // Diagnostics from the earlier expansion go too; the new one reports its own.
  const earlier = new Set(expansion.diagnostics);
  return { ...rest, diagnostics: rest.diagnostics.filter((d) => !earlier.has(d)) };
}

/** The one clock reading of a build (pandoc's rule): SOURCE_DATE_EPOCH, else the plan's date. */
export function buildTimestamp(plan: Plan, sourceDateEpoch: string | undefined): Date {
  if (sourceDateEpoch && /^\d+$/.test(sourceDateEpoch)) return new Date(Number(sourceDateEpoch) * 1000);
  if (plan.date) return new Date(Date.UTC(plan.date.year, plan.date.month - 1, plan.date.day));
  return new Date(Date.UTC(2000, 0, 1));
}

export function internal(file: string, e: unknown): Diagnostic {
  const err = e instanceof Error ? e : new Error(String(e));
  const d = diagnostic(file, 1, 1, 'internal-error', { detail: err.message });
  // The stack rides along for --verbose; reporters never print it otherwise.
  Object.defineProperty(d, 'stack', { value: err.stack, enumerable: false });
  return d;
}

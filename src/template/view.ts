import type { Member, Plan, PlanDate } from '../model/plan.js';
import { joinNames, keepTogether } from '../model/wording.js';

/**
 * What templates see: the normalised Plan (same field names as the front matter where
 * they exist, dates as objects whose text is 2025年6月3日) plus a few derived values, and
 * every other field written in the front matter as written. Every documented field is
 * present, `undefined` when not given, so `strict` mode only fails on names that do not
 * exist at all (typos), never on an optional field left out.
 */
export type View = Record<string, unknown>;

/** More units than this and 职责分工 becomes a table rather than a paragraph per unit. */
export const MANY_DUTIES = 6;

/** Names of the data sections a plan body or a skeleton can place. */
export const dataSections = ['leaders', 'groups', 'phases', 'targets', 'duties', 'attachments'] as const;
export type DataSection = (typeof dataSections)[number];

/** Whether `name` is one of the data sections. */
export function isDataSection(name: string): name is DataSection {
  return (dataSections as readonly string[]).includes(name);
}

/** Whether a data section has anything to print. */
export function hasData(plan: Plan, section: DataSection): boolean {
  return section === 'leaders' ? plan.leaders !== undefined : plan[section].length > 0;
}

/**
 * Build the view of a plan. `escape` is applied to every string taken from the plan
 * (Markdown escaping for partials, identity for inline values in the body).
 */
export function buildView(
  plan: Plan,
  written: unknown,
  escape: (s: string) => string,
  placed: Readonly<Record<DataSection, boolean>>,
): View {
  const s = (v: string | undefined) => (v === undefined ? undefined : escape(v));
  const list = (v: readonly string[]) => v.map(escape);
  // Tasks and targets are phrases the partials join with ； and end with 。: a phrase
  // written with its own closing punctuation would print it twice.
  const phrases = (v: readonly string[]) => v.map((x) => escape(x.replace(/[。；;，,、\s]+$/u, '')));
  const date = (d: PlanDate | undefined) => (d ? dateView(d) : undefined);
  // Personal names are printed unbroken: their characters are joined (see keepTogether).
  const name = (v: string) => escape(keepTogether(v));
  const nameOpt = (v: string | undefined) => (v === undefined ? undefined : name(v));
  const members = (ms: readonly Member[]) =>
    ms.map((m) => ({ role: escape(m.role), names: m.names.map(name), namesText: escape(joinNames(m.names.map(keepTogether))), post: s(m.post) }));
  const memberNames = new Set(plan.leaders?.members.flatMap((m) => m.names) ?? []);
  const view: View = {
    ...writtenView(written, escape),
    title: escape(plan.title),
    issuer: s(plan.issuer),
    number: s(plan.number),
    date: date(plan.date),
    recipients: list(plan.recipients),
    template: escape(plan.template),
    leaders: plan.leaders
      ? {
          group: escape(plan.leaders.group),
          groupShort: escape(groupShort(plan.leaders.group)),
          members: members(plan.leaders.members),
          office: plan.leaders.office
            ? {
                host: escape(plan.leaders.office.host),
                director: nameOpt(plan.leaders.office.director),
                post: s(plan.leaders.office.post),
                deputies: plan.leaders.office.deputies.map(name),
                // 兼任 (holds the post besides membership) when the director is a member already.
                directorIsMember: plan.leaders.office.director !== undefined && memberNames.has(plan.leaders.office.director),
              }
            : undefined,
        }
      : undefined,
    groups: plan.groups.map((g) => ({ name: escape(g.name), members: members(g.members), tasks: phrases(g.tasks) })),
    phases: plan.phases.map((p) => ({
      name: escape(p.name),
      start: date(p.start),
      end: date(p.end),
      tasks: phrases(p.tasks),
      owner: s(p.owner),
      rangeText: escape(p.rangeText),
    })),
    targets: plan.targets.map((t) => ({
      name: escape(t.name),
      op: t.op,
      value: t.value,
      unit: escape(t.unit),
      by: date(t.by),
      owner: s(t.owner),
      sentence: escape(t.sentence),
    })),
    targetSentences: plan.targetSentences.map((t) => ({ sentence: escape(t.sentence), targets: [...t.targets] })),
    duties: plan.duties.map((d) => ({ unit: escape(d.unit), tasks: phrases(d.tasks), targets: phrases(d.targets) })),
    attachments: plan.attachments.map((a) => ({ index: a.index, title: escape(a.title), file: s(a.file) })),
    cc: list(plan.cc),
    printer: s(plan.printer),
    printed: date(plan.printed),
    copyNumber: s(plan.copyNumber),
    secrecy: s(plan.secrecy),
    urgency: s(plan.urgency),
    signers: list(plan.signers),
    mark: s(plan.mark),
    note: s(plan.note),
    placed: { ...placed },
    // Layout choices of the built-in partials, decided from the data.
    hasPhaseTasks: plan.phases.some((p) => p.tasks.length > 0 || p.owner !== undefined),
    manyDuties: plan.duties.length > MANY_DUTIES,
    hasDutyTargets: plan.duties.some((d) => d.targets.length > 0),
  };
  return view;
}

/** A date object that prints as 2025年6月3日 when written `{{date}}`. */
function dateView(d: PlanDate): View {
  const v: View = { iso: d.iso, year: d.year, month: d.month, day: d.day, text: d.text };
  Object.defineProperty(v, 'toString', { value: () => d.text, enumerable: false });
  return v;
}

/** 夏季消防安全检查工作领导小组 → 领导小组: how the group is referred to in later sentences. */
export function groupShort(group: string): string {
  for (const suffix of ['领导小组', '工作小组', '指挥部', '委员会', '工作专班']) if (group.endsWith(suffix)) return suffix;
  return group;
}

/** Written front-matter fields as written (strings escaped), for custom fields. */
function writtenView(written: unknown, escape: (s: string) => string): View {
  if (written === null || typeof written !== 'object' || Array.isArray(written)) return {};
  const out: View = {};
  for (const [k, v] of Object.entries(written)) {
    if (UNSAFE_KEYS.has(k)) continue;
    const w = plain(v, escape, 0);
    if (w !== undefined) out[k] = w;
  }
  return out;
}

// Keys that would reach an object's prototype if copied by assignment.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function plain(v: unknown, escape: (s: string) => string, depth: number): unknown {
  if (depth > 20) return undefined;
  if (typeof v === 'string') return escape(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  if (Array.isArray(v)) return v.map((x) => plain(x, escape, depth + 1));
  if (typeof v === 'object') {
    const out: View = {};
    for (const [k, x] of Object.entries(v as object)) if (!UNSAFE_KEYS.has(k)) out[k] = plain(x, escape, depth + 1);
    return out;
  }
  return undefined;
}

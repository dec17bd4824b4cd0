import type { Attachment, Duty, Group, Leaders, Member, Phase, Plan, PlanDate, Target, TargetOp } from './plan.js';
import { groupTargets, joinNames, parseIsoDate, parsePlanDate, rangeText, targetSentence } from './wording.js';

/**
 * Written front matter → normalised Plan. Runs after validation; it is still tolerant of
 * wrong shapes (a wrong value is dropped, never thrown on) so `check` can normalise a plan
 * that has errors and keep going.
 */
export function normalisePlan(written: unknown): Plan {
  const w = obj(written);
  const date = dateOf(w['date']);
  const year = date?.year;
  const leadersIn = obj(w['leaders']);
  const leaders: Leaders | undefined = str(leadersIn['group'])
    ? {
        group: str(leadersIn['group']) ?? '',
        members: members(leadersIn['members']),
        ...officeOf(leadersIn['office']),
      }
    : undefined;
  const phases: Phase[] = arr(w['phases']).map((p) => {
    const o = obj(p);
    const start = partialDateOf(o['start'], false);
    const end = partialDateOf(o['end'], false);
    return {
      name: str(o['name']) ?? '',
      ...(start ? { start } : {}),
      ...(end ? { end } : {}),
      tasks: strings(o['tasks']),
      ...opt('owner', str(o['owner'])),
      rangeText: rangeText(start, end, year),
    };
  });
  const target = (t: unknown): Target => {
    const o = obj(t);
    const op = (['>=', '<=', '>', '<', '='] as const).find((x) => x === o['op']) as TargetOp | undefined;
    const by = partialDateOf(o['by'], true);
    const value = typeof o['value'] === 'number' ? o['value'] : Number(o['value'] ?? 0);
    const base = { name: str(o['name']) ?? '', value: Number.isFinite(value) ? value : 0, unit: str(o['unit']) ?? '' };
    return {
      ...base,
      ...(op ? { op } : {}),
      ...(by ? { by } : {}),
      ...opt('owner', str(o['owner'])),
      sentence: targetSentence({ ...base, op, by }, year),
    };
  };
  const targets: Target[] = arr(w['targets']).map(target);
  const duties: Duty[] = arr(w['duties']).map((d) => {
    const o = obj(d);
    // A duty's targets may be phrases or target objects like those of `targets`, worded alike.
    const dutyTargets = arr(o['targets']).flatMap((t) => (typeof t === 'string' ? [t] : t !== null && typeof t === 'object' ? [target(t).sentence] : []));
    return { unit: str(o['unit']) ?? '', tasks: strings(o['tasks']), targets: dutyTargets };
  });
  const groups: Group[] = arr(w['groups']).map((g) => {
    const o = obj(g);
    return { name: str(o['name']) ?? '', members: members(o['members']), tasks: strings(o['tasks']) };
  });
  const attachments: Attachment[] = arr(w['attachments']).flatMap((a, i): Attachment[] => {
    if (typeof a === 'string') return [{ index: i + 1, title: a }];
    const o = obj(a);
    const title = str(o['title']);
    return title ? [{ index: i + 1, title, ...opt('file', str(o['file'])) }] : [];
  });
  const signer = w['signer'];
  const printed = dateOf(w['printed']);
  return {
    title: str(w['title']) ?? '',
    ...opt('issuer', str(w['issuer'])),
    ...opt('number', str(w['number'])),
    ...(date ? { date } : {}),
    recipients: strings(w['recipients']),
    template: str(w['template']) ?? 'plan',
    ...(leaders ? { leaders } : {}),
    groups,
    phases,
    targets,
    duties,
    targetSentences: groupTargets(targets, year),
    attachments,
    cc: strings(w['cc']),
    ...opt('printer', str(w['printer'])),
    ...(printed ? { printed } : {}),
    ...opt('copyNumber', str(w['copy_number'])),
    ...opt('secrecy', str(w['secrecy'])),
    ...opt('urgency', str(w['urgency'])),
    signers: typeof signer === 'string' ? [signer] : strings(signer),
    ...opt('mark', str(w['mark'])),
    ...opt('note', str(w['note'])),
  };
}

function members(v: unknown): Member[] {
  return arr(v).map((m) => {
    const o = obj(m);
    const names = typeof o['name'] === 'string' ? [o['name']] : strings(o['name']);
    return { role: str(o['role']) ?? '', names, namesText: joinNames(names), ...opt('post', str(o['post'])) };
  });
}

function officeOf(v: unknown): { office?: NonNullable<Leaders['office']> } {
  const o = obj(v);
  const host = str(o['host']);
  if (!host) return {};
  return { office: { host, ...opt('director', str(o['director'])), ...opt('post', str(o['post'])), deputies: strings(o['deputies']) } };
}

/** A phase date (a day or a month) or a deadline (also a year, which YAML reads as a number). */
function partialDateOf(v: unknown, yearAllowed: boolean): PlanDate | undefined {
  const d = typeof v === 'string' || (yearAllowed && typeof v === 'number') ? parsePlanDate(v) : null;
  if (!d || (d.precision === 'year' && !yearAllowed)) return undefined;
  return d;
}

function dateOf(v: unknown): PlanDate | undefined {
  return typeof v === 'string' ? parseIsoDate(v) ?? undefined : undefined;
}

function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function strings(v: unknown): string[] {
  return arr(v).flatMap((x) => (typeof x === 'string' ? [x] : typeof x === 'number' ? [String(x)] : []));
}

function opt<K extends string>(key: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: string };
}

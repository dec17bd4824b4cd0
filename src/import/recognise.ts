/**
 * An existing document's blocks → front matter data and a body in which the recognised
 * data stands as partials (`{{> leaders}}` …) where it stood. Each recogniser takes a
 * block only when it can say what the block says, so that building the imported plan prints
 * it again; anything else stays in the body as it was. Nothing is guessed: a date without a
 * year and no document date to take it from, or a value with a placeholder, stays text.
 */
import type { RootContent, Table } from 'mdast';
import { typedMarker } from '../parse/paste/markers.js';
import { deadlineLead, parsePlanDate, targetSentence } from '../model/wording.js';
import type { TargetOp } from '../model/plan.js';
import { phrasingText, type Block } from './blocks.js';
import { arabicDate, deadline, fullDate, parseRange } from './dates.js';

export interface Extracted {
  readonly field: string;
  readonly value: string;
  readonly line: number;
  readonly column: number;
}

export interface Placeholder {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

export interface AttachmentPage {
  readonly title: string;
  readonly body: readonly RootContent[];
}

export interface Recognised {
  /** Front matter in the order docs/format.md lists the fields. */
  readonly data: Record<string, unknown>;
  readonly body: RootContent[];
  readonly extracted: Extracted[];
  readonly placeholders: Placeholder[];
  /** Phases whose dates have no year to take. */
  readonly noYear: Extracted[];
  readonly attachmentPages: AttachmentPage[];
  /** Body blocks kept as text (headings, paragraphs, tables). */
  readonly leftAsText: number;
}

type Partial = 'leaders' | 'groups' | 'phases' | 'targets' | 'duties';
type Out = { readonly block: Block } | { readonly partial: Partial };

const NUMBER_RE = /^[^\s，。：:]{1,20}[〔[［【(（]\d{4}[〕\]］】)）]第?\d+号$/;
const ROLE_RE = /^((?:常务|第一)?副?(?:组|指挥|专班|总指挥|队|主任)?\s*长|副\s*组\s*长|顾\s*问|成\s*员|组\s*员)[：:]\s*(.+?)。?$/;
const LEADER_INTRO = /^(?:为[^。]{0,40}，)?成立([^，。：:]{2,40}?(?:领导小组|指挥部|工作专班|委员会))(?:[，,]?(?:成员|组成人员)如下)?[：:。]?$/;
const OFFICE_RE = /^(?:[^，。]{0,20}?)下设办公室(?:在|设在|于)?([^，。]{2,30})(?:，([^，。（]{1,10})同志(?:（([^）]+)）)?(兼)?任办公室主任)?(?:，([^，。]{1,60})同志任办公室副主任)?(?:，负责日常工作)?。$/;
const OFFICE_ALT = /^领导小组办公室设在([^，。]{2,30})(?:，([^，。（]{1,10})同志(?:（([^）]+)）)?(兼)?任(?:办公室)?主任)?(?:，([^，。]{1,60})同志任(?:办公室)?副主任)?。$/;
const GROUP_NAME = /^[^，。：:；]{1,16}(?:组|专班)$/;
const TASKS_RE = /^(?:主要任务|主要职责|工作职责|职责)[：:](.+)$/;
const PHASE_RE = /^(?:第[一二三四五六七八九十]+阶段[：:]\s*)?([^（(，。：:]{2,30}?)[（(]([^（）()]{2,40})[）)][。：:]?(.*)$/;
const TARGET_RE = /^(.+?)(达到|控制在|为|超过|低于)(\d+(?:\.\d+)?)([^\d，。；、]{0,4}?)(以上|以内)?$/;
const OPLESS_RE = /^(.+?[^\d.])(\d+(?:\.\d+)?)([^\d，。；、%]{1,3}|%)$/;
const DUTY_RE = /^([^：:，。；、]{2,30}|[^：:，。；]{2,30}、[^：:，。；]{1,30})[：:](.+)$/;
const NOT_UNITS = /^(组\s*长|副\s*组\s*长|常务副组长|成\s*员|顾\s*问|附件|抄送|主送|主要任务|主要职责|工作目标|联系人|联系电话|电话|时间|地点|活动时间|活动地点|参加人员|主题|要求|目标|备注|说明|签发人)/;
const UNIT_END = /(局|办|委|部|院|所|中心|队|站|街道|镇|乡|社区|会|单位|科|处|室|公司|厅|组|馆|校|医院|政府|集团|专班|小组|各村)$/;
const DUTY_HEADING = /职责|分工|责任/;
const PLACEHOLDER_RE = /(?<![A-Za-z])(?:[xX×]{2,}|[Ｘｘ]{2,})(?![A-Za-z])|\d{0,4}[_＿]{2,}\d{0,2}|[_＿]{2,}|[□○]{2,}/g;
const TITLE_END = /(方案|通知|意见|办法|规定|要点|计划|规划|细则|报告|请示|决定|安排|预案)$/;
const SIGN_DATE = /^(\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$/;

export function recognise(blocks: readonly Block[]): Recognised {
  const data: Record<string, unknown> = {};
  const extracted: Extracted[] = [];
  const placeholders: Placeholder[] = [];
  const noYear: Extracted[] = [];
  const note = (field: string, value: string, b: Block) => extracted.push({ field, value, line: b.line, column: b.column });
  for (const b of blocks) for (const m of b.text.matchAll(PLACEHOLDER_RE)) placeholders.push({ text: m[0], line: b.line, column: b.column + (b.kind === 'para' && !b.text.includes('\n') ? m.index : 0) });

  let from = 0;
  let to = blocks.length;
  const para = (i: number) => (blocks[i]?.kind === 'para' || blocks[i]?.kind === 'heading' ? blocks[i] : undefined);

  // ---- the head: red header, 发文字号, title, recipients
  // 份号, 密级, 紧急程度 above the red header.
  for (;;) {
    const b = para(from);
    if (!b) break;
    if (/^\d{6}$/.test(b.text)) data['copy_number'] = b.text;
    else if (/^(特急|加急)$/.test(b.text)) data['urgency'] = b.text;
    else if (/^(绝密|机密|秘密)(★.*)?$/.test(b.text)) data['secrecy'] = b.text;
    else break;
    note(/^\d/.test(b.text) ? 'copy_number' : /急/.test(b.text) ? 'urgency' : 'secrecy', b.text, b);
    from++;
  }
  let mark: Block | undefined;
  const first = para(from);
  if (first && /文件$/.test(first.text) && !first.text.startsWith('关于') && [...first.text].length <= 25 && para(from + 1)) mark = blocks[from++];
  const numberBlock = para(from);
  if (numberBlock && NUMBER_RE.test(numberBlock.text.replace(/\s+/g, ''))) {
    data['number'] = numberBlock.text.replace(/\s+/g, '');
    note('number', String(data['number']), numberBlock);
    from++;
  }
  const titleBlock = para(from);
  if (titleBlock && titleBlock.text && !/[。；]$/.test(titleBlock.text) && [...titleBlock.text].length <= 80 && !typedMarker(titleBlock.text)) {
    data['title'] = titleBlock.text;
    from++;
    // A long title typed as two paragraphs: 关于开展……工作的 / 实施方案.
    const rest = para(from);
    if (rest?.kind === 'para' && !TITLE_END.test(titleBlock.text) && TITLE_END.test(rest.text) && [...rest.text].length <= 30 && !/[，。：；]/.test(rest.text)) {
      data['title'] = titleBlock.text + rest.text;
      from++;
    }
    note('title', String(data['title']), titleBlock);
  }
  const recipientsBlock = para(from);
  if (recipientsBlock?.kind === 'para' && /[：:]$/.test(recipientsBlock.text) && !/[。；]/.test(recipientsBlock.text) && [...recipientsBlock.text].length <= 120 && !typedMarker(recipientsBlock.text) && !/如下[：:]$/.test(recipientsBlock.text)) {
    data['recipients'] = recipientsBlock.text.slice(0, -1).split(/[，,]/).map((s) => s.trim()).filter(Boolean);
    note('recipients', recipientsBlock.text.slice(0, -1), recipientsBlock);
    from++;
  }

  // ---- the foot: 版记 (抄送, 印发), signature and 成文日期, attachment notes and pages
  const tail: Array<() => void> = [];
  const printedBlock = para(to - 1);
  const printedMatch = printedBlock && /^(.+?)[\s\u3000]+(\d{4}年\d{1,2}月\d{1,2}日)印发$/.exec(printedBlock.text);
  if (printedBlock && printedMatch && fullDate(printedMatch[2]!)) {
    tail.push(() => {
      data['printer'] = printedMatch[1]!.trim();
      data['printed'] = fullDate(printedMatch[2]!);
      note('printer', String(data['printer']), printedBlock);
      note('printed', String(data['printed']), printedBlock);
    });
    to--;
  }
  const ccBlock = para(to - 1);
  const ccMatch = ccBlock && /^抄送[：:](.+?)。?$/.exec(ccBlock.text);
  if (ccBlock && ccMatch) {
    tail.push(() => {
      data['cc'] = ccMatch[1]!.split(/[，,]/).map((s) => s.trim()).filter(Boolean);
      note('cc', ccMatch[1]!, ccBlock);
    });
    to--;
  }
  // The signature: the first issuer line followed by a date standing alone.
  let sign = -1;
  for (let i = from + 1; i < to; i++) {
    const d = para(i);
    const who = para(i - 1);
    if (d && who && SIGN_DATE.test(d.text) && fullDate(d.text) && [...who.text].length <= 40 && !/[。，：；]/.test(who.text) && who.kind === 'para') {
      sign = i - 1;
      break;
    }
  }
  const attachmentPages: AttachmentPage[] = [];
  const pageBlocks: Block[][] = [];
  let bodyEnd = to;
  let afterSignature: Block[] = [];
  if (sign >= 0) {
    const who = blocks[sign]!;
    const when = blocks[sign + 1]!;
    data['issuer'] = who.text;
    data['date'] = fullDate(arabicDate(when.text));
    note('issuer', who.text, who);
    note('date', String(data['date']), when);
    bodyEnd = sign;
    let k = sign + 2;
    // 印发通知: the notice's own text, then the plan as its 附件 page, titled as the notice says.
    const notice = /^关于印发《(.+)》的通知$/.exec(String(data['title'] ?? ''));
    const planTitle = blocks[k + 1];
    // Only the notice template's own sentence may go: any other text of the notice is kept.
    const noticeText = blocks.slice(from, sign).map((b) => b.text);
    const standard = notice && noticeText.length === 1 && noticeText[0] === `现将《${notice[1]}》印发给你们，请结合实际，认真贯彻落实。`;
    if (notice && standard && /^附件$/.test(blocks[k]?.text ?? '') && planTitle?.text === notice[1]) {
      data['title'] = notice[1];
      data['template'] = 'notice';
      note('title', notice[1]!, planTitle!);
      from = k + 2;
      k = from;
      while (k < to && !/^附件\s*\d*$/.test(blocks[k]!.text)) k++;
      bodyEnd = k;
    } else {
      // After the signature: notes (附注, 此件公开发布) stay text, at the end of the body.
      while (k < to && !/^附件\s*\d*$/.test(blocks[k]!.text)) afterSignature.push(blocks[k++]!);
    }
    // Attachment pages: 附件 / 附件1, a title, the text.
    while (k < to) {
      const titleAt = k + 1;
      let end = titleAt + 1;
      while (end < to && !/^附件\s*\d*$/.test(blocks[end]!.text)) end++;
      const t = blocks[titleAt];
      if (!t || t.kind === 'table') {
        afterSignature.push(...blocks.slice(k, end));
      } else {
        attachmentPages.push({ title: t.text, body: blocks.slice(titleAt + 1, end).map((b) => b.node) });
        pageBlocks.push(blocks.slice(k, end));
      }
      k = end;
    }
    // Attachment notes at the end of the body.
    let a = bodyEnd - 1;
    while (a > from && /^\d{1,2}[.．、]\s*\S/.test(blocks[a]!.text) && !/^附件/.test(blocks[a]!.text)) a--;
    const head = blocks[a] && /^附件[：:]\s*(.+)$/.exec(blocks[a]!.text);
    if (head && a >= from) {
      const titles = [head[1]!, ...blocks.slice(a + 1, bodyEnd).map((b) => b.text)].map((s) => s.replace(/^\d{1,2}[.．、]\s*/, '').replace(/。$/, '').trim());
      data['attachments'] = titles.map((title, n) => {
        const page = attachmentPages.find((p) => p.title === title) ?? attachmentPages[n];
        return page ? { title, page: attachmentPages.indexOf(page) } : title;
      });
      titles.forEach((t) => note('attachments', t, blocks[a]!));
      bodyEnd = a;
    }
    // A page no attachment note names stays text, at the end of the body: nothing is dropped.
    const named = new Set(((data['attachments'] ?? []) as Array<string | { page: number }>).flatMap((x) => (typeof x === 'string' ? [] : [x.page])));
    pageBlocks.forEach((page, n) => {
      if (!named.has(n)) afterSignature.push(...page);
    });
  } else afterSignature = [];
  for (const f of tail.reverse()) f();

  if (mark && mark.text !== `${String(data['issuer'] ?? '')}文件`) {
    data['mark'] = mark.text;
    note('mark', mark.text, mark);
  }
  if (mark || data['number']) data['template'] = 'official';

  const year = typeof data['date'] === 'string' ? Number(String(data['date']).slice(0, 4)) : yearOfTitle(String(data['title'] ?? ''));

  // ---- the body
  const body = blocks.slice(from, bodyEnd).concat(afterSignature);
  const out: Out[] = [];
  const done = new Set<Partial>();
  let lastHeading = '';
  for (let i = 0; i < body.length; ) {
    const b = body[i]!;
    const take = (partial: Partial, n: number) => {
      out.push({ partial });
      done.add(partial);
      i += n;
    };
    if (!done.has('leaders')) {
      const n = leaders(body, i, data, note);
      if (n > 0) {
        take('leaders', n);
        continue;
      }
    }
    if (!done.has('groups') && b.kind === 'heading') {
      const n = groups(body, i, data, note);
      if (n > 0) {
        take('groups', n);
        continue;
      }
    }
    if (!done.has('phases')) {
      const n = phases(body, i, year, data, note, noYear);
      if (n > 0) {
        take('phases', n);
        continue;
      }
    }
    if (!done.has('targets')) {
      const n = targets(body, i, year, data, note);
      if (n > 0) {
        take('targets', n);
        continue;
      }
    }
    if (!done.has('duties')) {
      const n = duties(body, i, DUTY_HEADING.test(lastHeading), data, note);
      if (n > 0) {
        take('duties', n);
        continue;
      }
    }
    // A list (Word's own numbering) of duties or targets: each item one line of them.
    if (b.node.type === 'list' && !(done.has('duties') && done.has('targets'))) {
      const items = listItems(b);
      if (items && !done.has('duties') && duties(items, 0, DUTY_HEADING.test(lastHeading), data, note) === items.length) {
        take('duties', 1);
        continue;
      }
      if (items && !done.has('targets') && targets(items, 0, year, data, note) === items.length) {
        take('targets', 1);
        continue;
      }
    }
    if (b.kind === 'heading') lastHeading = b.text;
    out.push({ block: b });
    i++;
  }
  const ordered = orderFields(data);
  return {
    data: ordered,
    body: out.map(toNode),
    extracted,
    placeholders,
    noYear,
    attachmentPages,
    leftAsText: out.filter((o) => 'block' in o).length,
  };
}

/** The items of a list whose items are one paragraph each, as blocks at the list's place. */
function listItems(b: Block): Block[] | undefined {
  if (b.node.type !== 'list') return undefined;
  const out: Block[] = [];
  for (const item of b.node.children) {
    const [only, ...more] = item.children;
    if (!only || more.length > 0 || only.type !== 'paragraph') return undefined;
    out.push({ kind: 'para', depth: 0, text: phrasingText(only.children).trim(), node: only, line: b.line, column: b.column });
  }
  return out;
}

type Note = (field: string, value: string, b: Block) => void;

function yearOfTitle(title: string): number | undefined {
  const m = /(\d{4})年/.exec(title);
  return m ? Number(m[1]) : undefined;
}

/** Text after a typed marker (一、 （一） 1. （1）), trimmed. */
function unmarked(text: string): string {
  const m = typedMarker(text);
  return (m ? text.slice(text.indexOf(m.text) + m.text.length) : text).trim();
}

function member(role: string, value: string): Array<Record<string, unknown>> | undefined {
  const r = role.replace(/\s+/g, '');
  const items = splitOutsideBrackets(value).map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) return undefined;
  const parsed = items.map((s) => /^([^（(）)]+?)(?:[（(]([^）)]+)[）)])?$/.exec(s));
  if (parsed.some((m) => !m)) return undefined;
  // A post in brackets belongs to one person: 王某某（书记）、李某某（主任） are two members.
  // 朱某某、徐某某（社区居委会副主任）: one post after the last name is everyone's.
  if (parsed.length > 1 && parsed.slice(0, -1).every((m) => !m![2]) && parsed.at(-1)![2]) return [{ role: r, name: parsed.map((p) => p![1]!), post: parsed.at(-1)![2] }];
  if (parsed.some((m) => m![2]) && parsed.length > 1) return parsed.map((m) => ({ role: r, name: m![1]!, ...(m![2] ? { post: m![2] } : {}) }));
  const m = parsed[0]!;
  if (parsed.length === 1) return [{ role: r, name: m[1]!, ...(m[2] ? { post: m[2] } : {}) }];
  return [{ role: r, name: parsed.map((p) => p![1]!) }];
}

/** 王某某（党委委员、副镇长）、李某某: the 、 inside brackets belongs to the post. */
function splitOutsideBrackets(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of value) {
    if (ch === '（' || ch === '(') depth++;
    if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、，,]/.test(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function roleLines(body: readonly Block[], i: number): { members: Array<Record<string, unknown>>; n: number } {
  const members: Array<Record<string, unknown>> = [];
  let n = 0;
  for (let k = i; k < body.length; k++) {
    const b = body[k]!;
    const m = b.kind === 'para' ? ROLE_RE.exec(unmarked(b.text)) : null;
    const items = m ? member(m[1]!, m[2]!) : undefined;
    if (!items) break;
    members.push(...items);
    n++;
  }
  return { members, n };
}

function leaders(body: readonly Block[], i: number, data: Record<string, unknown>, note: Note): number {
  const intro = body[i]!;
  const m = intro.kind === 'para' ? LEADER_INTRO.exec(intro.text) : null;
  if (!m) return 0;
  const { members, n } = roleLines(body, i + 1);
  if (n === 0) return 0;
  const leadersData: Record<string, unknown> = { group: m[1], members };
  note('leaders.group', m[1]!, intro);
  members.forEach((mm, k) => note('leaders.members', `${String(mm['role'])}：${([] as unknown[]).concat(mm['name']).join('、')}${mm['post'] ? `（${String(mm['post'])}）` : ''}`, body[i + 1 + Math.min(k, n - 1)]!));
  let used = 1 + n;
  const officeBlock = body[i + used];
  const o = officeBlock?.kind === 'para' ? (OFFICE_RE.exec(officeBlock.text) ?? OFFICE_ALT.exec(officeBlock.text)) : null;
  if (officeBlock && o) {
    leadersData['office'] = { host: o[1], ...(o[2] ? { director: o[2] } : {}), ...(o[3] ? { post: o[3] } : {}), ...(o[5] ? { deputies: o[5].split('、') } : {}) };
    note('leaders.office', officeBlock.text, officeBlock);
    used++;
  }
  data['leaders'] = leadersData;
  return used;
}

function groups(body: readonly Block[], i: number, data: Record<string, unknown>, note: Note): number {
  const list: Array<Record<string, unknown>> = [];
  let k = i;
  while (k < body.length && body[k]!.kind === 'heading' && GROUP_NAME.test(unmarked(body[k]!.text))) {
    const { members, n } = roleLines(body, k + 1);
    if (n === 0) break;
    const name = unmarked(body[k]!.text);
    const group: Record<string, unknown> = { name, members };
    let used = 1 + n;
    const t = body[k + used];
    const tm = t?.kind === 'para' ? TASKS_RE.exec(t.text) : null;
    if (tm) {
      group['tasks'] = tm[1]!.replace(/。$/, '').split('；');
      used++;
    }
    note('groups', name, body[k]!);
    list.push(group);
    k += used;
  }
  if (list.length === 0) return 0;
  data['groups'] = list;
  return k - i;
}

function phases(body: readonly Block[], i: number, year: number | undefined, data: Record<string, unknown>, note: Note, noYear: Extracted[]): number {
  const list: Array<Record<string, unknown>> = [];
  let k = i;
  let headings = 0;
  while (k < body.length) {
    const b = body[k]!;
    if (b.kind !== 'heading' && b.kind !== 'para') break;
    const m = PHASE_RE.exec(unmarked(b.text));
    if (!m) break;
    const range = parseRange(m[2]!, year);
    if (!range) break;
    if ('noYear' in range) {
      noYear.push({ field: 'phases', value: unmarked(b.text), line: b.line, column: b.column });
      break;
    }
    if (b.kind === 'heading' && m[3]) break;
    const phase: Record<string, unknown> = { name: m[1]!.trim(), ...range };
    let used = 1;
    let tasksText = b.kind === 'para' ? (m[3] ?? '') : '';
    if (b.kind === 'heading') {
      headings++;
      const next = body[k + 1];
      const after = body[k + 2];
      // One paragraph of tasks under the phase heading; more stays text (the partial prints one).
      if (next?.kind === 'para' && (!after || after.kind === 'heading')) {
        tasksText = next.text;
        used = 2;
      } else if (next?.kind === 'para') break;
    }
    const owner = /责任单位[：:]([^。]+)。$/.exec(tasksText);
    if (owner) {
      phase['owner'] = owner[1];
      tasksText = tasksText.slice(0, owner.index);
    }
    const tasks = tasksText.replace(/。$/, '').split('；').filter(Boolean);
    if (tasks.length) phase['tasks'] = tasks;
    note('phases', `${String(phase['name'])}：${[phase['start'], phase['end']].filter(Boolean).join(' — ')}`, b);
    list.push(phase);
    k += used;
  }
  // Paragraphs that merely mention a date in brackets are phases only as a run.
  if (list.length === 0 || (headings === 0 && list.length < 2)) return 0;
  data['phases'] = list;
  return k - i;
}

interface ParsedTarget {
  readonly name: string;
  readonly op?: TargetOp;
  readonly value: number;
  readonly unit?: string;
  readonly by?: string;
}

const TARGET_SENTENCE_MAX = 300;

const OPS: Record<string, TargetOp> = { 达到: '>=', 控制在: '<=', 为: '=', 超过: '>', 低于: '<' };

/** One sentence of targets, or undefined unless printing them gives the sentence back. */
function targetSentenceOf(text: string, year: number | undefined): ParsedTarget[] | undefined {
  // Target sentences are short; the lazy patterns below would be quadratic on a long paragraph.
  if (text.length > TARGET_SENTENCE_MAX) return undefined;
  const sentence = text.replace(/[。；;]$/, '').replace(/％/g, '%');
  const lead = deadline(sentence, year);
  const rest = lead ? lead.rest : sentence;
  const clauses = rest.split('，');
  const out: ParsedTarget[] = [];
  for (const c of clauses) {
    const m = TARGET_RE.exec(c);
    if (m && m[2] && (m[5] === undefined || (m[2] === '达到' && m[5] === '以上') || (m[2] === '控制在' && m[5] === '以内'))) {
      out.push({ name: m[1]!, op: OPS[m[2]]!, value: Number(m[3]), ...(m[4] ? { unit: m[4] } : {}), ...(lead ? { by: lead.by } : {}) });
      continue;
    }
    const p = OPLESS_RE.exec(c);
    if (!p) return undefined;
    out.push({ name: p[1]!, value: Number(p[2]), unit: p[3]!, ...(lead ? { by: lead.by } : {}) });
  }
  const by = lead ? parsePlanDate(lead.by) : undefined;
  if (lead && !by) return undefined;
  const printed = (by ? deadlineLead(by, year, out.length > 1) : '') + out.map((t) => targetSentence({ ...t, by: undefined }, year)).join('，');
  return printed === sentence ? out : undefined;
}

function targets(body: readonly Block[], i: number, year: number | undefined, data: Record<string, unknown>, note: Note): number {
  const list: ParsedTarget[] = [];
  let k = i;
  while (k < body.length && body[k]!.kind === 'para') {
    const t = targetSentenceOf(unmarked(body[k]!.text), year);
    if (!t) break;
    t.forEach((x) => note('targets', `${x.name} ${x.op ?? ''} ${x.value}${x.unit ?? ''}${x.by ? ` (${x.by})` : ''}`, body[k]!));
    list.push(...t);
    k++;
  }
  // A number at the end of a sentence is no target by itself: one with 达到/控制在/为 must be there.
  if (!list.some((t) => t.op)) return 0;
  data['targets'] = list.map((t) => ({ name: t.name, ...(t.op ? { op: t.op } : {}), value: t.value, ...(t.unit ? { unit: t.unit } : {}), ...(t.by ? { by: t.by } : {}) }));
  return k - i;
}

function duties(body: readonly Block[], i: number, underDutyHeading: boolean, data: Record<string, unknown>, note: Note): number {
  const b = body[i]!;
  if (b.kind === 'table') {
    const list = dutyTable(b.node as Table);
    if (!list) return 0;
    list.forEach((d) => note('duties', String(d['unit']), b));
    data['duties'] = list;
    return 1;
  }
  const list: Array<Record<string, unknown>> = [];
  let k = i;
  while (k < body.length && body[k]!.kind === 'para') {
    const m = DUTY_RE.exec(unmarked(body[k]!.text));
    if (!m || NOT_UNITS.test(m[1]!) || (!underDutyHeading && !UNIT_END.test(m[1]!))) break;
    if (list.some((d) => d['unit'] === m[1])) break;
    let rest = m[2]!.trim();
    const duty: Record<string, unknown> = { unit: m[1] };
    const goal = /工作目标[：:](.+)$/.exec(rest);
    if (goal) {
      duty['targets'] = goal[1]!.replace(/。$/, '').split('；');
      rest = rest.slice(0, goal.index);
    }
    duty['tasks'] = rest.replace(/。$/, '').split('；').filter(Boolean);
    note('duties', m[1]!, body[k]!);
    list.push(duty);
    k++;
  }
  if (list.length < 2) return 0;
  data['duties'] = list;
  return k - i;
}

function dutyTable(table: Table): Array<Record<string, unknown>> | undefined {
  const [head, ...rows] = table.children.map((r) => r.children.map((c) => phrasingText(c.children).trim()));
  if (!head || head.length < 2 || head.length > 3 || !/单位/.test(head[0] ?? '') || !/职责|任务/.test(head[1] ?? '')) return undefined;
  if (head.length === 3 && !/目标/.test(head[2] ?? '')) return undefined;
  const list = rows.map((r) => ({ unit: r[0] ?? '', tasks: (r[1] ?? '').replace(/。$/, '').split('；').filter(Boolean), ...(r[2] ? { targets: r[2].split('；') } : {}) }));
  const units = new Set(list.map((d) => d.unit));
  return units.size === list.length && list.every((d) => d.unit && d.tasks.length) ? list : undefined;
}

const FIELD_ORDER = ['title', 'issuer', 'number', 'date', 'recipients', 'template', 'copy_number', 'secrecy', 'urgency', 'mark', 'leaders', 'groups', 'phases', 'targets', 'duties', 'attachments', 'cc', 'printer', 'printed'];

function orderFields(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of FIELD_ORDER) if (data[k] !== undefined) out[k] = data[k];
  return out;
}

function toNode(o: Out): RootContent {
  if ('partial' in o) return { type: 'html', value: `{{> ${o.partial}}}` };
  const b = o.block;
  if (b.kind === 'heading') {
    // The marker goes: plangen numbers headings by level and place.
    const text = unmarked(b.text);
    return { type: 'heading', depth: Math.min(Math.max(b.depth, 2), 5) as 2 | 3 | 4 | 5, children: [{ type: 'text', value: text }] };
  }
  return b.node;
}

import type { Heading, RootContent } from 'mdast';
import { splitTypedMarker } from '../model/heading-number.js';
import type { SectionHeadings } from './load.js';
import { textOf } from './mdast-util.js';

/**
 * Where the data sections a body leaves out go. Plans follow a conventional order
 * (指导思想 … 组织领导, 实施步骤, 工作目标, 职责分工 … 工作要求); a section lands under the
 * body's own heading of that kind when there is one, named in any of the usual ways
 * (三、组织实施 takes the phases), right after the heading's opening text and before its
 * first subsection, otherwise as a new `##` section before the first body section that
 * conventionally comes later.
 */
export type AutoSection = 'leaders' | 'groups' | 'phases' | 'targets' | 'duties';

const kinds: readonly { kind: AutoSection | 'intro' | 'tail'; rank: number; pattern: RegExp }[] = [
  { kind: 'intro', rank: 0, pattern: /指导思想|总体要求|基本原则|工作背景|目的意义/ },
  { kind: 'leaders', rank: 10, pattern: /组织领导|组织机构|领导机构|加强领导|组织保障|领导小组/ },
  { kind: 'phases', rank: 20, pattern: /实施步骤|组织实施|工作步骤|方法步骤|活动步骤|步骤安排|进度安排|时间安排|实施阶段|阶段安排/ },
  { kind: 'targets', rank: 30, pattern: /工作目标|活动目标|目标任务|主要目标|总体目标/ },
  { kind: 'duties', rank: 40, pattern: /职责分工|责任分工|任务分工|工作职责|部门职责|职责任务/ },
  { kind: 'tail', rank: 90, pattern: /工作要求|保障措施|工作措施|主要措施|有关要求|工作保障|注意事项|其他事项|纪律要求/ },
];

const rankOf: Record<AutoSection, number> = { leaders: 10, groups: 11, phases: 20, targets: 30, duties: 40 };

function classify(heading: Heading): { kind: string; rank: number } | undefined {
  const text = splitTypedMarker(textOf(heading)).rest;
  return kinds.find((k) => k.pattern.test(text));
}

/**
 * Insert rendered sections into the body's top-level nodes (in place of a new array).
 * `rendered` holds, per section, the nodes its partial produced for a place under a `##`
 * heading. `leadersHome` is the index of the node the body used for `{{> leaders}}`, so
 * groups follow the leading group even under a heading of the author's own wording.
 */
export function mergeSections(
  body: readonly RootContent[],
  rendered: ReadonlyMap<AutoSection, RootContent[]>,
  headings: SectionHeadings,
  leadersHome: RootContent | undefined,
): { nodes: RootContent[]; placements: Placement[] } {
  const out = [...body];
  const placements: Placement[] = [];
  const order: AutoSection[] = ['leaders', 'groups', 'phases', 'targets', 'duties'];
  for (const section of order) {
    const nodes = rendered.get(section);
    if (!nodes || nodes.length === 0) continue;
    const kind = headings[section === 'groups' ? 'leaders' : section];
    const host = findHost(out, section, leadersHome);
    if (host !== undefined) {
      // Groups follow the leading group placed before them; other sections open their host.
      const at = section === 'groups' ? sectionEnd(out, host) : introEnd(out, host);
      out.splice(at, 0, ...nodes);
      placements.push({ section, how: 'under', heading: out[host] as Heading, kind });
      continue;
    }
    const heading: Heading = { type: 'heading', depth: 2, children: [{ type: 'text', value: kind }] };
    const before = out.findIndex((n) => n.type === 'heading' && n.depth === 2 && (classify(n)?.rank ?? -1) > rankOf[section]);
    const next = before < 0 ? undefined : (out[before] as Heading);
    out.splice(before < 0 ? out.length : before, 0, heading, ...nodes);
    placements.push(next ? { section, how: 'before', heading: next, kind } : { section, how: 'end', kind });
  }
  return { nodes: out, placements };
}

/** Where a section the body did not place went, for `check --verbose`. */
export type Placement =
  | { readonly section: AutoSection; readonly how: 'under' | 'before'; readonly heading: Heading; readonly kind: string }
  | { readonly section: AutoSection; readonly how: 'end'; readonly kind: string };

/** Index of the `##` heading whose section should receive `section`, if any. */
function findHost(nodes: readonly RootContent[], section: AutoSection, leadersHome: RootContent | undefined): number | undefined {
  const want = section === 'groups' ? 'leaders' : section;
  const i = nodes.findIndex((n) => n.type === 'heading' && n.depth === 2 && classify(n)?.kind === want);
  if (i >= 0) return i;
  if (section === 'groups' && leadersHome) {
    const at = nodes.indexOf(leadersHome);
    if (at >= 0) {
      for (let k = at; k >= 0; k--) {
        const n = nodes[k];
        if (n?.type === 'heading' && n.depth <= 2) return k;
      }
    }
  }
  return undefined;
}

/** Index after the opening text of the section at `heading`: its first subsection, or its end. */
function introEnd(nodes: readonly RootContent[], heading: number): number {
  const end = sectionEnd(nodes, heading);
  for (let k = heading + 1; k < end; k++) if (nodes[k]?.type === 'heading') return k;
  return end;
}

/** Index after the last node of the section that starts at `heading`. */
function sectionEnd(nodes: readonly RootContent[], heading: number): number {
  const depth = (nodes[heading] as Heading).depth;
  for (let k = heading + 1; k < nodes.length; k++) {
    const n = nodes[k];
    if (n?.type === 'heading' && n.depth <= depth) return k;
  }
  // The last section ends before document blocks the body may hold (附件说明).
  let end = nodes.length;
  while (end > heading + 1 && nodes[end - 1]?.type.startsWith('doc')) end--;
  return end;
}

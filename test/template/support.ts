import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Root, RootContent } from 'mdast';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { checkSource } from '../../src/pipeline.js';
import { makeSource } from '../../src/read/source.js';
import { expandDocument, loadTemplate } from '../../src/template/index.js';

/** The sample front matter of PLAN-FORMAT.md, as lines (without the --- fences). */
export const sampleFrontMatter = `title: 关于开展2025年夏季消防安全检查的工作方案
issuer: 某某区某某街道办事处
number: 某街发〔2025〕8号
date: 2025-06-03
recipients: [各社区居委会, 街道各科室]
leaders:
  group: 夏季消防安全检查工作领导小组
  members:
    - { role: 组长, name: 王某某, post: 街道党工委书记 }
    - { role: 副组长, name: 李某某, post: 街道办事处副主任 }
    - { role: 成员, name: [赵某某, 钱某某, 孙某某] }
  office:
    host: 街道平安办
    director: 赵某某
    deputies: [周某某]
phases:
  - { name: 动员部署阶段, start: 2025-06-05, end: 2025-06-15, tasks: [制定方案, 召开动员会] }
  - { name: 集中检查阶段, start: 2025-06-16, end: 2025-08-15 }
  - { name: 总结验收阶段, end: 2025-08-31 }
targets:
  - { name: 辖区消防设施完好率, op: ">=", value: 98, unit: "%" }
  - { name: 较大以上火灾事故, op: "=", value: 0, unit: 起 }
duties:
  - unit: 街道平安办
    tasks: [牵头组织检查, 汇总检查情况, 督促隐患整改]
  - unit: 各社区居委会
    tasks: [排查辖区出租屋和"三小"场所]
attachments:
  - 夏季消防安全检查责任分工表
cc: [区消防救援大队, 区应急管理局]
printer: 某某街道党政办公室
printed: 2025-06-04`;

const created: string[] = [];

// Registered by every test file that imports this module: its folders go when it ends.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder for one test, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plangen-template-'));
  created.push(dir);
  return dir;
}

/** Write files (path → text) under a folder. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
}

export interface Expanded {
  readonly tree?: Root;
  readonly diagnostics: Diagnostic[];
}

/**
 * Run check → template on a plan text as if it were `<dir>/plan.md` (shown as `plan.md`
 * when no folder is given). `template` overrides the plan's `template:`.
 */
export async function expandPlan(text: string, opts: { dir?: string; file?: string; template?: string } = {}): Promise<Expanded> {
  const dir = opts.dir ?? tempDir();
  const file = opts.file ?? 'plan.md';
  const abs = path.join(dir, file);
  const checked = checkSource(makeSource(file, text), abs, { planDir: dir, fileExists: () => true });
  if (!checked.plan || !checked.parsed) return { diagnostics: [...checked.diagnostics] };
  const loaded = await loadTemplate(opts.template ?? checked.plan.template, dir, file);
  if (!loaded.template) return { diagnostics: loaded.diagnostics };
  const expanded = await expandDocument({ parsed: checked.parsed, plan: checked.plan, data: checked.data, template: loaded.template, planDir: dir });
  return { tree: expanded.tree, diagnostics: [...loaded.diagnostics, ...expanded.diagnostics] };
}

/** A plan file text from front matter and body. */
export function planText(frontMatter: string, body: string): string {
  return `---\n${frontMatter}\n---\n\n${body}`;
}

/**
 * Plain text of a node as a reader sees it: without the invisible word joiners that keep
 * personal names on one line (test/template/wording.test.ts checks those).
 */
export function textOf(node: unknown): string {
  const n = node as { value?: unknown; children?: unknown[] };
  if (typeof n.value === 'string') return n.value.replaceAll('\u2060', '');
  return (n.children ?? []).map(textOf).join('');
}

/** One line per top-level node: type (+ depth) and text, for shape assertions. */
export function outline(nodes: readonly RootContent[]): string[] {
  return nodes.map((n) => {
    if (n.type === 'heading') return `h${n.depth} ${textOf(n)}`;
    if (n.type === 'paragraph') return `p ${textOf(n)}`;
    if (n.type === 'table') return `table ${n.children.map((r) => r.children.map(textOf).join('|')).join(' / ')}`;
    if (n.type === 'docTitle') return `docTitle ${n.text}`;
    if (n.type === 'docRecipients') return `docRecipients ${n.names.join(',')}`;
    if (n.type === 'docAttachmentNote') return `docAttachmentNote ${n.items.join(',')}`;
    if (n.type === 'docSignature') return `docSignature ${n.issuer ?? ''} ${n.date ?? ''}${n.note ? ' ' + n.note : ''}`;
    if (n.type === 'docAttachmentPage') return `docAttachmentPage ${n.label} ${n.title}`;
    if (n.type === 'docRedHeader') return `docRedHeader ${n.mark} ${n.number ?? ''}`;
    if (n.type === 'docColophon') return `docColophon ${n.cc.join(',')} ${n.printer ?? ''} ${n.printed ?? ''}`;
    return n.type;
  });
}

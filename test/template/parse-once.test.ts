import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import type { Root, RootContent } from 'mdast';
import { checkFile, checkSource } from '../../src/pipeline.js';
import { makeSource } from '../../src/read/source.js';
import { expandDocument, loadTemplate } from '../../src/template/index.js';
import { outline, planText, tempDir, writeFiles } from './support.js';

// Markdown is parsed once. An attachment file: check proofreads it, and the template
// stage places that same tree as the attachment's page instead of parsing the file again.
// A template's output: the same text from the same lines is parsed once per process.

const front = 'title: 某方案\nissuer: 某某街道办事处\ndate: 2025-06-03\nattachments:\n  - { title: 名单, file: list.md }';
const fileText = '## 名单\n\n王某某、李某某。\n';

async function expandWith(dir: string, attachments?: ReadonlyMap<string, { text: string; body: Root; paste: [] }>) {
  const text = planText(front, '正文。\n');
  const abs = path.join(dir, 'plan.md');
  const checked = checkSource(makeSource('plan.md', text), abs, { planDir: dir, fileExists: () => true });
  const loaded = await loadTemplate(checked.plan!.template, dir, 'plan.md');
  const expanded = await expandDocument({ parsed: checked.parsed!, plan: checked.plan!, data: checked.data, template: loaded.template!, planDir: dir, ...(attachments ? { attachments } : {}) });
  const page = expanded.tree.children.find((n) => n.type === 'docAttachmentPage') as { children: RootContent[] } | undefined;
  return { page: page ? outline(page.children) : undefined, diagnostics: expanded.diagnostics };
}

function tree(paragraph: string): Root {
  return { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: paragraph }] }] };
}

describe('attachment files are parsed once', () => {
  it('the template stage takes the tree check parsed while the file reads the same', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'list.md': fileText });
    const given = new Map([[path.join(dir, 'list.md'), { text: fileText, body: tree('已解析'), paste: [] as [] }]]);
    expect((await expandWith(dir, given)).page).toEqual(['p 已解析']);
  });

  it('a file that changed since check is parsed again', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'list.md': fileText });
    const stale = new Map([[path.join(dir, 'list.md'), { text: '旧的内容\n', body: tree('旧的内容'), paste: [] as [] }]]);
    expect((await expandWith(dir, stale)).page).toEqual(['h2 名单', 'p 王某某、李某某。']);
    expect((await expandWith(dir)).page).toEqual(['h2 名单', 'p 王某某、李某某。']);
  });

  it('check hands its parse to the template stage: positions and diagnostics are those of the file', async () => {
    const dir = tempDir();
    // A half-width comma in Chinese text is proofread in the attachment, at its own line.
    writeFiles(dir, { 'plan.md': planText(front, '正文。\n'), 'list.md': '## 名单\n\n王某某,李某某。\n' });
    const checked = await checkFile(path.join(dir, 'plan.md'), 'plan.md');
    const page = checked.expansion!.tree.children.find((n) => n.type === 'docAttachmentPage') as { children: RootContent[] };
    expect(outline(page.children)).toEqual(['h2 名单', 'p 王某某,李某某。']);
    const paragraph = page.children[1] as { position?: { start: unknown }; data?: { file?: string } };
    expect(paragraph.position?.start).toMatchObject({ line: 3, column: 1 });
    expect(paragraph.data?.file).toBe('list.md');
    const atFile = checked.diagnostics.filter((d) => d.file === 'list.md').map((d) => [d.ruleId, d.line]);
    expect(atFile).toContainEqual(['halfwidth-punctuation', 3]);
  });
});

describe('template output parsed once per process', () => {
  it('the same output gives equal nodes that share nothing', async () => {
    const { parseRendered } = await import('../../src/template/mdast-util.js');
    const lines = [1, 2, 3].map((line) => ({ file: 'templates/plan/partials/leaders.hbs', line }));
    const first = parseRendered('## 组织领导\n\n组长：王某某\n', lines);
    const second = parseRendered('## 组织领导\n\n组长：王某某\n', lines);
    expect(second).toEqual(first);
    expect(second[0]).not.toBe(first[0]);
    (first[0] as { depth: number }).depth = 4;
    expect(parseRendered('## 组织领导\n\n组长：王某某\n', lines)[0]).toMatchObject({ type: 'heading', depth: 2, position: { start: { line: 1 } } });
    // Other line sources are other positions.
    const moved = parseRendered('## 组织领导\n\n组长：王某某\n', lines.map((l) => ({ ...l, line: l.line + 10 })));
    expect(moved[1]).toMatchObject({ position: { start: { line: 13 } } });
  });
});

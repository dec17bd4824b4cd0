import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parsePlan, parseWritten } from '../../src/parse/parse-plan.js';
import { makeSource } from '../../src/read/source.js';

/*
 * parsePlan parses the body after a front matter block on its own and moves its positions
 * (docs/performance.md, "batch: third pass"). Whatever it gives must be exactly what one
 * parse of the whole file gives (parseWritten, which sees the block as a `yaml` node):
 * the same tree with the same positions, the same paste notes, the same front matter.
 */
function expectSameAsWholeFileParse(name: string, text: string): void {
  const source = makeSource(name, text);
  const whole = parseWritten(source);
  const first = whole.root.children[0];
  const plan = parsePlan(source);
  if (first?.type !== 'yaml') {
    expect(plan.yaml).toBeNull();
    expect(plan.body).toEqual(whole.root);
    return;
  }
  whole.root.children.shift();
  expect(plan.body).toEqual(whole.root);
  expect(plan.paste).toEqual(whole.paste);
  expect(plan.yaml?.offset).toBe(text.indexOf('\n') + 1);
  expect(plan.yaml?.end).toBe(first.position?.end.offset);
  const reference = parseDocument(first.value, { prettyErrors: false, strict: true, uniqueKeys: true });
  expect(plan.yaml?.doc.toJS()).toEqual(reference.toJS());
  expect(plan.yaml?.doc.contents?.range).toEqual(reference.contents?.range);
  expect(plan.yaml?.doc.errors.map((e) => [e.code, e.pos])).toEqual(reference.errors.map((e) => [e.code, e.pos]));
}

const root = path.resolve(__dirname, '../..');

function planFiles(): string[] {
  const out = readdirSync(path.join(root, 'examples'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join('examples', f));
  for (const group of ['test/fixtures', 'test/fixtures/hostile']) {
    for (const dir of readdirSync(path.join(root, group))) {
      for (const name of ['input.md', 'plan.md']) {
        if (existsSync(path.join(root, group, dir, name))) out.push(path.join(group, dir, name));
      }
    }
  }
  return out.sort();
}

describe('the body after the front matter, parsed alone', () => {
  it('splits a paragraph right under the closing fence at its sentence ends, as the whole file\'s parse does', () => {
    const text = '---\ntitle: x\n---\n第一句。\n第二句。\n\n# 一、总体要求\n\n正文。\n';
    expect(parsePlan(makeSource('plan.md', text)).body.children.map((c) => c.type)).toEqual(['paragraph', 'paragraph', 'heading', 'paragraph']);
    // After a blank line the paragraph does not touch the block, and its lines are joined.
    const apart = '---\ntitle: x\n---\n\n第一句。\n第二句。\n\n# 一、总体要求\n\n正文。\n';
    expect(parsePlan(makeSource('plan.md', apart)).body.children.map((c) => c.type)).toEqual(['paragraph', 'heading', 'paragraph']);
  });

  it.each(planFiles())('%s parses as the whole file does', (file) => {
    const text = readFileSync(path.join(root, file), 'utf8').replace(/\r\n?/g, '\n');
    // Files a budget refuses are not parsed at all; the rest must match.
    if (parsePlan(makeSource(file, text)).refused) return;
    expectSameAsWholeFileParse(file, text);
  });

  it.each([
    ['empty front matter', '---\n---\n正文。\n'],
    ['nothing after the block', '---\ntitle: 方案\n---\n'],
    ['blank lines after the block', '---\ntitle: 方案\n---\n\n\n一、总体要求\n'],
    ['a closing fence with spaces after it', '---\ntitle: 方案\n---  \n正文\n'],
    ['a second --- block in the body', '---\ntitle: 方案\n---\n---\nnot: front matter\n---\n正文\n'],
    ['a setext underline right after the block', '---\ntitle: 方案\n---\n===\n正文\n---\n'],
    ['an indented first line', '---\ntitle: 方案\n---\n    缩进的一行\n\n\t制表符开头\n'],
    ['a table and blanks', '---\ntitle: 方案\n---\n| 项目 | 时间 |\n| --- | --- |\n| 检查 | 20**年 |\n\n组长：___\n'],
    ['a heading and a list', '---\ntitle: 方案\nphases:\n  - { name: 阶段, start: 2025-06-05 }\n---\n# 一、目标\n\n- 第一\n- 第二\n\n> 引用\n'],
    ['a link reference defined in the body', '---\ntitle: 方案\n---\n见[通知][1]。\n\n[1]: https://example.org\n'],
    // A paragraph right under the closing fence touches the front matter block, so its
    // lines are split as pasted (pasteStructure reads the block as the body's first child).
    ['lines right under the closing fence', '---\ntitle: 方案\n---\n第一句。\n第二句。\n\n# 一、总体要求\n\n正文。\n'],
    ['lines after a blank line under the fence', '---\ntitle: 方案\n---\n\n第一句。\n第二句。\n\n# 一、总体要求\n\n正文。\n'],
    ['pasted text, one paragraph to a line', '---\ntitle: 方案\n---\n为深入贯彻落实有关要求，制定本方案。\n一、总体要求\n坚持问题导向。\n二、工作措施\n（一）加强领导。成立专班。\n\n# 三、保障\n'],
    ['typed 一、 numbering under the fence', '---\ntitle: 方案\n---\n一、指导思想\n以制度建设为主线\n二、工作目标\n\n## 三、步骤\n'],
    ['broken YAML', '---\ntitle: [方案\n---\n正文\n'],
    // These take the whole-file parse; the result is the same either way.
    ['a closing fence at the end of the file', '---\ntitle: 方案\n---'],
    ['a carriage return in the body', '---\ntitle: 方案\n---\n正文\r第二行\n'],
    ['U+FEFF opening the body', '---\ntitle: 方案\n---\n\ufeff正文\n'],
    ['no closing fence', '---\ntitle: 方案\n正文\n'],
    ['no front matter', '正文\n\n---\n'],
  ])('%s', (_name, text) => {
    expectSameAsWholeFileParse('plan.md', text);
  });
});

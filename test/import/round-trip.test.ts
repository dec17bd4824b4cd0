/**
 * The primary promise of `plangen import`: every bundled example, built to DOCX and
 * imported back, gives front matter whose data equals the original's, and the imported
 * plan checks without errors. Built in-process; nothing is written outside a temporary folder.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildDocx, checkFile } from '../../src/pipeline.js';
import { docxToMarkdown } from '../../src/import/docx-to-markdown.js';
import { importMarkdown } from '../../src/import/index.js';

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));
const files = readdirSync(examplesDir).filter((f) => f.endsWith('.md')).sort();
const work = mkdtempSync(path.join(tmpdir(), 'plangen-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Data = Record<string, any>;

/** The data the round trip must keep, in a form that compares by value. */
function essentials(d: Data) {
  const names = (n: unknown) => ([] as unknown[]).concat(n ?? []).map(String);
  const members = (list: Data[] | undefined) => (list ?? []).flatMap((m) => (m.post ? [{ role: m.role, names: names(m.name), post: m.post }] : [{ role: m.role, names: names(m.name) }]));
  return {
    title: d.title,
    issuer: d.issuer,
    date: d.date === undefined ? undefined : String(d.date),
    number: d.number,
    leaders: d.leaders ? { group: d.leaders.group, members: members(d.leaders.members) } : undefined,
    phases: (d.phases ?? []).map((p: Data) => ({ name: p.name, start: p.start === undefined ? undefined : String(p.start), end: p.end === undefined ? undefined : String(p.end) })),
    targets: (d.targets ?? []).map((t: Data) => ({ name: t.name, op: t.op, value: t.value, unit: t.unit })),
    duties: (d.duties ?? []).map((x: Data) => x.unit),
    attachments: (d.attachments ?? []).map((a: unknown) => (typeof a === 'string' ? a : (a as Data).title)),
  };
}

function frontMatterOf(text: string): Data {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  return parse(m?.[1] ?? '') as Data;
}

describe('build → import round trip over every example', () => {
  it('finds the examples', () => expect(files.length).toBeGreaterThanOrEqual(10));
  for (const f of files) {
    it(f, async () => {
      const checked = await checkFile(path.join(examplesDir, f), `examples/${f}`);
      const built = await buildDocx(checked);
      expect(built.docx, f).toBeDefined();
      const { markdown } = await docxToMarkdown(built.docx!);
      const stem = f.replace(/\.md$/, '');
      const imported = importMarkdown(markdown, `${stem}.docx`, 'docx', 0, (n) => `${stem}-附件${n}.md`);
      expect(essentials(frontMatterOf(imported.text))).toEqual(essentials(checked.data as Data));

      const dir = path.join(work, stem);
      const plan = path.join(dir, `${stem}.md`);
      const { mkdirSync } = await import('node:fs');
      mkdirSync(dir, { recursive: true });
      for (const a of imported.attachmentFiles) writeFileSync(path.join(dir, a.name), a.text);
      writeFileSync(plan, imported.text);
      const again = await checkFile(plan, `${stem}.md`);
      expect(again.diagnostics.filter((d) => d.severity === 'error'), imported.text).toEqual([]);
    });
  }
});

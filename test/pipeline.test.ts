/**
 * The stage result types: each stage that can stop a plan says so with `ok`, and only a
 * plan that got through carries the stage's output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkFile, checkSource, modelPlan, renderPlan } from '../src/pipeline.js';
import { makeSource } from '../src/read/source.js';
import { documentWriter, type DocumentWriter } from '../src/render/writers.js';
import { tempDir } from './helpers/cli.js';
import { titleWriter } from './render/models.js';

const good = `---
title: 关于开展2025年夏季消防安全检查的工作方案
issuer: 某某区某某街道办事处
date: 2025-06-03
---

## 指导思想

坚持人民至上、生命至上。
`;

let t: ReturnType<typeof tempDir>;
beforeAll(() => {
  t = tempDir();
  writeFileSync(path.join(t.dir, 'good.md'), good);
  writeFileSync(path.join(t.dir, 'bad-date.md'), good.replace('2025-06-03', '2025-02-30'));
  writeFileSync(path.join(t.dir, 'no-template.md'), good.replace('date: 2025-06-03', 'date: 2025-06-03\ntemplate: ./nowhere'));
});
afterAll(() => t.cleanup());
const at = (name: string) => path.join(t.dir, name);
const ctx = { planDir: '/plans', fileExists: () => true };

describe('check → CheckResult', () => {
  it('has no plan when the front matter gave none', () => {
    const checked = checkSource(makeSource('p.md', '正文，没有前置数据\n'), '/plans/p.md', ctx);
    expect(checked.ok).toBe(false);
    expect(checked.plan).toBeUndefined();
    expect(checked.diagnostics.map((d) => d.ruleId)).toContain('front-matter-missing');
  });

  it('has no plan when the file cannot be read', async () => {
    const checked = await checkFile(at('missing.md'), 'missing.md');
    expect(checked.ok).toBe(false);
    expect(checked.parsed).toBeUndefined();
    expect(checked.diagnostics.map((d) => d.ruleId)).toEqual(['file-not-found']);
  });

  it('has the validated plan, expanded through its template, when the plan is good', async () => {
    const checked = await checkFile(at('good.md'), 'good.md');
    if (!checked.ok) throw new Error('expected a plan');
    expect(checked.plan.title).toBe('关于开展2025年夏季消防安全检查的工作方案');
    expect(checked.expansion?.templateRef).toBe('plan');
  });

  it('has the plan but no expansion when errors stop it before the template', async () => {
    const checked = await checkFile(at('bad-date.md'), 'bad-date.md');
    expect(checked.ok).toBe(true);
    expect(checked.expansion).toBeUndefined();
  });
});

describe('model → ExpandedDocument, render → RenderedOutput', () => {
  it('stops a plan with errors before the model, with its diagnostics', async () => {
    for (const name of ['bad-date.md', 'no-template.md', 'missing.md']) {
      const modelled = await modelPlan(await checkFile(at(name), name));
      expect(modelled.ok, name).toBe(false);
      expect(modelled.diagnostics.some((d) => d.severity === 'error'), name).toBe(true);
      expect(await renderPlan(await checkFile(at(name), name), [documentWriter('docx')])).toMatchObject({ ok: false });
    }
  });

  it('models a good plan: the DocumentModel, its template and the notes', async () => {
    const modelled = await modelPlan(await checkFile(at('good.md'), 'good.md'), { sourceDateEpoch: '1700000000' });
    if (!modelled.ok) throw new Error(JSON.stringify(modelled.diagnostics));
    expect(modelled.document.templateRef).toBe('plan');
    expect(modelled.document.model.meta).toEqual({ title: '关于开展2025年夏季消防安全检查的工作方案', creator: '某某区某某街道办事处' });
    expect(modelled.document.model.timestamp.getTime()).toBe(1700000000 * 1000);
  });

  it('renders through each writer asked for, in order, each output stamped with the build clock', async () => {
    const titles = titleWriter('title');
    const rendered = await renderPlan(await checkFile(at('good.md'), 'good.md'), [titles, documentWriter('docx')]);
    if (!rendered.ok) throw new Error(JSON.stringify(rendered.diagnostics));
    expect(rendered.outputs.map((o) => o.writer)).toEqual(['title', 'docx']);
    expect(new TextDecoder().decode(rendered.outputs[0]!.bytes)).toBe('关于开展2025年夏季消防安全检查的工作方案');
    expect(rendered.outputs[1]!.text).toContain('坚持人民至上');
    expect(rendered.outputs.map((o) => o.created.toISOString())).toEqual(['2025-06-03T00:00:00.000Z', '2025-06-03T00:00:00.000Z']);
  });

  it('turns a writer that crashes into an internal-error diagnostic, not a throw', async () => {
    const broken: DocumentWriter = { id: 'broken', ext: '.x', description: 'writer-docx', stage: 'worker', write: () => Promise.reject(new Error('boom')) };
    const rendered = await renderPlan(await checkFile(at('good.md'), 'good.md'), [broken]);
    expect(rendered.ok).toBe(false);
    expect(rendered.diagnostics.map((d) => d.ruleId)).toEqual(['internal-error']);
  });
});

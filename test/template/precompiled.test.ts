import { describe, expect, it } from 'vitest';
import { appendFileSync, cpSync } from 'node:fs';
import * as path from 'node:path';
import { checkSource } from '../../src/pipeline.js';
import { makeSource } from '../../src/read/source.js';
import { builtInDir, builtInNames, expandDocument, loadTemplate } from '../../src/template/index.js';
import Handlebars from 'handlebars';
import { parsedTemplates, precompiledTemplates } from '../../src/template/generated/precompiled-templates.js';
import { planText, sampleFrontMatter, tempDir } from './support.js';

// The build compiles the built-in templates ahead (scripts/precompile-templates.mjs);
// plangen then only fills in each file's index. Output and positions must be exactly
// those of compiling at run time.

const body = '## 一、指导思想\n\n坚持安全第一。\n\n{{> leaders}}\n\n## 二、工作要求\n\n{{issuer}}各部门要高度重视。\n';

async function expandThrough(templateDir: string) {
  const dir = path.dirname(templateDir);
  const text = planText(sampleFrontMatter, body);
  const checked = checkSource(makeSource('plan.md', text), path.join(dir, 'plan.md'), { planDir: dir, fileExists: () => true });
  const loaded = await loadTemplate(templateDir, dir, 'plan.md');
  const expanded = await expandDocument({ parsed: checked.parsed!, plan: checked.plan!, data: checked.data, template: loaded.template!, planDir: dir });
  return { tree: expanded.tree, diagnostics: [...loaded.diagnostics, ...expanded.diagnostics] };
}

describe('built-in templates compiled ahead', () => {
  it('every built-in file as plangen loads it has its compiled spec', async () => {
    for (const name of await builtInNames()) {
      const loaded = await loadTemplate(name, builtInDir(), 'plan.md');
      const files = [loaded.template!.skeleton, ...loaded.template!.partials.values()];
      for (const file of files) expect(precompiledTemplates.has(file.file.source.text), `${name}: ${file.file.source.path}`).toBe(true);
    }
  });

  it('expand to the same tree, positions and diagnostics as templates compiled at run time', async () => {
    const dir = tempDir();
    cpSync(builtInDir(), path.join(dir, 'templates'), { recursive: true });
    const saved = new Map(precompiledTemplates);
    const savedTrees = new Map(parsedTemplates);
    for (const name of await builtInNames()) {
      const folder = path.join(dir, 'templates', name);
      const ahead = await expandThrough(folder);
      const mutable = precompiledTemplates as Map<string, (fileIndex: number) => unknown>;
      const mutableTrees = parsedTemplates as Map<string, string>;
      mutable.clear();
      mutableTrees.clear();
      try {
        // A fresh load parses afresh, so nothing compiled before is reused.
        const atRunTime = await expandThrough(folder);
        expect(ahead.tree, name).toEqual(atRunTime.tree);
        expect(ahead.diagnostics, name).toEqual(atRunTime.diagnostics);
      } finally {
        for (const [k, v] of saved) mutable.set(k, v);
        for (const [k, v] of savedTrees) mutableTrees.set(k, v);
      }
      expect(JSON.stringify(ahead.tree)).toContain('领导小组');
    }
  });

  it("keeps each built-in file's tree exactly as Handlebars parses it", () => {
    expect(parsedTemplates.size).toBe(precompiledTemplates.size);
    for (const [text, tree] of parsedTemplates) {
      expect(precompiledTemplates.has(text)).toBe(true);
      expect(JSON.parse(tree)).toEqual(JSON.parse(JSON.stringify(Handlebars.parse(text))));
    }
  });

  it('a file whose text differs from the built-in one is compiled at run time', async () => {
    const dir = tempDir();
    cpSync(path.join(builtInDir(), 'plan'), path.join(dir, 'mine'), { recursive: true });
    appendFileSync(path.join(dir, 'mine', 'partials', 'leaders.hbs'), '\n本单位自定义的一句。\n');
    const loaded = await loadTemplate(path.join(dir, 'mine'), dir, 'plan.md');
    expect(precompiledTemplates.has(loaded.template!.partials.get('leaders')!.file.source.text)).toBe(false);
    const r = await expandThrough(path.join(dir, 'mine'));
    expect(JSON.stringify(r.tree)).toContain('本单位自定义的一句。');
  });
});

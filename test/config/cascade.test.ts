import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigSet } from '../../src/config/index.js';
import { useTempProject } from '../helpers/project.js';
import type { Io } from '../../src/io/io.js';

/** The settings ConfigSet.forPlan computes, key by key, without running a command. */

const project = useTempProject();
const { put } = project;

const io = (): Io => ({ cwd: project.proj, env: {}, stdout: { write: () => true }, stderr: { write: () => true } });

describe('ConfigSet.forPlan', () => {
  it('nearer wins key by key; keys the nearer file leaves out come from farther ones', async () => {
    mkdirSync(path.join(project.proj, 'fonts'));
    put('plangen.config.yaml', 'outDir: out\npdf: true\nfonts: fonts\nrules:\n  phase-overlap: off\n  halfwidth-punctuation: error\nallowRead: [.]\n');
    put('a/plangen.config.yaml', 'outDir: 近\nrules:\n  halfwidth-punctuation: warn\nallowRead: [.]\n');
    const plan = put('a/b/p.md', '');
    const set = new ConfigSet(io());
    const c = await set.forPlan(plan);
    expect(set.diagnostics).toEqual([]);
    expect(c.outDir).toBe(path.join(project.proj, 'a', '近'));
    expect(c.pdf).toBe(true);
    expect(c.fonts).toBe(path.join(project.proj, 'fonts'));
    expect([...c.rules]).toEqual([
      ['phase-overlap', 'off'],
      ['halfwidth-punctuation', 'warn'],
    ]);
    expect(c.allowRead).toEqual([project.proj, path.join(project.proj, 'a')]);
    expect(c.files).toEqual([path.join(project.proj, 'plangen.config.yaml'), path.join(project.proj, 'a', 'plangen.config.yaml')]);
  });

  it('overrides follow their file’s own keys, in order; a nearer file still beats them', async () => {
    put('plangen.config.yaml', 'pdf: false\noutDir: o1\noverrides:\n  - files: ["**/*.md"]\n    pdf: true\n    outDir: o2\n  - files: ["a/**"]\n    outDir: o3\n');
    put('a/plangen.config.yaml', 'pdf: false\n');
    const set = new ConfigSet(io());
    const inA = await set.forPlan(put('a/p.md', ''));
    expect(inA.outDir).toBe(path.join(project.proj, 'o3'));
    expect(inA.pdf).toBe(false);
    const top = await set.forPlan(put('q.md', ''));
    expect(top.outDir).toBe(path.join(project.proj, 'o2'));
    expect(top.pdf).toBe(true);
  });

  it('a template folder is given to the pipeline relative to the plan’s folder; a built-in name as it is', async () => {
    put('tpl/mine/template.yaml', 'name: mine\n');
    put('plangen.config.yaml', 'template: tpl/mine\noverrides:\n  - files: ["n/**"]\n    template: notice\n');
    const set = new ConfigSet(io());
    expect((await set.forPlan(put('a/b/p.md', ''))).template).toBe('../../tpl/mine');
    expect((await set.forPlan(put('p.md', ''))).template).toBe('./tpl/mine');
    expect((await set.forPlan(put('n/p.md', ''))).template).toBe('notice');
  });

  it('no config: nothing set', async () => {
    const c = await new ConfigSet(io()).forPlan(put('p.md', ''));
    expect(c).toEqual({ allowRead: [], rules: new Map(), files: [] });
  });
});

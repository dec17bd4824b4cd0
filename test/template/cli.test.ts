import { existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/io/io.js';
import { buildDocx, checkFile } from '../../src/pipeline.js';
import { tempDir, writeFiles } from './support.js';

function testIo(cwd: string): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    env: {},
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    out: () => out,
    err: () => err,
  };
}

describe('plangen templates', () => {
  it('lists the built-ins and the template folders of the working folder with their descriptions', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'my-office/template.yaml': 'description: 本单位红头\nextends: official\n', 'notes/readme.md': 'x' });
    const io = testIo(dir);
    expect(await main(['templates'], io)).toBe(0);
    const out = io.out();
    for (const name of ['plan', 'official', 'notice']) expect(out).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(out).toMatch(/\.\/my-office +本单位红头（基于 official）/);
    expect(out).not.toContain('notes');
  });
});

describe('plangen init', () => {
  it('writes a starter plan with the schema line first in the front matter, and never overwrites', async () => {
    const dir = tempDir();
    const io = testIo(dir);
    expect(await main(['init'], io)).toBe(0);
    const text = readFileSync(path.join(dir, 'plan.md'), 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe('---');
    expect(lines[1]).toMatch(/^# yaml-language-server: \$schema=\S+plan\.schema\.json$/);
    const schemaRef = lines[1]!.replace(/^.*\$schema=/, '');
    expect(existsSync(path.resolve(dir, schemaRef))).toBe(true);
    expect(text).not.toMatch(/xx|XX|×/);
    writeFileSync(path.join(dir, 'plan.md'), '我的修改');
    const again = testIo(dir);
    expect(await main(['init'], again)).toBe(2);
    expect(again.err()).toContain('plan.md');
    expect(readFileSync(path.join(dir, 'plan.md'), 'utf8')).toBe('我的修改');
  });

  it('says what it did in the language asked for, and counts a link to nothing as a file there', async () => {
    const dir = tempDir();
    const io = testIo(dir);
    expect(await main(['init', 'a.md', '--lang', 'en'], io)).toBe(0);
    expect(io.out()).toBe('Wrote a.md; edit it, then run plangen check a.md\n');
    const zh = testIo(dir);
    expect(await main(['init', 'a.md'], zh)).toBe(2);
    expect(zh.err()).toBe('文件已存在：a.md（不会覆盖；请换一个文件名）\n');
    // Writing through a dangling link would put the plan wherever the link points.
    symlinkSync(path.join(dir, 'nowhere', 'x.md'), path.join(dir, 'link.md'));
    const linked = testIo(dir);
    expect(await main(['init', 'link.md', '--lang', 'en'], linked)).toBe(2);
    expect(linked.err()).toContain('File exists: link.md');
    expect(existsSync(path.join(dir, 'nowhere'))).toBe(false);
  });

  it('an unknown template is refused with a did-you-mean', async () => {
    const dir = tempDir();
    const io = testIo(dir);
    expect(await main(['init', 'a.md', '--template', 'offical'], io)).toBe(2);
    expect(io.err()).toContain('official');
    expect(existsSync(path.join(dir, 'a.md'))).toBe(false);
  });

  it.each(['plan', 'official', 'notice'])('the %s starter checks clean and builds', async (template) => {
    const dir = tempDir();
    expect(await main(['init', 'start.md', '--template', template], testIo(dir))).toBe(0);
    const checked = await checkFile(path.join(dir, 'start.md'), 'start.md');
    expect(checked.diagnostics).toEqual([]);
    expect(checked.plan?.template).toBe(template);
    const built = await buildDocx(checked, { sourceDateEpoch: '1700000000' });
    const notBuilt = built.diagnostics.some((d) => d.ruleId === 'internal-error' && String(d.args['detail']).includes('not built yet'));
    // Until the DOCX writer exists the build stops there; afterwards the whole path must succeed.
    if (notBuilt) return;
    expect(built.diagnostics).toEqual([]);
    expect(built.docx && Buffer.from(built.docx.subarray(0, 2)).toString()).toBe('PK');
    expect(built.text).toContain('领导小组下设办公室在街道应急管理办公室，赵某某同志（街道党工委委员、办事处副主任）兼任办公室主任');
  });
});

describe('plangen template eject', () => {
  it('copies a built-in with every partial it uses, still extending it, and the copy builds', async () => {
    const dir = tempDir();
    const io = testIo(dir);
    expect(await main(['template', 'eject', 'official', 'office'], io)).toBe(0);
    const files = readdirSync(path.join(dir, 'office'), { recursive: true }).map(String).sort();
    expect(files).toEqual(['partials', ...['duties', 'groups', 'leaders', 'phases', 'targets'].map((p) => path.join('partials', `${p}.hbs`)), 'template.hbs', 'template.yaml']);
    const yaml = readFileSync(path.join(dir, 'office', 'template.yaml'), 'utf8');
    expect(yaml).toMatch(/^extends: official$/m);
    expect(readFileSync(path.join(dir, 'office', 'template.hbs'), 'utf8')).toContain('{{> red-header}}');

    // An office edit to one partial shows up in the build.
    writeFileSync(path.join(dir, 'office', 'partials', 'targets.hbs'), '{{#each targets}}\n目标{{cnIndex @index}}：{{sentence}}。\n\n{{/each}}\n');
    expect(await main(['init', 'p.md', '--template', './office'], testIo(dir))).toBe(0);
    const checked = await checkFile(path.join(dir, 'p.md'), 'p.md');
    expect(checked.diagnostics).toEqual([]);
    const { loadTemplate, expandDocument } = await import('../../src/template/index.js');
    const loaded = await loadTemplate('./office', dir, 'p.md');
    expect(loaded.diagnostics).toEqual([]);
    const expanded = await expandDocument({ parsed: checked.parsed!, plan: checked.plan!, data: checked.data, template: loaded.template!, planDir: dir });
    expect(expanded.diagnostics).toEqual([]);
    expect(expanded.tree.children[0]?.type).toBe('docRedHeader');
    const texts = expanded.tree.children.map((n) => (n.type === 'paragraph' ? n.children.map((c) => ('value' in c ? c.value : '')).join('') : ''));
    expect(texts).toContain('目标一：重点部位排查覆盖率达到100%。');
  });

  it('refuses a folder that is not empty, and an unknown name', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'office/keep.txt': '保留' });
    const io = testIo(dir);
    expect(await main(['template', 'eject', 'plan', 'office'], io)).toBe(2);
    expect(readdirSync(path.join(dir, 'office'))).toEqual(['keep.txt']);
    const io2 = testIo(dir);
    expect(await main(['template', 'eject', 'notise', 'x'], io2)).toBe(2);
    expect(io2.err()).toContain('notice');
  });
});

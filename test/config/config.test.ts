import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import * as path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { useTempProject } from '../helpers/project.js';
import { withFonts } from '../../src/cli/build.js';

/**
 * plangen.config.yaml: discovery from each plan up to the project root, the cascade
 * (nearer wins, `root: true` stops), overrides, include/exclude, -M, and precedence
 * CLI > plan > nearer config > farther config > defaults, key by key.
 */

// A plan with one half-width comma after Chinese text: a halfwidth-punctuation warning on line 7.
const plan = (front = '') => `---\ntitle: 测试方案\ndate: 2025-06-03\n${front}---\n\n会议,请参加。\n`;

const project = useTempProject();
const { put } = project;

/** The main part of a built DOCX, as XML text. */
const documentText = (rel: string) => strFromU8(unzipSync(readFileSync(path.join(project.proj, rel)))['word/document.xml'] ?? new Uint8Array());
const check = (...args: string[]) => runCli(['check', ...args], project.proj);
const build = (...args: string[]) => runCli(['build', ...args], project.proj, { ...process.env, PLANGEN_SOFFICE: '/nonexistent/soffice' });

describe('discovery and the cascade', () => {
  it('a config at the project root sets a rule level for plans in sub-folders', async () => {
    put('plans/a.md', plan());
    expect((await check('plans')).code).toBe(0);
    put('plangen.config.yaml', 'rules:\n  halfwidth-punctuation: error\n');
    const r = await check('plans');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/plans\/a\.md:\d+:3\s+错误.*halfwidth-punctuation/);
  });

  it('a nearer config wins over a farther one, and the plan’s own rules win over both', async () => {
    put('plangen.config.yaml', 'rules:\n  halfwidth-punctuation: error\n');
    put('plans/plangen.config.yaml', 'rules:\n  halfwidth-punctuation: off\n');
    put('plans/a.md', plan());
    put('plans/b.md', plan('rules:\n  halfwidth-punctuation: warn\n'));
    put('other/c.md', plan());
    const r = await check('plans/a.md', 'plans/b.md', 'other/c.md');
    expect(r.stdout).not.toMatch(/plans\/a.md:\d+/);
    expect(r.stdout).toMatch(/plans\/b\.md:\d+:3\s+警告/);
    expect(r.stdout).toMatch(/other\/c\.md:\d+:3\s+错误/);
    expect(r.code).toBe(1);
  });

  it('--verbose names the config files a plan used, farthest first', async () => {
    put('plangen.config.yaml', 'pdf: false\n');
    put('plans/plangen.config.yaml', 'lang: zh\n');
    put('plans/a.md', plan());
    const r = await check('plans/a.md', '--verbose');
    expect(r.stdout).toMatch(/plans\/a\.md:1:1\s+提示\s+使用的配置文件（远的在前，近的优先）：plangen\.config\.yaml, plans\/plangen\.config\.yaml\s+config-applied/);
    expect((await check('plans/a.md')).stdout).not.toMatch(/config-applied/);
  });

  it('root: true stops the walk up', async () => {
    put('plangen.config.yaml', 'rules:\n  halfwidth-punctuation: error\n');
    put('plans/plangen.config.yaml', 'root: true\n');
    put('plans/a.md', plan());
    const r = await check('plans/a.md');
    expect(r.stdout).toMatch(/plans\/a\.md:\d+:3\s+警告/);
    expect(r.code).toBe(0);
  });

  it('a config above the project root is never read', async () => {
    writeFileSync(path.join(project.dir, 'plangen.config.yaml'), 'this: [is broken\n');
    put('a.md', plan());
    const r = await check('a.md');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/plangen\.config/);
  });

  it('overrides apply to the files their globs match, relative to the config', async () => {
    put('plangen.config.yaml', 'overrides:\n  - files: ["drafts/**"]\n    rules:\n      halfwidth-punctuation: off\n  - files: ["*.final.md"]\n    rules:\n      halfwidth-punctuation: error\n');
    put('drafts/a.md', plan());
    put('b.md', plan());
    put('deep/c.final.md', plan());
    const r = await check('.');
    expect(r.stdout).not.toMatch(/drafts\/a.md:\d+/);
    expect(r.stdout).toMatch(/b\.md:\d+:3\s+警告/);
    // A pattern without a slash matches the file name in any folder.
    expect(r.stdout).toMatch(/deep\/c\.final\.md:\d+:3\s+错误/);
  });
});

describe('include and exclude', () => {
  it('decide what a folder scan takes; a file named on the command line is always checked', async () => {
    put('plangen.config.yaml', 'exclude: ["archive/**"]\n');
    put('plans/a.md', plan());
    put('archive/old.md', '---\ntitle: [\n---\n');
    const scanned = await check('.');
    expect(scanned.code).toBe(0);
    expect(scanned.stdout).toMatch(/plans\/a\.md/);
    expect(scanned.stdout).not.toMatch(/archive/);
    const named = await check('archive/old.md');
    expect(named.code).toBe(1);
    expect(named.stdout).toMatch(/archive\/old\.md:2/);
  });

  it('include keeps only matching plans', async () => {
    put('plangen.config.yaml', 'include: ["plans/**"]\n');
    put('plans/a.md', plan());
    put('notes/b.md', plan());
    const r = await check('.');
    expect(r.stdout).toMatch(/plans\/a\.md/);
    expect(r.stdout).not.toMatch(/notes\/b\.md/);
  });
});

describe('lang, template, outDir and pdf', () => {
  it('lang comes from the working folder’s config; --lang wins', async () => {
    put('plangen.config.yaml', 'lang: en\n');
    put('a.md', plan());
    expect((await check('a.md')).stdout).toMatch(/warning\s+Half-width/);
    expect((await check('a.md', '--lang', 'zh')).stdout).toMatch(/警告/);
  });

  it('template: the plan’s own field beats the config, -t beats both', async () => {
    put('plangen.config.yaml', 'template: notice\n');
    put('a.md', plan('issuer: 某街道办事处\n'));
    put('b.md', plan('issuer: 某街道办事处\ntemplate: plan\n'));
    expect((await build('a.md', 'b.md')).code).toBe(0);
    // The notice template wraps the plan in 印发通知: “现将《……》印发给你们”.
    expect(documentText('a.docx')).toContain('印发给你们');
    expect(documentText('b.docx')).not.toContain('印发给你们');
    expect((await build('a.md', '-t', 'plan')).code).toBe(0);
    expect(documentText('a.docx')).not.toContain('印发给你们');
  });

  it('a config template that does not exist is said at the config’s line, once', async () => {
    put('plangen.config.yaml', 'pdf: false\noverrides:\n  - files: ["*.md"]\n    template: nosuch\n');
    put('a.md', plan());
    put('b.md', plan());
    const r = await check('.');
    expect(r.stdout).toMatch(/plangen\.config\.yaml:4:15\s+错误\s+找不到模板“nosuch”\s+template-missing/);
    expect(r.stdout.match(/template-missing/g)).toHaveLength(1);
    expect(r.code).toBe(2);
  });

  it('a template folder in a config is relative to the config’s folder', async () => {
    const r0 = await runCli(['template', 'eject', 'plan', path.join(project.proj, 'tpl', 'mine')], project.proj);
    expect(r0.code).toBe(0);
    put('plangen.config.yaml', 'template: tpl/mine\n');
    put('plans/deep/a.md', plan());
    const r = await check('plans/deep/a.md');
    expect(r.stdout).not.toMatch(/template-missing/);
    expect(r.code).toBe(0);
    put('plangen.config.yaml', 'template: tpl/gone\n');
    const gone = await check('plans/deep/a.md');
    expect(gone.stdout).toMatch(/template-missing/);
  });

  it('outDir is relative to the config; --out-dir wins; both mirror folders below the working folder', async () => {
    put('plans/plangen.config.yaml', 'outDir: ../公文\n');
    put('plans/a.md', plan());
    expect((await build('plans/a.md')).code).toBe(0);
    expect(existsSync(path.join(project.proj, '公文', 'plans', 'a.docx'))).toBe(true);
    expect(existsSync(path.join(project.proj, 'plans', 'a.docx'))).toBe(false);
    expect((await build('plans/a.md', '--out-dir', 'cli-out')).code).toBe(0);
    expect(existsSync(path.join(project.proj, 'cli-out', 'plans', 'a.docx'))).toBe(true);
  });

  it('pdf: true asks for a PDF as well; --to docx wins', async () => {
    put('plangen.config.yaml', 'pdf: true\n');
    put('a.md', plan());
    // No LibreOffice here on purpose: asking for the PDF is what is being tested.
    const r = await build('a.md');
    expect(r.stdout).toMatch(/soffice-missing/);
    expect(existsSync(path.join(project.proj, 'a.docx'))).toBe(true);
    const docx = await build('a.md', '--to', 'docx');
    expect(docx.stdout).not.toMatch(/soffice-missing/);
    expect(docx.code).toBe(0);
  });

  it('allowRead lets a plan use files in a folder outside the project', async () => {
    const shared = path.join(project.dir, 'shared');
    mkdirSync(shared);
    writeFileSync(path.join(shared, '分工表.md'), '一、分工\n\n正文。\n');
    put('a.md', plan('attachments:\n  - title: 分工表\n    file: ../shared/分工表.md\n'));
    expect((await check('a.md')).stdout).toMatch(/path-outside-project/);
    put('plangen.config.yaml', 'allowRead: [../shared]\n');
    const r = await check('a.md');
    expect(r.stdout).not.toMatch(/path-outside-project/);
    expect(r.code).toBe(0);
  });
});

describe('fonts', () => {
  it('config folders go before PLANGEN_FONTS_DIR for the PDF run', () => {
    expect(withFonts({ PLANGEN_FONTS_DIR: '/b' }, ['/a'])['PLANGEN_FONTS_DIR']).toBe(['/a', '/b'].join(path.delimiter));
    expect(withFonts({}, ['/a', '/c'])['PLANGEN_FONTS_DIR']).toBe(['/a', '/c'].join(path.delimiter));
    const env = { PLANGEN_FONTS_DIR: '/b' };
    expect(withFonts(env, [])).toBe(env);
  });
});

describe('-M field=value', () => {
  it('sets a front-matter default the plan’s own value beats', async () => {
    put('a.md', '---\ndate: 2025-06-03\n---\n\n正文。\n');
    put('b.md', plan());
    expect((await check('a.md')).stdout).toMatch(/required-field/);
    const r = await check('a.md', 'b.md', '-M', 'title=命令行标题');
    expect(r.stdout).not.toMatch(/required-field/);
    expect(r.code).toBe(0);
  });

  it('reaches the document, and the plan’s own value is the one printed', async () => {
    put('a.md', plan());
    put('b.md', plan('issuer: 方案自己的机关\n'));
    expect((await build('a.md', 'b.md', '-M', 'issuer=命令行的机关')).code).toBe(0);
    expect(documentText('a.docx')).toContain('命令行的机关');
    expect(documentText('b.docx')).toContain('方案自己的机关');
    expect(documentText('b.docx')).not.toContain('命令行的机关');
  });

  it('content rules check -M values once, at <command line>; warnings do not stop the run', async () => {
    put('a.md', plan());
    const bad = await check('a.md', '-M', 'date=2025-02-30', '-M', 'note=关于20xx年');
    expect(bad.stdout).toMatch(/<command line>:1:6\s+错误.*impossible-date/);
    expect(bad.stdout).toMatch(/<command line>:2:8\s+错误.*placeholder/);
    expect(bad.code).toBe(2);
    const warned = await check('a.md', '-M', 'note=于06月05日前报送');
    expect(warned.stdout).toMatch(/<command line>:1:7\s+警告.*date-zero-padding/);
    expect(warned.code).toBe(0);
  });

  it('a value is read as a YAML scalar, checked like the front matter, at <command line>', async () => {
    put('a.md', plan());
    const r = await check('a.md', '-M', 'issuer=某街道', '-M', 'titel=x', '-M', 'copy_number=000123', '-M', 'nokey');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/<command line>:2:1\s+错误\s+未知字段“titel”，是否应为“title”？\s+unknown-field/);
    // Unquoted, 000123 is the number 123: the message says to quote it.
    expect(r.stdout).toMatch(/<command line>:3:13\s+错误.*copy_number.*wrong-type/);
    expect(r.stdout).toMatch(/<command line>:4:1\s+错误.*usage-metadata-form/);
    expect(r.stdout).not.toMatch(/a\.md/);
    expect(r.stderr).toMatch(/本次没有检查或生成任何方案/);
    expect((await check('a.md', '-M', 'copy_number="000123"')).stdout).not.toMatch(/copy_number/);
    // A bracketed list is YAML too; text that only looks like a mapping stays text.
    expect((await check('a.md', '-M', 'recipients=[各社区居委会, 街道各科室]')).code).toBe(0);
    expect((await check('a.md', '-M', 'recipients=各社区')).stdout).toMatch(/<command line>:1:12\s+错误.*recipients.*wrong-type/);
    expect((await check('a.md', '-M', 'note=关于a: b')).code).toBe(0);
    // Rule switches by -M: a misspelt id is said at the command line, a right one takes effect.
    expect((await check('a.md', '-M', 'rules={halfwidth-punctuatio: off}')).stdout).toMatch(/<command line>:1:8\s+错误.*unknown-rule/);
    const off = await check('a.md', '-M', 'rules={halfwidth-punctuation: off}');
    expect(off.stdout).not.toMatch(/halfwidth-punctuation/);
    expect(off.code).toBe(0);
  });
});

describe('config errors stop the run with exit 2, at file:line:column', () => {
  it.each([
    ['broken YAML', 'outDir: [out\n', /plangen\.config\.yaml:\d+:\d+\s+错误\s+YAML 格式错误.*yaml-syntax/],
    ['an unknown key, with a suggestion', 'outdir: out\n', /plangen\.config\.yaml:1:1\s+错误\s+未知字段“outdir”，是否应为“outDir”？\s+unknown-field/],
    ['a wrong type', 'pdf: 是\n', /plangen\.config\.yaml:1:6\s+错误\s+“pdf”应为true 或 false\s+wrong-type/],
    ['a wrong choice', 'lang: fr\n', /plangen\.config\.yaml:1:7\s+错误.*invalid-choice/],
    ['an unknown rule id', 'rules:\n  phase-overlaps: off\n', /plangen\.config\.yaml:2:3\s+错误.*phase-overlap.*unknown-rule/],
    ['a rule that cannot be switched', 'rules:\n  yaml-syntax: off\n', /plangen\.config\.yaml:2:3\s+错误.*rule-not-switchable/],
    ['an override without files', 'overrides:\n  - pdf: true\n', /plangen\.config\.yaml:2:5\s+错误.*overrides\[0\]\.files.*required-field/],
    ['not a mapping', '- outDir: out\n', /plangen\.config\.yaml:1:1\s+错误.*config-not-mapping/],
    ['a fonts folder that does not exist', 'fonts: 字体\n', /plangen\.config\.yaml:1:8\s+错误.*“字体”.*config-folder-missing/],
    // Counted before yaml parses it: the mapping is one level, so the 32nd bracket (column
    // 7 + 31 after "lang: ") is where it stops.
    ['brackets nested thousands deep', `lang: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, /plangen\.config\.yaml:1:38\s+错误.*超过 32 层.*yaml-too-deep/],
  ])('%s', async (_name, text, expected) => {
    put('plangen.config.yaml', text);
    put('a.md', plan());
    const r = await check('a.md');
    expect(r.stdout).toMatch(expected);
    expect(r.code).toBe(2);
    // Nothing of the plan is reported: the run stopped first.
    expect(r.stdout).not.toMatch(/a\.md:/);
  });

  it('a config that is a link out of the project is refused, not read', async () => {
    writeFileSync(path.join(project.dir, 'elsewhere.yaml'), 'rules:\n  halfwidth-punctuation: off\n');
    symlinkSync(path.join(project.dir, 'elsewhere.yaml'), path.join(project.proj, 'plangen.config.yaml'));
    put('a.md', plan());
    const r = await check('a.md');
    expect(r.stdout).toMatch(/plangen\.config\.yaml:1:1\s+错误.*symlink-outside/);
    expect(r.code).toBe(2);
  });

  it('each config’s problems are reported once however many plans share it', async () => {
    put('plangen.config.yaml', 'outdir: out\n');
    put('a.md', plan());
    put('b.md', plan());
    const r = await build('.');
    expect(r.code).toBe(2);
    expect(r.stdout.match(/unknown-field/g)).toHaveLength(1);
    expect(existsSync(path.join(project.proj, 'a.docx'))).toBe(false);
  });
});

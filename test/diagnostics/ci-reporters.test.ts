import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv4Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { byFile, formatReport, formatSummary, ruleHelpUri, rulesDocUrl, type FileReport } from '../../src/diagnostics/reporters/index.js';
import { diagnostic } from '../../src/diagnostics/report.js';
import { catalogue, formatMessage } from '../../src/diagnostics/catalogue.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { version } from '../../src/version.js';
import { runCli, tempDir } from '../helpers/cli.js';

/** A diagnostic with an end position, as the collector makes for a span of text. */
function spanning(file: string, line: number, column: number, endLine: number, endColumn: number, ruleId: keyof typeof catalogue, args: Record<string, string | number>): Diagnostic {
  return { ...diagnostic(file, line, column, ruleId, args), endLine, endColumn };
}

const plan: FileReport = {
  file: 'plans/a.md',
  diagnostics: [
    spanning('plans/a.md', 12, 5, 12, 9, 'placeholder', { text: 'XX' }),
    diagnostic('plans/a.md', 3, 1, 'phase-overlap', { phase: '检查', previous: '部署' }),
    // Found while checking a.md, but in its attachment and its template.
    diagnostic('plans/附件/表.md', 2, 3, 'placeholder', { text: '××' }),
    diagnostic('tpl/template.hbs', 5, 4, 'template-helper', { name: 'cnDat', suggestion: 'cnDate' }),
  ],
};
const other: FileReport = {
  file: 'plans/b.md',
  // The shared template's problem is found again through the second plan.
  diagnostics: [diagnostic('tpl/template.hbs', 5, 4, 'template-helper', { name: 'cnDat', suggestion: 'cnDate' })],
};
const broken: FileReport = { file: 'plans/c.md', diagnostics: [diagnostic('plans/c.md', 2, 7, 'yaml-syntax', { hint: 'yaml-other' })] };

describe('filing each diagnostic under its own file', () => {
  it('lists attachments and templates under their own paths, once, every file looked at kept', () => {
    const grouped = byFile([plan, other, broken]);
    expect(grouped.map((f) => [f.file, f.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)])).toEqual([
      ['plans/a.md', ['3:1 phase-overlap', '12:5 placeholder']],
      ['plans/b.md', []],
      ['plans/c.md', ['2:7 yaml-syntax']],
      ['plans/附件/表.md', ['2:3 placeholder']],
      ['tpl/template.hbs', ['5:4 template-helper']],
    ]);
    for (const f of grouped) for (const d of f.diagnostics) expect(d.file).toBe(f.file);
  });
  it('stylish heads each file with its own path', () => {
    const out = formatReport('stylish', [plan, other], 'en');
    expect(out).toContain('tpl/template.hbs\n  tpl/template.hbs:5:4  error');
    expect(out.match(/template-helper/g)).toHaveLength(1);
    expect(out).not.toMatch(/^plans\/b\.md$/m);
  });
});

describe('--format json: ESLint’s json formatter, field by field', () => {
  const results = JSON.parse(formatReport('json', [plan, other, broken], 'en', { cwd: '/ci/work' })) as Array<Record<string, unknown>>;
  it('one result per file, absolute filePath, in ESLint’s key order', () => {
    expect(results.map((r) => r['filePath'])).toEqual(['/ci/work/plans/a.md', '/ci/work/plans/b.md', '/ci/work/plans/c.md', '/ci/work/plans/附件/表.md', '/ci/work/tpl/template.hbs']);
    for (const r of results) {
      expect(Object.keys(r)).toEqual(['filePath', 'messages', 'suppressedMessages', 'errorCount', 'fatalErrorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount', 'usedDeprecatedRules']);
    }
  });
  it('a plan: messages with end positions where known, counts', () => {
    expect(results[0]).toEqual({
      filePath: '/ci/work/plans/a.md',
      messages: [
        { ruleId: 'phase-overlap', severity: 1, message: 'Phase "检查" overlaps "部署"', line: 3, column: 1, nodeType: null },
        { ruleId: 'placeholder', severity: 2, message: 'Sample placeholder "XX" left in; fill in the real value', line: 12, column: 5, nodeType: null, endLine: 12, endColumn: 9 },
      ],
      suppressedMessages: [],
      errorCount: 1,
      fatalErrorCount: 0,
      warningCount: 1,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    });
  });
  it('a clean file has an empty entry; a file that could not be parsed has a fatal error', () => {
    expect(results[1]).toMatchObject({ messages: [], errorCount: 0, fatalErrorCount: 0, warningCount: 0 });
    expect(results[2]).toMatchObject({ errorCount: 1, fatalErrorCount: 1, messages: [{ ruleId: 'yaml-syntax', severity: 2, fatal: true, line: 2, column: 7 }] });
  });
  it('the template’s problem is filed under the template, not the plan', () => {
    expect(results[4]).toMatchObject({ filePath: '/ci/work/tpl/template.hbs', errorCount: 1, messages: [{ ruleId: 'template-helper', line: 5, column: 4 }] });
  });
  it('an info note (reported with --verbose only) has severity 0 and counts nowhere', () => {
    const note = diagnostic('p.md', 4, 1, 'section-in-body', { name: 'phases' });
    const [r] = JSON.parse(formatReport('json', [{ file: 'p.md', diagnostics: [note] }], 'zh', { cwd: '/w' })) as Array<{ messages: Array<{ severity: number }>; errorCount: number; warningCount: number }>;
    expect(r?.messages[0]?.severity).toBe(0);
    expect([r?.errorCount, r?.warningCount]).toEqual([0, 0]);
  });
});

describe('--format github', () => {
  it('names files from the project root when run from a subfolder', () => {
    const out = formatReport('github', [plan], 'en', { cwd: '/ci/work/docs', root: '/ci/work' });
    expect(out).toContain('::warning file=docs/plans/a.md,line=3,col=1,title=phase-overlap::');
    expect(out).toContain('::error file=docs/tpl/template.hbs,line=5,col=4,');
  });
  it('annotations carry endLine and endColumn where the end is known', () => {
    const out = formatReport('github', [plan], 'en');
    expect(out).toContain('::error file=plans/a.md,line=12,col=5,endLine=12,endColumn=9,title=placeholder::Sample placeholder "XX" left in');
    expect(out).toContain('::warning file=plans/a.md,line=3,col=1,title=phase-overlap::');
    expect(out).toContain('::error file=tpl/template.hbs,line=5,col=4,title=template-helper::');
  });
});

/**
 * The official SARIF 2.1.0 schema (draft-04), validated with ajv's draft-04 build and formats.
 * Its language pattern is not a valid Unicode-mode regular expression, hence unicodeRegExp off.
 */
function sarifValidator() {
  // CommonJS packages: under NodeNext the default import is the module object.
  const Ajv4 = Ajv4Module.default;
  const addFormats = addFormatsModule.default;
  const require = createRequire(import.meta.url);
  const schemaFile = path.join(path.dirname(require.resolve('@microsoft/jest-sarif')), 'schemas', 'sarif-2.1.0-rtm.5.json');
  const ajv = new Ajv4({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Array<{ id: string; shortDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string } }> } };
    columnKind: string;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }>;
    }>;
  }>;
}

describe('--format sarif', () => {
  const validate = sarifValidator();
  const text = formatReport('sarif', [plan, other, broken], 'zh', { cwd: '/ci/work/sub', root: '/ci/work' });
  const log = JSON.parse(text) as SarifLog;
  const run = log.runs[0]!;
  it('is valid against the SARIF 2.1.0 schema', () => {
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.version).toBe('2.1.0');
  });
  it('the schema check catches a broken log (it is not vacuous)', () => {
    const bad = JSON.parse(text) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    bad.runs[0]!.results[0]!['level'] = 'fatal';
    expect(validate(bad)).toBe(false);
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
  });
  it('one rule per catalogue id, with its English summary and its docs/rules.md section', () => {
    const rules = run.tool.driver.rules;
    expect(run.tool.driver).toMatchObject({ name: 'plangen', version, informationUri: rulesDocUrl });
    expect(rules.map((r) => r.id)).toEqual(Object.keys(catalogue));
    const doc = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    for (const r of rules) {
      expect(r.helpUri).toBe(`${rulesDocUrl}#${r.id}`);
      // GitHub's anchor for the heading `### \`id\`` is the id itself.
      expect(doc).toContain(`### \`${r.id}\`\n`);
      expect(r.shortDescription.text).not.toMatch(/\{~?\w+\}|\[\[/);
    }
    expect(rules.find((r) => r.id === 'phase-overlap')).toEqual({
      id: 'phase-overlap',
      shortDescription: { text: 'Phase "…" overlaps "…"' },
      helpUri: ruleHelpUri('phase-overlap'),
      defaultConfiguration: { level: 'warning' },
    });
  });
  it('results: rule index, level, message in the chosen language, location relative to the project root', () => {
    const rules = run.tool.driver.rules;
    for (const r of run.results) expect(rules[r.ruleIndex]?.id).toBe(r.ruleId);
    const placeholder = run.results.find((r) => r.ruleId === 'placeholder' && r.locations[0]?.physicalLocation.artifactLocation.uri.endsWith('a.md'));
    expect(placeholder).toMatchObject({
      level: 'error',
      message: { text: formatMessage('placeholder', { text: 'XX' }, 'zh') },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'sub/plans/a.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 5, endLine: 12, endColumn: 9 } } }],
    });
    const attachment = run.results.find((r) => r.locations[0]?.physicalLocation.artifactLocation.uri.includes('%E9%99%84'));
    expect(attachment?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(`sub/plans/${encodeURIComponent('附件')}/${encodeURIComponent('表.md')}`);
    expect(run.results.filter((r) => r.ruleId === 'template-helper')).toHaveLength(1);
    expect(run.columnKind).toBe('utf16CodeUnits');
  });
  it('a file outside the project is named by its file: URL', () => {
    const out = JSON.parse(formatReport('sarif', [{ file: '/elsewhere/x.md', diagnostics: [diagnostic('/elsewhere/x.md', 1, 1, 'file-binary', { offset: 3 })] }], 'en', { cwd: '/ci/work', root: '/ci/work' })) as SarifLog;
    expect(out.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/x.md' });
    expect(validate(out)).toBe(true);
  });
});

describe('the GitHub job summary', () => {
  it('counts problems by rule id, errors first, each id linked to its documentation', () => {
    const md = formatSummary([plan, other], { command: 'check', plans: 2 }, 'en');
    expect(md).toContain('## plangen check\n\nPlans checked: 2.\n\nProblems: 4 (3 errors, 1 warnings).');
    const rows = md.split('\n').filter((l) => l.startsWith('| ['));
    expect(rows).toEqual([
      `| [\`placeholder\`](${ruleHelpUri('placeholder')}) | error | 2 | 2 |`,
      `| [\`template-helper\`](${ruleHelpUri('template-helper')}) | error | 1 | 1 |`,
      `| [\`phase-overlap\`](${ruleHelpUri('phase-overlap')}) | warning | 1 | 1 |`,
    ]);
  });
  it('speaks Chinese by default and says when a build is clean', () => {
    const md = formatSummary([{ file: 'a.md', diagnostics: [] }], { command: 'build', plans: 1, built: 1 }, 'zh');
    // A blank line at the end keeps the next step's summary apart.
    expect(md).toBe('## plangen 生成结果\n\n1 个方案中，1 个的公文已生成。\n\n没有发现问题。\n\n');
  });
});

describe('on the command line', () => {
  let t: ReturnType<typeof tempDir>;
  const planText = (title: string, extra = '') => `---\ntitle: ${title}\ndate: 2025-06-03\ntemplate: ../tpl\n${extra}---\n\n## 工作要求\n\n按要求办理。\n`;
  beforeAll(() => {
    t = tempDir('plangen-ci-');
    mkdirSync(path.join(t.dir, '.git'));
    mkdirSync(path.join(t.dir, 'plans', '附件'), { recursive: true });
    mkdirSync(path.join(t.dir, 'tpl'));
    writeFileSync(path.join(t.dir, 'tpl', 'template.yaml'), 'extends: plan\n');
    writeFileSync(path.join(t.dir, 'tpl', 'template.hbs'), '{{> title}}\n\n{{> body}}\n\n日期：{{cnDat date}}\n');
    writeFileSync(path.join(t.dir, 'plans', '甲.md'), planText('甲方案', 'attachments:\n  - { title: 登记表, file: 附件/表.md }\n'));
    writeFileSync(path.join(t.dir, 'plans', '乙.md'), planText('乙方案'));
    writeFileSync(path.join(t.dir, 'plans', '附件', '表.md'), '## 说明\n\n联系人：XX。\n');
    writeFileSync(path.join(t.dir, 'clean.md'), '---\ntitle: 关于做好安全检查的通知\ndate: 2025-06-03\n---\n\n正文。\n');
  });
  afterAll(() => t.cleanup());

  it('json files the attachment’s and the template’s problems under those files', async () => {
    const r = await runCli(['check', 'plans', '-f', 'json'], t.dir);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
    const by = (rel: string) => results.find((x) => x.filePath === path.join(t.dir, rel));
    expect(by('plans/附件/表.md')?.messages.map((m) => m.ruleId)).toEqual(['placeholder']);
    expect(by('tpl/template.hbs')?.messages.map((m) => m.ruleId)).toEqual(['template-helper']);
    expect(by('plans/甲.md')?.messages).toEqual([]);
    expect(by('plans/乙.md')?.messages).toEqual([]);
  });

  it('sarif from a real run is valid and points into the project', async () => {
    // Run from inside a subfolder: locations are still relative to the project root.
    const r = await runCli(['check', '.', '-f', 'sarif', '--lang', 'en'], path.join(t.dir, 'plans'));
    const log = JSON.parse(r.stdout) as SarifLog;
    expect(sarifValidator()(log)).toBe(true);
    expect(log.runs[0]?.results.map((x) => x.locations[0]?.physicalLocation.artifactLocation.uri).sort()).toEqual([`plans/${encodeURIComponent('附件')}/${encodeURIComponent('表.md')}`, 'tpl/template.hbs']);
  });

  it('github annotations from a subfolder still name files from the project root', async () => {
    const r = await runCli(['check', '.', '-f', 'github'], path.join(t.dir, 'plans'));
    expect(r.stdout).toContain('::error file=plans/附件/表.md,line=3,');
    expect(r.stdout).toContain('::error file=tpl/template.hbs,line=5,');
  });

  it('--output-file writes the report there, not to the screen, for any format', async () => {
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const file = `reports/report.${format}`;
      const screen = await runCli(['check', 'plans', '-f', format], t.dir);
      const r = await runCli(['check', 'plans', '-f', format, '--output-file', file], t.dir);
      expect(r.code, format).toBe(1);
      expect(r.stdout, format).toBe('');
      expect(readFileSync(path.join(t.dir, file), 'utf8'), format).toBe(screen.stdout);
    }
    const stylish = readFileSync(path.join(t.dir, 'reports/report.stylish'), 'utf8');
    expect(stylish).toContain('tpl/template.hbs:5:');
    expect(stylish).not.toMatch(/\u001b/);
  });

  it('--output-file that cannot be written is a failed run (exit 2), said in words', async () => {
    const r = await runCli(['check', 'clean.md', '--output-file', 'clean.md/report.txt'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('无法写入 clean.md/report.txt');
  });

  it('--output-file naming a plan being checked is refused, the plan left as it was', async () => {
    const before = readFileSync(path.join(t.dir, 'plans', '乙.md'), 'utf8');
    const r = await runCli(['check', 'plans', '-f', 'json', '--output-file', 'plans/乙.md', '--lang', 'en'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output-file plans/乙.md is one of the files being checked');
    expect(readFileSync(path.join(t.dir, 'plans', '乙.md'), 'utf8')).toBe(before);
    // So is the attachment whose problem the report lists.
    expect((await runCli(['check', 'plans', '--output-file', 'plans/附件/表.md'], t.dir)).code).toBe(2);
  });

  it('--format github appends the job summary to $GITHUB_STEP_SUMMARY, keeping what was there', async () => {
    const summary = path.join(t.dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const env = { GITHUB_STEP_SUMMARY: summary };
    const first = await runCli(['check', 'plans', '-f', 'github'], t.dir, env);
    const second = await runCli(['build', 'clean.md', '-f', 'github', '--lang', 'en'], t.dir, env);
    expect([first.code, second.code]).toEqual([1, 0]);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n## plangen 检查结果\n\n检查了 2 个方案。\n'), md).toBe(true);
    expect(md).toContain(`| [\`template-helper\`](${ruleHelpUri('template-helper')}) | 错误 | 1 | 1 |`);
    expect(md.endsWith('|\n\n## plangen build\n\nDocuments built for 1 of 1 plans.\n\nNo problems found.\n\n'), md).toBe(true);
    // The summary is the run's record, not a second report on the screen.
    expect(first.stdout).not.toContain('| ');
  });

  it('writes no summary for other formats or without the variable', async () => {
    const summary = path.join(t.dir, 'untouched.md');
    writeFileSync(summary, 'x');
    await runCli(['check', 'clean.md', '-f', 'json'], t.dir, { GITHUB_STEP_SUMMARY: summary });
    await runCli(['check', 'clean.md', '-f', 'github'], t.dir, {});
    expect(readFileSync(summary, 'utf8')).toBe('x');
  });
});

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonReport, runCli } from '../helpers/cli.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

describe('plangen check', () => {
  it('exits 0 on a clean plan and prints nothing', async () => {
    const r = await runCli(['check', 'valid-plan-format/input.md'], fixtures);
    expect(r).toMatchObject({ code: 0, stdout: '' });
  });

  it('exits 1 on errors and prints them at file:line:column', async () => {
    const r = await runCli(['check', 'schema-unknown-keys/input.md'], fixtures);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('schema-unknown-keys/input.md:3:1  错误  未知字段“isuer”，是否应为“issuer”？  unknown-field');
  });

  it('speaks English on request, did-you-mean included', async () => {
    const r = await runCli(['check', '--lang', 'en', 'schema-unknown-keys/input.md'], fixtures);
    expect(r.stdout).toContain('Unknown field "isuer"; did you mean "issuer"?');
    expect(r.stdout).toContain('Unknown field "标题"; did you mean "title"?');
  });

  it('--verbose says where each data section went; the notes are not problems', async () => {
    const plain = await runCli(['check', '--strict', 'pasted/wording-sections-synonyms/input.md'], fixtures);
    expect(plain).toMatchObject({ code: 0, stdout: '' });
    const verbose = await runCli(['check', '--strict', '--verbose', 'pasted/wording-sections-synonyms/input.md'], fixtures);
    expect(verbose.code).toBe(0);
    expect(verbose.stdout).toContain('input.md:26:1  提示  “{{> phases}}”放在标题“三、组织实施”之下（与“实施步骤”同类的标题）  section-under-heading');
    expect(verbose.stdout).not.toContain('✖');
    const json = await runCli(['check', '--verbose', '--format', 'json', 'pasted/wording-sections-synonyms/input.md'], fixtures);
    const results = JSON.parse(json.stdout) as Array<{ warningCount: number; messages: Array<{ severity: number; ruleId: string }> }>;
    expect(results[0]?.warningCount).toBe(0);
    expect(results[0]?.messages.every((m) => m.severity === 0 && m.ruleId.startsWith('section-'))).toBe(true);
  });

  it('passes warnings unless --strict', async () => {
    expect((await runCli(['check', 'rules-phase-overlap/input.md'], fixtures)).code).toBe(0);
    expect((await runCli(['check', '--strict', 'rules-phase-overlap/input.md'], fixtures)).code).toBe(1);
  });

  it('reports every plan of a folder in one run, as JSON too', async () => {
    // The hostile corpus holds plans that refuse to check (and links made at run time): leave it out.
    const folders = readdirSync(fixtures).filter((d) => d !== 'hostile');
    const r = await runCli(['check', '--format', 'json', ...folders], fixtures);
    expect(r.code).toBe(1);
    const results = jsonReport(r.stdout, fixtures);
    const byDir = new Map(results.map((x) => [x.file.split('/')[0], x]));
    expect(byDir.get('valid-full')?.messages).toEqual([]);
    expect(byDir.get('rules-phase-order')?.messages.map((m) => [m.ruleId, m.line])).toEqual([['phase-order', 8]]);
    // Attachment texts without front matter are not plans: one is listed only for problems of
    // its own, filed under its own path.
    const attachments = results.filter((x) => x.file.includes('附件'));
    expect(attachments.every((x) => x.messages.length > 0)).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

const good = `---
title: 关于开展2025年夏季消防安全检查的工作方案
issuer: 某某区某某街道办事处
date: 2025-06-03
leaders:
  group: 夏季消防安全检查工作领导小组
  members:
    - { role: 组长, name: 王某某, post: 街道党工委书记 }
    - { role: 成员, name: [赵某某, 钱某某] }
phases:
  - { name: 动员部署阶段, start: 2025-06-05, end: 2025-06-15 }
  - { name: 总结验收阶段, end: 2025-08-31 }
targets:
  - { name: 辖区消防设施完好率, op: ">=", value: 98, unit: "%" }
---

## 指导思想

坚持人民至上、生命至上，全面排查整治辖区火灾隐患。

## 组织领导

{{> leaders}}
`;
const broken = good.replace('date: 2025-06-03', 'date: 2025-02-30');
const warned = good.replace('全面排查整治辖区火灾隐患。', '全面排查整治辖区火灾隐患,确保安全。');

let t: ReturnType<typeof tempDir>;
beforeAll(() => {
  t = tempDir();
  writeFileSync(path.join(t.dir, 'plan.md'), good);
  writeFileSync(path.join(t.dir, 'broken.md'), broken);
  writeFileSync(path.join(t.dir, 'warned.md'), warned);
});
afterAll(() => t.cleanup());

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('plangen build', () => {
  it('writes plan.docx beside the plan', async () => {
    const r = await runCli(['build', 'plan.md'], t.dir);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
    const bytes = readFileSync(path.join(t.dir, 'plan.docx'));
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });
  it('honours -o and --out-dir', async () => {
    expect((await runCli(['build', 'plan.md', '-o', 'out/custom.docx'], t.dir)).code).toBe(0);
    expect(existsSync(path.join(t.dir, 'out', 'custom.docx'))).toBe(true);
    expect((await runCli(['build', 'plan.md', '--out-dir', 'dir'], t.dir)).code).toBe(0);
    expect(existsSync(path.join(t.dir, 'dir', 'plan.docx'))).toBe(true);
  });
  it('stops on errors, writes nothing and leaves an existing output untouched', async () => {
    writeFileSync(path.join(t.dir, 'broken.docx'), 'previous good output');
    const r = await runCli(['build', 'broken.md'], t.dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('broken.md:4:7');
    expect(r.stdout).toContain('impossible-date');
    expect(readFileSync(path.join(t.dir, 'broken.docx'), 'utf8')).toBe('previous good output');
    expect(readdirSync(t.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
  it('builds despite warnings and prints them; exit 0', async () => {
    const r = await runCli(['build', 'warned.md', '-o', 'warned-plain.docx'], t.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('halfwidth-punctuation');
    expect(existsSync(path.join(t.dir, 'warned-plain.docx'))).toBe(true);
  });
  it('--max-warnings and --strict fail the run on warnings (exit 1) but still write the document', async () => {
    const over = await runCli(['build', 'warned.md', '-o', 'warned-strict.docx', '--strict'], t.dir);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('--max-warnings');
    expect(existsSync(path.join(t.dir, 'warned-strict.docx'))).toBe(true);
    const count = (over.stdout.match(/halfwidth-punctuation/g) ?? []).length;
    expect(count).toBeGreaterThan(0);
    // As many warnings as allowed passes; one fewer allowed fails.
    expect((await runCli(['build', 'warned.md', '-o', 'w1.docx', '--max-warnings', String(count)], t.dir)).code).toBe(0);
    expect((await runCli(['build', 'warned.md', '-o', 'w2.docx', '--max-warnings', String(count - 1)], t.dir)).code).toBe(1);
    expect((await runCli(['check', 'warned.md', '--max-warnings', String(count - 1)], t.dir)).code).toBe(1);
    expect((await runCli(['check', 'warned.md', '--max-warnings', String(count)], t.dir)).code).toBe(0);
  });
  it('--max-warnings takes a whole number (usage error otherwise)', async () => {
    const r = await runCli(['check', 'warned.md', '--max-warnings', 'many'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-warnings 后面应为不小于 0 的整数');
  });
  it('--force is accepted, changes nothing and says it is no longer needed', async () => {
    const forced = await runCli(['build', 'warned.md', '-o', 'warned-forced.docx', '--force'], t.dir);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('--force 已不再需要');
    expect(existsSync(path.join(t.dir, 'warned-forced.docx'))).toBe(true);
    const en = await runCli(['build', 'warned.md', '-o', 'warned-forced.docx', '--force', '--lang', 'en'], t.dir);
    expect(en.stderr).toContain('--force is no longer needed');
  });
  it('-o with several plans is a usage error', async () => {
    expect((await runCli(['build', 'plan.md', 'warned.md', '-o', 'x.docx'], t.dir)).code).toBe(2);
  });
  it('builds the same bytes every time, in any time zone', () => {
    const bin = path.resolve('bin/plangen.js');
    const build = (tz: string, out: string) => {
      const r = spawnSync(process.execPath, [bin, 'build', 'plan.md', '-o', out], { cwd: t.dir, env: { ...process.env, TZ: tz }, encoding: 'utf8' });
      expect(r.status, r.stderr + r.stdout).toBe(0);
      return sha(path.join(t.dir, out));
    };
    const a = build('UTC', 'a.docx');
    expect(build('Asia/Shanghai', 'b.docx')).toBe(a);
    expect(build('America/Los_Angeles', 'c.docx')).toBe(a);
  });
  it('SOURCE_DATE_EPOCH changes the stamp, and only the stamp', async () => {
    await runCli(['build', 'plan.md', '-o', 'e1.docx'], t.dir, { ...process.env, SOURCE_DATE_EPOCH: '1700000000' });
    await runCli(['build', 'plan.md', '-o', 'e2.docx'], t.dir, { ...process.env, SOURCE_DATE_EPOCH: '1700000000' });
    await runCli(['build', 'plan.md', '-o', 'e3.docx'], t.dir, { ...process.env, SOURCE_DATE_EPOCH: '1600000000' });
    expect(sha(path.join(t.dir, 'e1.docx'))).toBe(sha(path.join(t.dir, 'e2.docx')));
    expect(sha(path.join(t.dir, 'e1.docx'))).not.toBe(sha(path.join(t.dir, 'e3.docx')));
  });
});

describe('output names', () => {
  it('-o with --to pdf names the PDF, and a DOCX name gives its PDF twin', async () => {
    const { outputPathFor } = await import('../../src/cli/build.js');
    const io = { cwd: '/w', env: {}, stdout: { write: () => 0 }, stderr: { write: () => 0 } };
    const base = { format: 'stylish' as const, lang: 'zh' as const, quiet: false, verbose: false, to: 'both' as const };
    expect(outputPathFor('/w/plan.md', '.pdf', { ...base, output: 'out/x.docx' }, io)).toBe('/w/out/x.pdf');
    expect(outputPathFor('/w/plan.md', '.docx', { ...base, output: 'out/x.docx' }, io)).toBe('/w/out/x.docx');
    expect(outputPathFor('/w/plan.md', '.pdf', { ...base, output: 'x.pdf' }, io)).toBe('/w/x.pdf');
    expect(outputPathFor('/w/plan.md', '.docx', { ...base, output: 'report' }, io)).toBe('/w/report.docx');
    expect(outputPathFor('/w/a/plan.md', '.docx', { ...base, outDir: 'o' }, io)).toBe('/w/o/plan.docx');
    expect(outputPathFor('/w/a/plan.md', '.pdf', base, io)).toBe('/w/a/plan.pdf');
  });
});

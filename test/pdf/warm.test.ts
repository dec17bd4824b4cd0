/**
 * The warm LibreOffice (office.ts) with the real soffice: a kept profile, PDFs that do not
 * depend on what the same LibreOffice converted before, recovery from a crash, a hang and
 * a broken profile, and concurrent runs on separate profiles. Stand-in `soffice` scripts
 * (through PLANGEN_SOFFICE) misbehave once and then hand over to the real one.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertPdfs, createPdfConverter, pdfInstances, type PdfJob } from '../../src/render/pdf/index.js';
import { takeSlot } from '../../src/render/pdf/office.js';
import { findSoffice } from '../../src/render/pdf/tools.js';
import { createHash } from 'node:crypto';
import { tempDir } from '../helpers/cli.js';
import { makePlanDocx } from './fixture-docx.js';
import { missingRenderTools } from './pdf-layout.js';

const tmp = tempDir('plangen-pdf-warm-');
afterAll(() => tmp.cleanup());
const created = new Date(Date.UTC(2025, 5, 3));

/** Processes whose command line mentions `needle` (a profile folder), zombies left out. */
function processesWith(needle: string): number[] {
  return commandLinesWith(needle).map((p) => p.pid);
}

/** The same, with each one's command line as read (a process may end between listing and reading it). */
function commandLinesWith(needle: string): { pid: number; cmdline: string }[] {
  const out: { pid: number; cmdline: string }[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (/\) [ZX] /.test(stat)) continue;
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes(needle)) out.push({ pid: Number(pid), cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

describe('takeSlot', () => {
  it('gives concurrent holders separate folders and takes over a lock left by a dead process', async () => {
    const root = path.join(tmp.dir, 'slots');
    const a = await takeSlot(root);
    const b = await takeSlot(root);
    expect([path.basename(a.dir), path.basename(b.dir)]).toEqual(['instance-1', 'instance-2']);
    expect(readFileSync(`${a.dir}.lock`, 'utf8')).toBe(String(process.pid));
    a.release();
    expect(existsSync(`${a.dir}.lock`)).toBe(false);
    // A lock whose process is gone (PID 2^22 + 1 is above Linux's pid_max).
    writeFileSync(`${a.dir}.lock`, String(4_194_305));
    const c = await takeSlot(root);
    expect(path.basename(c.dir)).toBe('instance-1');
    b.release();
    c.release();
  });
});

const skip = missingRenderTools();
const realSoffice = findSoffice(process.env);

describe.skipIf(!!skip || !realSoffice || process.platform !== 'linux')('a warm LibreOffice', () => {
  let plan: { docx: Uint8Array; text: string };
  let other: { docx: Uint8Array; text: string };
  const job = (name: string, doc = plan, dir = tmp.dir): PdfJob => ({ plan: `${name}.md`, docx: doc.docx, pdfPath: path.join(dir, `${name}.pdf`), shownPdf: `${name}.pdf`, text: doc.text, created });

  beforeAll(async () => {
    plan = await makePlanDocx({ paragraphs: 4, attachments: 1 });
    other = await makePlanDocx({ paragraphs: 8, attachments: 0 });
  });

  it('gives the same bytes alone, after other documents, and again with the kept profile', { timeout: 240_000 }, async () => {
    const profileDir = path.join(tmp.dir, 'kept');
    const alone = await convertPdfs([job('alone')], { env: process.env });
    // Second in one LibreOffice: it numbers the fonts on from the first document's.
    const batch = await convertPdfs([job('first', other), job('second')], { env: process.env, profileDir });
    const converter = createPdfConverter({ env: process.env, profileDir });
    const warm1 = await converter.add(job('warm-1', other));
    const warm2 = await converter.add(job('warm-2'));
    await converter.close();
    for (const r of [...alone, ...batch, warm1, warm2]) expect(r.diagnostics).toEqual([]);
    const bytes = (name: string) => readFileSync(path.join(tmp.dir, `${name}.pdf`));
    expect(bytes('second').equals(bytes('alone'))).toBe(true);
    expect(bytes('warm-2').equals(bytes('alone'))).toBe(true);
    expect(bytes('warm-1').equals(bytes('first'))).toBe(true);
    // The profile and the fontconfig cache stay for the next run, marked good; no LibreOffice is left running.
    const slot = path.join(profileDir, 'instance-1');
    expect(statSync(path.join(slot, 'profile', 'user')).isDirectory()).toBe(true);
    expect(existsSync(path.join(slot, 'plangen-profile-ok'))).toBe(true);
    expect(existsSync(path.join(slot, 'fontconfig-cache'))).toBe(true);
    expect(existsSync(`${slot}.lock`)).toBe(false);
    expect(processesWith(slot)).toEqual([]);
  });

  it('converts with two LibreOffices side by side, each on its own profile, giving the bytes of one alone', { timeout: 240_000 }, async () => {
    const profileDir = path.join(tmp.dir, 'two');
    const [alone, otherAlone] = await convertPdfs([job('two-alone'), job('two-other-alone', other)], { env: process.env });
    const converter = createPdfConverter({ env: process.env, profileDir, instances: 2 });
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((n, i) => converter.add(job(`two-${n}`, i % 2 ? plan : other))));
    await converter.close();
    for (const r of [alone!, otherAlone!, ...results]) expect(r.diagnostics).toEqual([]);
    const bytes = (name: string) => readFileSync(path.join(tmp.dir, `${name}.pdf`));
    for (const n of ['b', 'd']) expect(bytes(`two-${n}`).equals(bytes('two-alone'))).toBe(true);
    for (const n of ['a', 'c']) expect(bytes(`two-${n}`).equals(bytes('two-other-alone'))).toBe(true);
    // Both slots were used, and each profile is kept, marked good.
    for (const slot of ['instance-1', 'instance-2']) expect(existsSync(path.join(profileDir, slot, 'plangen-profile-ok'))).toBe(true);
    expect(processesWith(profileDir)).toEqual([]);
  });

  it('takes a second LibreOffice only for a large batch on more than one core', () => {
    expect([1, 20, 39].map((n) => pdfInstances(n, 2))).toEqual([1, 1, 1]);
    expect([40, 60, 200].map((n) => pdfInstances(n, 2))).toEqual([2, 2, 2]);
    expect(pdfInstances(60, 1)).toBe(1);
  });

  it('deletes and recreates a broken profile', { timeout: 240_000 }, async () => {
    const profileDir = path.join(tmp.dir, 'broken');
    const slot = path.join(profileDir, 'instance-1');
    mkdirSync(path.join(slot, 'profile'), { recursive: true });
    // Marked good, so it is trusted until LibreOffice refuses it (exit 77: "User installation could not be completed").
    writeFileSync(path.join(slot, 'plangen-profile-ok'), '');
    writeFileSync(path.join(slot, 'profile', 'user'), 'not a folder');
    for (const warm of [true, false]) {
      const [r] = await convertPdfs([job(`broken-${warm}`)], { env: process.env, profileDir, warm });
      expect(r?.diagnostics).toEqual([]);
      expect(r?.written).toBe(true);
      expect(statSync(path.join(slot, 'profile', 'user')).isDirectory()).toBe(true);
      writeFileSync(path.join(slot, 'plangen-profile-ok'), '');
      await import('node:fs/promises').then((f) => f.rm(path.join(slot, 'profile', 'user'), { recursive: true }));
      writeFileSync(path.join(slot, 'profile', 'user'), 'not a folder');
    }
  });

  it('gives runs at the same time a profile each', { timeout: 240_000 }, async () => {
    const profileDir = path.join(tmp.dir, 'shared');
    const a = createPdfConverter({ env: process.env, profileDir });
    const b = createPdfConverter({ env: process.env, profileDir });
    const results = await Promise.all([a.add(job('run-a')), b.add(job('run-b'))]);
    expect(readdirSync(profileDir).filter((f) => f.endsWith('.lock')).sort()).toEqual(['instance-1.lock', 'instance-2.lock']);
    // Each LibreOffice runs on its own profile folder, none on the other's.
    const onA = processesWith(path.join(profileDir, 'instance-1', 'profile'));
    const onB = processesWith(path.join(profileDir, 'instance-2', 'profile'));
    expect(onA.length).toBeGreaterThan(0);
    expect(onB.length).toBeGreaterThan(0);
    expect(onA.filter((p) => onB.includes(p))).toEqual([]);
    await Promise.all([a.close(), b.close()]);
    for (const r of results) expect(r.diagnostics).toEqual([]);
    expect(readFileSync(path.join(tmp.dir, 'run-a.pdf')).equals(readFileSync(path.join(tmp.dir, 'run-b.pdf')))).toBe(true);
  });

  /** A stand-in that misbehaves on its first conversion (`crash`: kills itself; `hang`: sleeps) and runs the real soffice otherwise. */
  function flakySoffice(mode: 'crash' | 'hang' | 'always-crash', tag = ''): { file: string; conversions: () => number } {
    const dir = path.join(tmp.dir, `flaky-${mode}${tag}`);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'soffice');
    const count = path.join(dir, 'count');
    writeFileSync(
      file,
      `#!/bin/sh
case " $* " in *" --convert-to "*) ;; *) exec "${realSoffice}" "$@";; esac
n=$(cat "${count}" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "${count}"
case ${mode} in
  crash) [ $n = 1 ] && kill -9 $$;;
  always-crash) kill -9 $$;;
  hang) [ $n = 1 ] && { sleep 120 & wait; };;
esac
exec "${realSoffice}" "$@"
`,
    );
    chmodSync(file, 0o755);
    return { file, conversions: () => Number(readFileSync(count, 'utf8')) };
  }

  it.each([false, true])('restarts a LibreOffice that crashed and converts its documents once more (warm: %s)', { timeout: 240_000 }, async (warm) => {
    const fake = flakySoffice('crash', String(warm));
    const converter = createPdfConverter({ env: { ...process.env, PLANGEN_SOFFICE: fake.file }, warm });
    const results = await Promise.all([converter.add(job(`crash-a-${warm}`)), converter.add(job(`crash-b-${warm}`, other))]);
    await converter.close();
    expect(results.map((r) => r.diagnostics)).toEqual([[], []]);
    expect(results.map((r) => r.written)).toEqual([true, true]);
    expect(fake.conversions()).toBe(2);
  });

  it('kills a LibreOffice that hangs, with what it started, and converts its documents once more', { timeout: 240_000 }, async () => {
    const fake = flakySoffice('hang');
    const [r] = await convertPdfs([job('hang-a')], { env: { ...process.env, PLANGEN_SOFFICE: fake.file }, timeoutMs: 15_000 });
    expect(r?.diagnostics).toEqual([]);
    expect(r?.written).toBe(true);
    expect(fake.conversions()).toBe(2);
    expect(processesWith(path.join(tmp.dir, 'flaky-hang'))).toEqual([]);
  });

  it('retries only once', { timeout: 240_000 }, async () => {
    const fake = flakySoffice('always-crash');
    const [r] = await convertPdfs([job('never')], { env: { ...process.env, PLANGEN_SOFFICE: fake.file } });
    // Killed each time: said as a crash, not as "exit code null".
    expect(r?.diagnostics.map((d) => d.ruleId)).toEqual(['pdf-crashed']);
    const { formatMessage } = await import('../../src/diagnostics/catalogue.js');
    expect(formatMessage('pdf-crashed', r!.diagnostics[0]!.args, 'en')).not.toContain('null');
    expect(existsSync(path.join(tmp.dir, 'never.pdf'))).toBe(false);
    expect(fake.conversions()).toBe(2);
  });

  it.skipIf(!existsSync('dist/plangen.mjs')).each(['SIGKILL', 'SIGINT'] as const)('leaves nothing behind when plangen gets %s during a warm build', { timeout: 240_000 }, async (signal) => {
    const work = path.join(tmp.dir, `killed-${signal}`);
    const tempRoot = path.join(work, 'tmp');
    mkdirSync(tempRoot, { recursive: true });
    cpSync('examples/attachments', path.join(work, 'attachments'), { recursive: true });
    for (const name of ['fire-inspection', 'community-safety']) copyFileSync(`examples/${name}.md`, path.join(work, `${name}.md`));
    const child = spawn(process.execPath, [path.resolve('bin/plangen.js'), 'build', 'fire-inspection.md', 'community-safety.md', '--pdf'], { cwd: work, env: { ...process.env, TMPDIR: tempRoot }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
    // The warm copy is up once it holds its document open.
    const keptOpen = () => readdirSync(tempRoot).some((d) => existsSync(path.join(tempRoot, d, '.~lock.keep.txt#')));
    for (let i = 0; i < 600 && !keptOpen(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(keptOpen()).toBe(true);
    // Read with the listing: a LibreOffice client of one call may end before its command line is read.
    const profile = commandLinesWith(tempRoot).map((p) => /-env:UserInstallation=(file:\/\/\S+?\/profile)\0/.exec(p.cmdline)?.[1]).find(Boolean)!;
    const digest = [...createHash('md5').update(Buffer.from(profile, 'utf16le')).digest()].map((b) => b.toString(16)).join('');
    const socket = `/tmp/OSL_PIPE_${process.getuid!()}_SingleOfficeIPC_${digest}`;
    expect(existsSync(socket)).toBe(true);
    child.kill(signal);
    expect(await exited).toBe(signal);
    // plangen itself (SIGINT) or the watchdog (SIGKILL) ends LibreOffice's groups and removes the folder and LibreOffice's socket.
    for (let i = 0; i < 300 && (processesWith(tempRoot).length > 0 || readdirSync(tempRoot).length > 0 || existsSync(socket)); i++) await new Promise((r) => setTimeout(r, 50));
    expect(processesWith(tempRoot)).toEqual([]);
    if (readdirSync(tempRoot).length > 0) console.log('left behind:', readdirSync(tempRoot, { recursive: true }));
    expect(readdirSync(tempRoot)).toEqual([]);
    expect(existsSync(socket)).toBe(false);
  });
});

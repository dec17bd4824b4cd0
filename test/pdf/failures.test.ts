/**
 * How convertPdfs handles a LibreOffice that misbehaves: a stand-in `soffice` script
 * (through PLANGEN_SOFFICE) that hangs, makes nothing, or makes something that is not a PDF.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertPdfs, type PdfJob } from '../../src/render/pdf/index.js';
import { runProgram } from '../../src/render/pdf/tools.js';
import { tempDir } from '../helpers/cli.js';
import { makePlanDocx } from './fixture-docx.js';

const tmp = tempDir('plangen-pdf-fail-');
afterAll(() => tmp.cleanup());

/** A fake soffice: `mode` hang (with a child that must die too), none, or garbage. */
function fakeSoffice(mode: 'hang' | 'none' | 'garbage'): string {
  const file = path.join(tmp.dir, `soffice-${mode}`);
  const pidFile = path.join(tmp.dir, `${mode}.pid`);
  writeFileSync(
    file,
    `#!/bin/sh
out=""; files=""
while [ $# -gt 0 ]; do case "$1" in --outdir) out="$2"; shift;; *.docx) files="$files $1";; esac; shift; done
case ${mode} in
  hang) sleep 60 & echo $! > ${pidFile}; wait;;
  none) echo "Error: source file could not be loaded" >&2; exit 0;;
  garbage) for f in $files; do b=$(basename "$f" .docx); echo hello > "$out/$b.pdf"; done;;
esac
`,
  );
  chmodSync(file, 0o755);
  return file;
}

/**
 * Whether our fake LibreOffice's `sleep` still runs under this PID (not a zombie). The
 * command name matters: with pid_max 32768 and a busy suite, a killed sleeper's PID is
 * soon given to another process.
 */
function sleeperAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return stat.includes(' (sleep) ') && state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number): Promise<boolean> {
  // Generous: on a loaded 2-core machine the group kill and the reaping can lag.
  for (let i = 0; i < 200 && sleeperAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !sleeperAlive(pid);
}

describe.skipIf(process.platform === 'win32')('a misbehaving LibreOffice', () => {
  const jobFor = async (name: string): Promise<PdfJob> => {
    const { docx, text } = await makePlanDocx({ paragraphs: 1, attachments: 0 });
    return { plan: `${name}.md`, docx, pdfPath: path.join(tmp.dir, `${name}.pdf`), shownPdf: `${name}.pdf`, text };
  };

  it('is stopped at the timeout, with everything it started, and the message names the PDF', async () => {
    const jobs = [await jobFor('slow-a'), await jobFor('slow-b')];
    const t0 = performance.now();
    const results = await convertPdfs(jobs, { env: { ...process.env, PLANGEN_SOFFICE: fakeSoffice('hang') }, timeoutMs: 1500 });
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(results.map((r) => r.diagnostics.map((d) => [d.ruleId, d.args['pdf'], d.args['seconds']]))).toEqual([[['pdf-timeout', 'slow-a.pdf', 2]], [['pdf-timeout', 'slow-b.pdf', 2]]]);
    const child = Number(readFileSync(path.join(tmp.dir, 'hang.pid'), 'utf8'));
    expect(await waitUntilGone(child)).toBe(true);
  });

  it('reports a run that produced nothing, with what LibreOffice said', async () => {
    const results = await convertPdfs([await jobFor('none')], { env: { ...process.env, PLANGEN_SOFFICE: fakeSoffice('none') } });
    expect(results[0]?.diagnostics.map((d) => [d.ruleId, d.args['code'], d.args['detail']])).toEqual([['pdf-no-output', '0', 'Error: source file could not be loaded']]);
    expect(existsSync(path.join(tmp.dir, 'none.pdf'))).toBe(false);
  });

  it('does not write output that is not a PDF, and keeps the old file', async () => {
    writeFileSync(path.join(tmp.dir, 'garbage.pdf'), 'OLD');
    const results = await convertPdfs([await jobFor('garbage')], { env: { ...process.env, PLANGEN_SOFFICE: fakeSoffice('garbage') } });
    expect(results[0]?.diagnostics.map((d) => d.ruleId)).toEqual(['pdf-invalid']);
    expect(readFileSync(path.join(tmp.dir, 'garbage.pdf'), 'utf8')).toBe('OLD');
  });

  it.skipIf(!existsSync('dist/plangen.mjs'))('stops LibreOffice and removes its folder when plangen is interrupted', async () => {
    const pidFile = path.join(tmp.dir, 'hang.pid');
    rmSync(pidFile, { force: true });
    const tempRoot = path.join(tmp.dir, 'interrupt-tmp');
    mkdirSync(tempRoot);
    const child = spawn(process.execPath, ['bin/plangen.js', 'build', 'examples/community-safety.md', '--pdf', '--out-dir', path.join(tmp.dir, 'interrupt')], {
      env: { ...process.env, PLANGEN_SOFFICE: fakeSoffice('hang'), TMPDIR: tempRoot },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Wait for the PID to be written, not only for the file to exist.
    const written = () => existsSync(pidFile) && /^\d+\s*$/.test(readFileSync(pidFile, 'utf8'));
    for (let i = 0; i < 400 && !written(); i++) await new Promise((r) => setTimeout(r, 50));
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    expect(readdirSync(tempRoot)).toHaveLength(1);
    // The shell writes $! as soon as it has forked: under load the child may not have become `sleep` yet.
    for (let i = 0; i < 100 && !sleeperAlive(sleeper); i++) await new Promise((r) => setTimeout(r, 20));
    expect(sleeperAlive(sleeper)).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(await waitUntilGone(sleeper)).toBe(true);
    expect(readdirSync(tempRoot)).toEqual([]);
  });

  it('runProgram reports a program that cannot start', async () => {
    const r = await runProgram(path.join(tmp.dir, 'no-such-program'), [], { env: process.env, timeoutMs: 5000 });
    expect(r.spawnError).toMatch(/ENOENT/);
  });
});

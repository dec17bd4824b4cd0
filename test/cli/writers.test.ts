/**
 * build reads its outputs from the table of writers: a writer registered here (tests run
 * plans in this thread, so the registration reaches them) is offered by --to, called with
 * the plan's DocumentModel, and its file is written, listed in the manifest and cached.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';
import { batchWriter, registerWriter, type BatchWriter, type DocumentWriter } from '../../src/render/writers.js';
import type { PdfJob, PdfOptions } from '../../src/render/pdf/index.js';
import { writeFileAtomic } from '../../src/io/write.js';
import { diagnostic } from '../../src/diagnostics/report.js';
import type { DocumentModel } from '../../src/model/document.js';

const plan = (title: string) => `---
title: ${title}
issuer: 某某区某某街道办事处
date: 2025-06-03
---

## 指导思想

坚持人民至上、生命至上，全面排查整治辖区火灾隐患。
`;

/** A plain-text writer: the title and the top-level block types, one a line. */
const seen: DocumentModel[] = [];
const textWriter: DocumentWriter = {
  id: 'txt',
  ext: '.txt',
  description: 'writer-docx',
  stage: 'worker',
  async write(model) {
    seen.push(model);
    const text = [model.meta.title, ...model.tree.children.map((n) => n.type)].join('\n') + '\n';
    return { bytes: new TextEncoder().encode(text), text };
  },
};

/** A batch writer over the text writer's output, as the PDF writer is over the DOCX writer's. */
const batches: string[][] = [];
const upperWriter: BatchWriter = {
  id: 'upper',
  ext: '.up',
  description: 'writer-pdf',
  stage: 'batch',
  needs: 'txt',
  async write(jobs) {
    batches.push(jobs.map((j) => j.plan));
    return Promise.all(
      jobs.map(async (j) => {
        if (j.text.includes('失败')) return { plan: j.plan, diagnostics: [diagnostic(j.plan, 1, 1, 'soffice-missing', {})] };
        const bytes = new TextEncoder().encode(new TextDecoder().decode(j.docx).toUpperCase());
        const written = await writeFileAtomic(j.pdfPath, bytes);
        return { plan: j.plan, diagnostics: [], written: written.ok, bytes };
      }),
    );
  },
};

let t: ReturnType<typeof tempDir>;
const unregister: (() => void)[] = [];
beforeAll(() => {
  t = tempDir();
  writeFileSync(path.join(t.dir, 'a.md'), plan('关于开展夏季消防安全检查的工作方案'));
  writeFileSync(path.join(t.dir, 'b.md'), plan('关于开展防汛演练的工作方案'));
  writeFileSync(path.join(t.dir, 'c.md'), plan('关于失败的工作方案'));
  unregister.push(registerWriter(textWriter), registerWriter(upperWriter));
});
afterAll(() => {
  for (const u of unregister) u();
  t.cleanup();
});
afterEach(() => {
  seen.length = 0;
  batches.length = 0;
});
const at = (...p: string[]) => path.join(t.dir, ...p);
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('build with a registered writer', () => {
  it('calls it with the DocumentModel and writes its output, listed in the manifest', async () => {
    const r = await runCli(['build', 'a.md', 'b.md', '--to', 'txt', '--out-dir', 'out', '--no-cache'], t.dir);
    expect(r.code, r.stderr).toBe(0);
    // Plans render side by side, so the writer is called in the order they finish.
    const byTitle = [...seen].sort((x, y) => (x.meta.title < y.meta.title ? -1 : 1));
    expect(byTitle.map((m) => m.meta.title)).toEqual(['关于开展夏季消防安全检查的工作方案', '关于开展防汛演练的工作方案']);
    expect(byTitle[0]!.timestamp.toISOString()).toBe('2025-06-03T00:00:00.000Z');
    expect(readFileSync(at('out', 'a.txt'), 'utf8').split('\n')[0]).toBe('关于开展夏季消防安全检查的工作方案');
    // Only what was asked for: no DOCX beside it.
    expect(existsSync(at('out', 'a.docx'))).toBe(false);
    const manifest = JSON.parse(readFileSync(at('out', 'manifest.json'), 'utf8')) as { outputs: { path: string; source: string; template: string; sha256: string }[] };
    expect(manifest.outputs.map((o) => [o.path, o.source, o.template])).toEqual([
      ['a.txt', 'a.md', 'plan'],
      ['b.txt', 'b.md', 'plan'],
    ]);
    expect(manifest.outputs[0]!.sha256).toBe(sha(at('out', 'a.txt')));
    // The progress lines name the writer and the file it wrote.
    expect(r.stderr).toMatch(/TXT.*a\.md.*out\/a\.txt/);
  });

  it('-o with its extension asks for it, without --to', async () => {
    const r = await runCli(['build', 'a.md', '-o', 'named.txt', '--no-cache'], t.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(at('named.txt'), 'utf8')).toContain('关于开展夏季消防安全检查的工作方案');
    expect(existsSync(at('named.docx'))).toBe(false);
  });

  it('runs a batch writer on the output it needs, rendered but not written, once for all plans', async () => {
    const r = await runCli(['build', 'a.md', 'b.md', '--to', 'upper', '--out-dir', 'up', '--no-cache'], t.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(batches).toEqual([['a.md', 'b.md']]);
    expect(readFileSync(at('up', 'a.up'), 'utf8').split('\n').slice(1, 3)).toEqual(['DOCTITLE', 'HEADING']);
    expect(existsSync(at('up', 'a.txt'))).toBe(false);
    const manifest = JSON.parse(readFileSync(at('up', 'manifest.json'), 'utf8')) as { outputs: { path: string }[] };
    expect(manifest.outputs.map((o) => o.path)).toEqual(['a.up', 'b.up']);
  });

  it('says which asked-for files are missing when the batch writer fails', async () => {
    const r = await runCli(['build', 'c.md', '--to', 'upper', '--no-cache', '--format', 'json'], t.dir);
    expect(r.code).not.toBe(0);
    const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string; message: string }[] }[])[0]!.messages;
    expect(messages.map((m) => m.ruleId).sort()).toEqual(['outputs-partial', 'soffice-missing']);
    expect(messages.find((m) => m.ruleId === 'outputs-partial')!.message).toMatch(/未写出：c\.up$/);
    expect(existsSync(at('c.up'))).toBe(false);
  });

  it('keeps its outputs in the build cache: unchanged plans are skipped, a deleted output rebuilds', async () => {
    const first = await runCli(['build', 'b.md', '--to', 'txt', '--out-dir', 'cached'], t.dir);
    expect(first.code, first.stderr).toBe(0);
    expect(seen).toHaveLength(1);
    const again = await runCli(['build', 'b.md', '--to', 'txt', '--out-dir', 'cached'], t.dir);
    expect(again.code).toBe(0);
    expect(seen).toHaveLength(1);
    rmSync(at('cached', 'b.txt'));
    const rebuilt = await runCli(['build', 'b.md', '--to', 'txt', '--out-dir', 'cached'], t.dir);
    expect(rebuilt.code).toBe(0);
    expect(seen).toHaveLength(2);
    expect(existsSync(at('cached', 'b.txt'))).toBe(true);
    // Another kind is another output: built, not taken from the cache.
    const docx = await runCli(['build', 'b.md', '--out-dir', 'cached'], t.dir);
    expect(docx.code).toBe(0);
    expect(existsSync(at('cached', 'b.docx'))).toBe(true);
  });

  it('refuses two plans that would write one file of its kind', async () => {
    writeFileSync(at('A.md'), plan('关于开展另一项工作的方案'));
    const r = await runCli(['build', 'a.md', 'A.md', '--to', 'txt', '--out-dir', 'clash', '--format', 'json'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('output-clash');
    expect(r.stdout).toContain('clash/A.txt');
    expect(existsSync(at('clash'))).toBe(false);
  });
});

describe('--to and the table', () => {
  it('lists the registered writer in the help, with its description from the catalogue', async () => {
    const r = await runCli(['build', '--help'], t.dir);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/docx = Word document \(DOCX\), pdf = PDF .*txt = Word document \(DOCX\), upper = .*both = both DOCX and PDF/);
  });

  it('refuses an unknown kind with the list of writers, exit 2, nothing written', async () => {
    const r = await runCli(['build', 'a.md', '--to', 'word'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--to 不认识“word”；可以写：docx, pdf, txt, upper, both');
    expect(r.stderr).toContain('--to does not know "word"; choose from: docx, pdf, txt, upper, both');
    expect(existsSync(at('a.docx'))).toBe(false);
  });

  it('refuses an unknown kind given to the library too (watch, scripts)', async () => {
    const { runBuild } = await import('../../src/cli/build.js');
    let err = '';
    const code = await runBuild(['a.md'], { to: 'word', format: 'stylish', lang: 'en', quiet: false, verbose: false }, { cwd: t.dir, env: {}, stdout: { write: () => true }, stderr: { write: (s: string) => ((err += s), true) } });
    expect(code).toBe(2);
    expect(err).toContain('--to does not know "word"');
  });
});

/** A batch writer that takes jobs one by one (as the PDF writer does), counting its starts. */
const started: { adds: string[]; closed: boolean }[] = [];
const streamWriter: BatchWriter = {
  id: 'stream',
  ext: '.st',
  description: 'writer-pdf',
  stage: 'batch',
  needs: 'txt',
  async write() {
    throw new Error('a writer with start() is given its jobs one by one');
  },
  async start() {
    const session = { adds: [] as string[], closed: false };
    started.push(session);
    return {
      async add(job) {
        session.adds.push(job.plan);
        const bytes = new TextEncoder().encode(job.text.toUpperCase());
        const written = await writeFileAtomic(job.pdfPath, bytes);
        return { plan: job.plan, diagnostics: [], written: written.ok, bytes };
      },
      async close() {
        session.closed = true;
      },
    };
  },
};

describe('a batch writer that takes jobs one by one', () => {
  let w: ReturnType<typeof tempDir>;
  let io: import('../../src/io/io.js').Io;
  beforeAll(async () => {
    w = tempDir();
    writeFileSync(path.join(w.dir, 'a.md'), plan('关于开展夏季消防安全检查的工作方案'));
    writeFileSync(path.join(w.dir, 'b.md'), plan('关于开展防汛演练的工作方案'));
    unregister.push(registerWriter(streamWriter));
    const sink = { write: () => true, isTTY: false } as unknown as NodeJS.WritableStream;
    io = { cwd: w.dir, env: { ...process.env, SOURCE_DATE_EPOCH: undefined }, stdout: sink, stderr: sink } as unknown as import('../../src/io/io.js').Io;
  });
  afterAll(() => w.cleanup());
  afterEach(() => {
    started.length = 0;
  });

  it('is started once per run, given each plan as it is rendered, and closed', async () => {
    const r = await runCli(['build', 'a.md', 'b.md', '--to', 'stream', '--no-cache', '--lang', 'en'], w.dir);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(started).toHaveLength(1);
    expect(started[0]).toEqual({ adds: ['a.md', 'b.md'], closed: true });
    expect(readFileSync(path.join(w.dir, 'a.st'), 'utf8')).toContain('关于开展夏季消防安全检查的工作方案');
  });

  it('is not started when the build cache answers every plan', async () => {
    const opts = { format: 'stylish' as const, lang: 'en' as const, quiet: true, verbose: false, to: 'stream' };
    const { runBuild } = await import('../../src/cli/build.js');
    expect(await runBuild(['a.md', 'b.md'], opts, io)).toBe(0);
    expect(started).toHaveLength(1);
    expect(await runBuild(['a.md', 'b.md'], opts, io)).toBe(0);
    expect(started).toHaveLength(1);
  });

  it('under --watch, one started writer and one set of workers serve every rebuild until closed', async () => {
    const { closeKept, runBuild } = await import('../../src/cli/build.js');
    const kept = { sessions: new Map() } as import('../../src/cli/build.js').KeptBetweenBuilds;
    const opts = { format: 'stylish' as const, lang: 'en' as const, quiet: true, verbose: false, to: 'stream', cache: false };
    expect(await runBuild(['a.md', 'b.md'], opts, io, kept)).toBe(0);
    const runner = kept.runner;
    expect(runner).toBeDefined();
    writeFileSync(path.join(w.dir, 'b.md'), plan('关于开展防汛应急演练的工作方案'));
    expect(await runBuild(['a.md', 'b.md'], opts, io, kept)).toBe(0);
    expect(kept.runner).toBe(runner);
    expect(started).toHaveLength(1);
    expect(started[0]!.adds).toEqual(['a.md', 'b.md', 'a.md', 'b.md']);
    expect(started[0]!.closed).toBe(false);
    await closeKept(kept);
    expect(started[0]!.closed).toBe(true);
    expect(readFileSync(path.join(w.dir, 'b.st'), 'utf8')).toContain('防汛应急演练');
  });
});

/**
 * A config's `fonts` reach the batch writers (LibreOffice) of the plans that ask them for an
 * output, as the cache keys them; a plan whose only writer renders in the worker (here the
 * registered text writer, whose `to` is not `docx`) lends its fonts to nobody.
 */
describe('config fonts and the batch writers', () => {
  let v: ReturnType<typeof tempDir>;
  let io: import('../../src/io/io.js').Io;
  const envs = new Map<string, string | undefined>();
  /** Started sessions record the fonts they were given and write the text they are handed. */
  const recording = (id: string) => async (options: PdfOptions) => {
    envs.set(id, options.env['PLANGEN_FONTS_DIR']);
    return {
      async add(job: PdfJob) {
        const bytes = new TextEncoder().encode(job.text);
        const written = await writeFileAtomic(job.pdfPath, bytes);
        return { plan: job.plan, diagnostics: [], written: written.ok, bytes };
      },
      async close() {},
    };
  };
  const fontStream: BatchWriter = { ...streamWriter, id: 'fontstream', ext: '.fs', start: recording('fontstream') };
  beforeAll(() => {
    v = tempDir();
    mkdirSync(path.join(v.dir, '.git'));
    // a: DOCX and PDF by its config; b: whatever the run's --to is; c: DOCX only by its config.
    for (const [dir, config] of [['a', 'pdf: true\n'], ['b', ''], ['c', 'pdf: false\n']] as const) {
      mkdirSync(path.join(v.dir, dir, 'faces'), { recursive: true });
      writeFileSync(path.join(v.dir, dir, 'plan.md'), plan(`关于开展${dir}项工作的方案`));
      writeFileSync(path.join(v.dir, dir, 'plangen.config.yaml'), `${config}fonts: faces\n`);
    }
    unregister.push(registerWriter(fontStream));
    const sink = { write: () => true, isTTY: false } as unknown as NodeJS.WritableStream;
    io = { cwd: v.dir, env: { ...process.env, SOURCE_DATE_EPOCH: undefined, PLANGEN_FONTS_DIR: undefined }, stdout: sink, stderr: sink } as unknown as import('../../src/io/io.js').Io;
  });
  afterAll(() => v.cleanup());
  afterEach(() => {
    envs.clear();
    vi.restoreAllMocks();
  });
  const faces = (dir: string) => path.join(v.dir, dir, 'faces');
  const build = async (to: string) => {
    vi.spyOn(batchWriter('pdf'), 'start').mockImplementation(recording('pdf'));
    const { runBuild } = await import('../../src/cli/build.js');
    // As a script or --watch may call it: the run's `to` not chosen on a command line, so each config's `pdf` applies.
    return runBuild(['a/plan.md', 'b/plan.md', 'c/plan.md'], { format: 'stylish', lang: 'en', quiet: true, verbose: false, cache: false, to }, io);
  };

  it('a plan asking only for a worker writer lends its fonts to no batch writer', async () => {
    expect(await build('txt')).toBe(0);
    expect(existsSync(path.join(v.dir, 'b', 'plan.txt'))).toBe(true);
    expect(envs.get('pdf')).toBe(faces('a'));
  });

  it('each batch writer gets the fonts of the plans that ask it', async () => {
    expect(await build('fontstream')).toBe(0);
    expect(existsSync(path.join(v.dir, 'a', 'plan.pdf'))).toBe(true);
    expect(existsSync(path.join(v.dir, 'b', 'plan.fs'))).toBe(true);
    expect(envs.get('pdf')).toBe(faces('a'));
    expect(envs.get('fontstream')).toBe(faces('b'));
  });
});

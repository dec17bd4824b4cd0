/**
 * The PDFs of a warm batch are stamped and checked in a worker thread (dist/pdf-worker.mjs,
 * examine-thread.ts). What comes back must be what the calling thread finds on the same
 * file: the same bytes (fonts renumbered, stamps), the same problems, the same pages.
 */
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examinePdf, type ExamineInput } from '../../src/render/pdf/examine.js';
import { ExamineThread } from '../../src/render/pdf/examine-thread.js';
import { docxFontNames } from '../../src/render/pdf/font-check.js';
import { createPdfConverter, type PdfJob } from '../../src/render/pdf/index.js';
import { findOnPath } from '../../src/render/pdf/tools.js';
import { tempDir } from '../helpers/cli.js';
import { convertInOneRun, makePlanDocx, type FixtureDocx } from './fixture-docx.js';
import { missingRenderTools } from './pdf-layout.js';

const workerScript = new URL('../../dist/pdf-worker.mjs', import.meta.url);
const built = existsSync(workerScript);
const tmp = tempDir('plangen-pdf-thread-');
afterAll(() => tmp.cleanup());
const created = new Date(Date.UTC(2025, 5, 3));

describe.skipIf(!!missingRenderTools() || !built || process.platform === 'win32')('PDF checks in a worker thread', () => {
  let docs: FixtureDocx[];
  /** LibreOffice's own output for each document, all converted by one process (so later fonts are numbered on). */
  const raw: string[] = [];

  beforeAll(async () => {
    docs = [await makePlanDocx({ paragraphs: 8, attachments: 0 }), await makePlanDocx({ paragraphs: 4, attachments: 1 })];
    raw.push(...convertInOneRun(docs, tmp.dir));
  }, 240_000);

  /** A fresh copy of LibreOffice's PDF for each examination (it removes the file it examined). */
  let copies = 0;
  const input = (i: number, text = docs[i]!.text): ExamineInput => {
    const output = path.join(tmp.dir, `copy-${++copies}.pdf`);
    copyFileSync(raw[i]!, output);
    const tools = { pdfinfo: findOnPath('pdfinfo', process.env), pdftotext: findOnPath('pdftotext', process.env), pdffonts: findOnPath('pdffonts', process.env) };
    return { output, docx: docs[i]!.docx, created, text, fonts: docxFontNames(docs[i]!.docx)!, tools, env: process.env };
  };

  it('finds what the calling thread finds, bytes and problems', { timeout: 120_000 }, async () => {
    const thread = new ExamineThread(workerScript);
    try {
      // The second document's fonts were numbered on from the first's: the thread renumbers them.
      // The third case claims text the PDF lacks, so it must be refused the same way in both.
      const cases = [input(0), input(1), input(1, `${docs[1]!.text}、、、`)];
      const again = [input(0), input(1), input(1, `${docs[1]!.text}、、、`)];
      const there = await Promise.all(cases.map((c) => thread.examine(c)));
      const here = await Promise.all(again.map((c) => examinePdf(c)));
      expect(thread.usable).toBe(true);
      for (const [k, t] of there.entries()) {
        const h = here[k]!;
        expect({ ...t, bytes: undefined }).toEqual({ ...h, bytes: undefined });
        expect(t.bytes === undefined).toBe(h.bytes === undefined);
        if (t.bytes) expect(Buffer.from(t.bytes).equals(Buffer.from(h.bytes!))).toBe(true);
      }
      expect(there.map((r) => r.ok)).toEqual([true, true, false]);
      expect(there[2]!.problems.map((p) => p.ruleId)).toContain('pdf-text-lost');
      // The renumbering did something: the second PDF's bytes differ from LibreOffice's.
      expect(Buffer.from(there[1]!.bytes!).equals(readFileSync(raw[1]!))).toBe(false);
      // Each examination removed its copy.
      expect(readdirSync(tmp.dir).filter((f) => f.startsWith('copy-'))).toEqual([]);
    } finally {
      await thread.close();
    }
  });

  it('keeps LibreOffice\'s file until pdftotext, started before the renumbering, has read it', { timeout: 60_000 }, async () => {
    // A stand-in pdftotext that reads late; the PDF is refused before its text is looked at.
    const seen = path.join(tmp.dir, 'late-reader.seen');
    const late = path.join(tmp.dir, 'late-pdftotext');
    writeFileSync(late, `#!/bin/sh\nsleep 1\nif [ -e "$3" ]; then echo there > "${seen}"; else echo gone > "${seen}"; fi\n`);
    chmodSync(late, 0o755);
    const output = path.join(tmp.dir, 'not-a-pdf.pdf');
    writeFileSync(output, 'not a PDF\n%%EOF\n');
    const base = input(0);
    const r = await examinePdf({ ...base, output, tools: { ...base.tools, pdftotext: late } });
    expect(r.problems.map((p) => p.ruleId)).toEqual(['pdf-invalid']);
    expect(readFileSync(seen, 'utf8').trim()).toBe('there');
    expect(existsSync(output)).toBe(false);
    rmSync(base.output, { force: true });
  });

  it('gives a PDF in flight an error when the thread dies, and examines later ones here', { timeout: 60_000 }, async () => {
    const script = path.join(tmp.dir, 'dies.mjs');
    writeFileSync(script, `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n`);
    const thread = new ExamineThread(pathToFileURL(script));
    try {
      await expect(thread.examine(input(0))).rejects.toThrow(/3/);
      expect(thread.usable).toBe(false);
      const later = await thread.examine(input(0));
      expect(later.ok).toBe(true);
    } finally {
      await thread.close();
    }
  });

  it('is what a warm converter uses when given the script, with the same PDFs as without', { timeout: 240_000 }, async () => {
    // A script that marks that it ran, then serves as the real one does.
    const marker = path.join(tmp.dir, 'thread-ran');
    const script = path.join(tmp.dir, 'marking.mjs');
    writeFileSync(script, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, '');\nawait import(${JSON.stringify(workerScript.href)});\n`);
    const job = (name: string, i: number): PdfJob => ({ plan: `${name}.md`, docx: docs[i]!.docx, pdfPath: path.join(tmp.dir, `${name}.pdf`), shownPdf: `${name}.pdf`, text: docs[i]!.text, created });
    const withThread = createPdfConverter({ env: process.env, warm: true, worker: pathToFileURL(script) });
    const a = await Promise.all([withThread.add(job('t-0', 0)), withThread.add(job('t-1', 1))]);
    await withThread.close();
    expect(existsSync(marker)).toBe(true);
    const here = createPdfConverter({ env: process.env, warm: true });
    const b = await Promise.all([here.add(job('h-0', 0)), here.add(job('h-1', 1))]);
    await here.close();
    expect(a.map((r) => r.diagnostics)).toEqual([[], []]);
    expect(b.map((r) => r.diagnostics)).toEqual([[], []]);
    for (const i of [0, 1]) expect(readFileSync(path.join(tmp.dir, `t-${i}.pdf`)).equals(readFileSync(path.join(tmp.dir, `h-${i}.pdf`)))).toBe(true);
  });
});

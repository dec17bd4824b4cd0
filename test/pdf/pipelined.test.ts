/**
 * A PDF is checked while LibreOffice is still converting the documents after it in the same
 * call (index.ts, convertBatch). A stand-in `soffice` (through PLANGEN_SOFFICE) writes its
 * PDFs one by one, then waits for the test: the first PDF's answer must come while it waits,
 * the last one's only after it has exited, and a PDF not yet written to its end is not taken.
 */
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertPdfs, type PdfJob } from '../../src/render/pdf/index.js';
import { tempDir } from '../helpers/cli.js';
import { makePlanDocx } from './fixture-docx.js';

const tmp = tempDir('plangen-pdf-pipelined-');
afterAll(() => tmp.cleanup());

/**
 * Writes `doc-*.pdf` in argument order; the first is left without its `%%EOF` until `finish`
 * exists when `unfinished` is set. Then waits (up to 30 s) for `go`, and marks `exited`.
 */
function steppedSoffice(name: string, unfinished: boolean) {
  const dir = path.join(tmp.dir, name);
  const file = path.join(tmp.dir, `${name}.sh`);
  const marks = { go: path.join(tmp.dir, `${name}.go`), exited: path.join(tmp.dir, `${name}.exited`), finish: path.join(tmp.dir, `${name}.finish`) };
  writeFileSync(
    file,
    `#!/bin/sh
out=""; files=""
while [ $# -gt 0 ]; do case "$1" in --outdir) out="$2"; shift;; *.docx) files="$files $1";; esac; shift; done
first=1
for f in $files; do
  b=$(basename "$f" .docx)
  if [ $first = 1 ] && [ ${unfinished ? 1 : 0} = 1 ]; then printf 'not a PDF\\n' > "$out/$b.pdf"; else printf 'not a PDF\\n%%%%EOF\\n' > "$out/$b.pdf"; fi
  first=0
done
i=0
while [ ! -e "${marks.finish}" ] && [ ${unfinished ? 1 : 0} = 1 ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
for f in $files; do b=$(basename "$f" .docx); printf 'not a PDF\\n%%%%EOF\\n' > "$out/$b.pdf"; break; done
i=0
while [ ! -e "${marks.go}" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
touch "${marks.exited}"
`,
  );
  chmodSync(file, 0o755);
  return { file, dir, ...marks };
}

describe.skipIf(process.platform === 'win32')('checks while LibreOffice converts', () => {
  const jobs = async (dir: string): Promise<PdfJob[]> => {
    const { docx, text } = await makePlanDocx({ paragraphs: 1, attachments: 0 });
    return ['a', 'b', 'c'].map((n) => ({ plan: `${n}.md`, docx, pdfPath: path.join(dir, `${n}.pdf`), shownPdf: `${n}.pdf`, text }));
  };

  it('answers for a PDF as soon as a later one has appeared, before the call ends', { timeout: 60_000 }, async () => {
    const fake = steppedSoffice('stepped', false);
    const order: string[] = [];
    const exitedWhen: Record<string, boolean> = {};
    const results = await convertPdfs(await jobs(tmp.dir), {
      env: { ...process.env, PLANGEN_SOFFICE: fake.file },
      onResult: (_i, r) => {
        order.push(r.plan);
        exitedWhen[r.plan] = existsSync(fake.exited);
        // The first two were whole while the stand-in still waited: let it end now.
        if (order.length === 2) writeFileSync(fake.go, '');
      },
    });
    // Checks run two at a time, so the first two may finish in either order.
    expect(order.at(-1)).toBe('c.md');
    expect(exitedWhen).toEqual({ 'a.md': false, 'b.md': false, 'c.md': true });
    // Each was checked, and refused as no PDF: checked early is checked all the same.
    expect(results.map((r) => r.diagnostics.map((d) => d.ruleId))).toEqual([['pdf-invalid'], ['pdf-invalid'], ['pdf-invalid']]);
  });

  it('waits for a PDF that is not written to its end', { timeout: 60_000 }, async () => {
    const fake = steppedSoffice('unfinished', true);
    const seen: { plan: string; finished: boolean }[] = [];
    const pending = convertPdfs(await jobs(tmp.dir), {
      env: { ...process.env, PLANGEN_SOFFICE: fake.file },
      onResult: (_i, r) => {
        seen.push({ plan: r.plan, finished: existsSync(fake.finish) });
        if (seen.length === 2) writeFileSync(fake.go, '');
      },
    });
    // The later PDFs are there long before the first is whole; nothing may be answered yet.
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen).toEqual([]);
    writeFileSync(fake.finish, '');
    const results = await pending;
    expect(seen.map((s) => s.plan).sort()).toEqual(['a.md', 'b.md', 'c.md']);
    expect(seen.at(-1)?.plan).toBe('c.md');
    expect(seen.every((s) => s.finished)).toBe(true);
    expect(results.map((r) => r.diagnostics.map((d) => d.ruleId))).toEqual([['pdf-invalid'], ['pdf-invalid'], ['pdf-invalid']]);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { stabilisePdf, pdfDate } from '../../src/render/pdf/stamp.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { missingRenderTools } from './pdf-layout.js';

/** The tail of a PDF as LibreOffice 7.4 writes it: Info dictionary, xref, trailer with /ID and /DocChecksum. */
function libreOfficePdf(date: string, id: string, sum: string): Buffer {
  const info = `1 0 obj\n<</Producer(LibreOffice)\n/CreationDate(${date})/ModDate(${date})>>\nendobj\n`;
  const head = '%PDF-1.6\n';
  const xref = `xref\n0 2\n0000000000 65535 f \n${String(head.length).padStart(10, '0')} 00000 n \n`;
  const trailer = `trailer\n<</Size 2/Info 1 0 R\n/ID [ <${id}>\n<${id}> ]\n/DocChecksum /${sum}\n>>\nstartxref\n${head.length + info.length}\n%%EOF\n`;
  return Buffer.from(head + info + xref + trailer, 'latin1');
}

const docx = new TextEncoder().encode('the DOCX bytes');
const created = new Date(Date.UTC(2025, 5, 3));

describe('stabilisePdf', () => {
  it('replaces the clock, the random /ID and the checksum, keeping every byte offset', () => {
    const a = libreOfficePdf("D:20261203101744Z'", 'EE524EE4722C9ECC3687FD099340D62B', 'FA81C8357DCF99685C2A36451D32FF8D');
    const b = libreOfficePdf("D:20261203111501+08'00'", '0123456789ABCDEF0123456789ABCDEF', '00112233445566778899AABBCCDDEEFF');
    const sa = stabilisePdf(a, docx, created);
    const sb = stabilisePdf(b, docx, created);
    expect(sa.length).toBe(a.length);
    expect(sa.toString('latin1').indexOf('xref')).toBe(a.toString('latin1').indexOf('xref'));
    const text = sa.toString('latin1');
    expect(text).toContain('/CreationDate(D:20250603000000Z) ');
    expect(text).toContain('/ModDate(D:20250603000000Z) ');
    const id = createHash('sha256').update(docx).digest('hex').toUpperCase().slice(0, 32);
    expect(text).toContain(`/ID [ <${id}>\n<${id}> ]`);
    expect(text).not.toContain('FA81C8357DCF99685C2A36451D32FF8D');
    // Another run's stamps (another time zone, another random /ID) become the same values.
    expect(sb.length).toBe(b.length);
    expect(sb.toString('latin1')).toContain('/CreationDate(D:20250603000000Z)      /');
    expect(sb.toString('latin1')).toContain(`/ID [ <${id}>\n<${id}> ]`);
  });

  it('is a function of the PDF, the DOCX and the date alone', () => {
    const pdf = libreOfficePdf("D:20261203101744Z'", 'EE524EE4722C9ECC3687FD099340D62B', 'FA81C8357DCF99685C2A36451D32FF8D');
    expect(stabilisePdf(pdf, docx, created).equals(stabilisePdf(pdf, docx, created))).toBe(true);
    expect(stabilisePdf(stabilisePdf(pdf, docx, created), docx, created).equals(stabilisePdf(pdf, docx, created))).toBe(true);
    expect(stabilisePdf(pdf, new TextEncoder().encode('another DOCX'), created).equals(stabilisePdf(pdf, docx, created))).toBe(false);
    expect(stabilisePdf(pdf, docx, new Date(Date.UTC(2024, 0, 1))).toString('latin1')).toContain('(D:20240101000000Z)');
  });

  it('leaves the dates alone without a clock reading, and a PDF without stamps untouched', () => {
    const pdf = libreOfficePdf("D:20261203101744Z'", 'EE524EE4722C9ECC3687FD099340D62B', 'FA81C8357DCF99685C2A36451D32FF8D');
    expect(stabilisePdf(pdf, docx, undefined).toString('latin1')).toContain("/CreationDate(D:20261203101744Z')");
    const plain = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
    expect(stabilisePdf(plain, docx, created).equals(plain)).toBe(true);
    expect(pdfDate(new Date(Date.UTC(2025, 11, 31, 23, 59, 58)))).toBe('D:20251231235958Z');
  });
});

const skip = missingRenderTools();

describe.skipIf(!!skip)('PDFs through LibreOffice', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());

  it('the same plan gives the same PDF bytes on every run, dated from the plan', { timeout: 180_000 }, async () => {
    writeFileSync(path.join(t.dir, 'plan.md'), readFileSync(path.resolve('examples/community-safety.md')));
    const env = { ...process.env, SOURCE_DATE_EPOCH: undefined };
    const first = await runCli(['build', 'plan.md', '--to', 'pdf', '-o', 'a.pdf'], t.dir, env);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    // LibreOffice's own stamp has one-second resolution: make sure the clock has moved on.
    await new Promise((r) => setTimeout(r, 1100));
    const second = await runCli(['build', 'plan.md', '--to', 'pdf', '-o', 'b.pdf'], t.dir, env);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const a = readFileSync(path.join(t.dir, 'a.pdf'));
    const b = readFileSync(path.join(t.dir, 'b.pdf'));
    expect(a.equals(b)).toBe(true);
    const info = spawnSync('pdfinfo', [path.join(t.dir, 'a.pdf')], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(info.stdout).toMatch(/CreationDate:\s+\w+ \w+ +\d+ 00:00:00 \d{4} UTC/);

    // The manifest lists the PDF with the hash of what was written, the same bytes again.
    const third = await runCli(['build', 'plan.md', '--to', 'both', '--out-dir', 'out'], t.dir, env);
    expect(third.code, third.stdout + third.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(t.dir, 'out', 'manifest.json'), 'utf8')) as { outputs: { path: string; sha256: string; size: number }[] };
    expect(manifest.outputs.map((o) => o.path)).toEqual(['plan.docx', 'plan.pdf']);
    const pdf = manifest.outputs[1]!;
    expect(pdf.sha256).toBe(createHash('sha256').update(readFileSync(path.join(t.dir, 'out', 'plan.pdf'))).digest('hex'));
    expect(pdf.sha256).toBe(createHash('sha256').update(a).digest('hex'));
    expect(pdf.size).toBe(a.length);
  });
});

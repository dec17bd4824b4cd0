/**
 * The same model gives the same bytes: twice in one process (docx keeps counters across
 * documents), and in child processes under TZ=UTC and TZ=Asia/Shanghai (fflate takes zip
 * times as local time).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { build } from 'esbuild';
import { strFromU8, unzipSync } from 'fflate';
import { renderDocx } from '../../src/render/docx/index.js';
import { readDocx } from '../helpers/docx-xml.js';
import { fullPlan, md, model } from './models.js';
import { makePng } from './png.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'plangen-determinism-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function withImage() {
  const images = new Map([['chart.png', { data: makePng(40, 20), type: 'png' as const, width: 40, height: 20 }]]);
  return model([...fullPlan(), ...md('![图](chart.png)\n\n见[链接](https://example.org)。')], { images });
}

test('two renders in one process give the same bytes, images and links included', async () => {
  const a = await renderDocx(withImage());
  const b = await renderDocx(withImage());
  expect(Buffer.from(a.docx).equals(Buffer.from(b.docx))).toBe(true);
  expect(a.text).toBe(b.text);
});

test('zip entries: [Content_Types].xml and _rels/.rels first, the rest sorted; fixed time; core dates from the model', async () => {
  const out = await renderDocx(model(fullPlan(), { timestamp: new Date(Date.UTC(2025, 5, 3, 8, 30)) }));
  const names = readDocx(out.docx).names;
  expect(names.slice(0, 2)).toEqual(['[Content_Types].xml', '_rels/.rels']);
  expect(names.slice(2)).toEqual([...names.slice(2)].sort());
  const core = strFromU8(unzipSync(out.docx)['docProps/core.xml']!);
  expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2025-06-03T08:30:00Z</dcterms:created>');
  expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2025-06-03T08:30:00Z</dcterms:modified>');
  // DOS date of 1980-01-01 00:00 in every local file header: time 0x0000, date 0x0021
  const bytes = Buffer.from(out.docx);
  let headers = 0;
  for (let i = bytes.indexOf('PK\x03\x04', 0, 'latin1'); i !== -1; i = bytes.indexOf('PK\x03\x04', i + 4, 'latin1')) {
    expect([bytes.readUInt16LE(i + 10), bytes.readUInt16LE(i + 12)]).toEqual([0, 0x21]);
    headers++;
  }
  expect(headers).toBe(names.length);
});

test('same bytes under TZ=UTC and TZ=Asia/Shanghai in fresh processes', async () => {
  const entry = path.join(work, 'entry.ts');
  writeFileSync(
    entry,
    `import { writeFileSync } from 'node:fs';
import { renderDocx } from ${JSON.stringify(path.resolve(here, '../../src/render/docx/index.ts'))};
import { fullPlan, model } from ${JSON.stringify(path.join(here, 'models.ts'))};
const out = await renderDocx(model(fullPlan()));
writeFileSync(process.argv[2], out.docx);
`,
  );
  const bundle = path.join(work, 'render.mjs');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent',
    banner: { js: "import { createRequire as plangenRequire } from 'node:module'; const require = plangenRequire(import.meta.url);" } });
  const run = (tz: string): Buffer => {
    const file = path.join(work, `${tz.replace('/', '-')}.docx`);
    execFileSync(process.execPath, [bundle, file], { env: { ...process.env, TZ: tz } });
    return readFileSync(file);
  };
  const utc = run('UTC');
  const shanghai = run('Asia/Shanghai');
  expect(utc.length).toBeGreaterThan(1000);
  expect(utc.equals(shanghai)).toBe(true);
  const here_ = Buffer.from((await renderDocx(model(fullPlan()))).docx);
  expect(here_.equals(utc)).toBe(true);
});

/**
 * The Open XML SDK validator on a few representative outputs (about a second each): the full
 * plan with an image, and an upward document (签发人 header, modern fonts, no colophon).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import type { RootContent } from 'mdast';
import { renderDocx } from '../../src/render/docx/index.js';
import { fullPlan, md, model } from './models.js';
import { makePng } from './png.js';

const run = promisify(execFile);
const work = mkdtempSync(path.join(tmpdir(), 'plangen-validate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const upward: RootContent[] = [
  { type: 'docRedHeader', mark: '某某区应急管理局', number: '某应急〔2025〕3号', signers: ['张某某', '李某某', '王某某'] },
  { type: 'docTitle', text: '关于2025年上半年安全生产\n工作情况的报告' },
  { type: 'docRecipients', names: ['区人民政府'] },
  ...md('现将有关情况报告如下。\n\n## 主要工作\n\n一是……'),
  { type: 'docAttachmentNote', items: ['安全生产检查统计表'] },
  { type: 'docSignature', issuer: '某某局', date: '2025年7月10日' },
  { type: 'docPageBreak' },
  ...md('| 项目 | 数量 |\n| :-- | --: |\n| 检查单位 | 120 |'),
];

async function validate(name: string, docx: Uint8Array): Promise<void> {
  const file = path.join(work, name);
  writeFileSync(file, docx);
  const bin = path.resolve('node_modules/.bin/ooxml-validator');
  const result = await run(bin, [file]).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code?: number; stdout?: string }) => ({ code: e.code ?? -1, out: e.stdout ?? '' }),
  );
  expect(result.out, name).toContain('"ok": true');
  expect(result.code, result.out).toBe(0);
}

test('full plan with an image is valid OOXML', async () => {
  const images = new Map([['chart.png', { data: makePng(800, 400), type: 'png' as const, width: 800, height: 400 }]]);
  const out = await renderDocx(model([...fullPlan('![图表](chart.png)')], { images }));
  await validate('full.docx', out.docx);
});

test('upward document with 签发人 and modern fonts is valid OOXML', async () => {
  const out = await renderDocx(model(upward, { layout: { fonts: 'modern', boldHeading3: false } }));
  await validate('upward.docx', out.docx);
});

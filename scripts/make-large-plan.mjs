#!/usr/bin/env node
// Write a large but valid plan for the benchmark: the health-promotion example's front
// matter with a long generated duty list, and its body followed by its free-text
// sections repeated (headings unnumbered, quantities varied) until the file reaches the
// requested size. Deterministic: the same arguments always give the same bytes.
//
//   node scripts/make-large-plan.mjs /tmp/large-plan.md [--kb 500]
//
// The output is a benchmark input, never a fixture: do not commit it.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

const args = process.argv.slice(2);
const kbAt = args.indexOf('--kb');
const targetKb = kbAt >= 0 ? Number(args[kbAt + 1]) : 500;
const out = args.find((a, i) => !a.startsWith('--') && (kbAt < 0 || i !== kbAt + 1));
if (!out || !Number.isFinite(targetKb) || targetKb <= 0) {
  process.stderr.write('usage: node scripts/make-large-plan.mjs <output.md> [--kb 500]\n');
  process.exit(2);
}

const example = readFileSync(new URL('../examples/health-promotion-district.md', import.meta.url), 'utf8');
const close = example.indexOf('\n---\n', 4);
const front = parse(example.slice(4, close));
const body = example.slice(close + 5);

// A long duty list: one unit per community health station, each with varied tasks. Units
// stay unique (duplicate-duty-unit) and every number stays a plausible quantity.
const extraUnits = 80;
for (let i = 1; i <= extraUnits; i++) {
  front.duties.push({
    unit: `某某区第${i}社区健康服务站`,
    tasks: [
      `每月开展健康讲座${2 + (i % 3)}场`,
      `为辖区${300 + i * 7}名老年人提供健康评估`,
      `组建健康指导员队伍${3 + (i % 5)}人`,
    ],
  });
}
front.title = `${front.title}（基准测试稿）`;

// The body's free-text sections (those without a partial), headings stripped of typed
// markers so the repeated copies are numbered by the renderer, never doubled.
const sections = body
  .split(/^(?=## )/m)
  .filter((s) => s.startsWith('## ') && !s.includes('{{'))
  .map((s) => s.replace(/^(#{2,5} )(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/gm, '$1'));
if (sections.length === 0) throw new Error('no free-text sections found in the example');

const UNIT = /(\d+)(场|个|名|户|公里|次|人次|家|项|种|处|条|支)/g;
const frontText = `---\n${stringify(front, { lineWidth: 0 })}---\n\n`;
const parts = [frontText, body.trimEnd(), '\n'];
let size = Buffer.byteLength(parts.join(''));
const target = targetKb * 1024;
for (let round = 2; size < target; round++) {
  for (const section of sections) {
    const copy = section
      .replace(/^## (.+)$/m, `## $1（第${round}轮）`)
      .replace(UNIT, (_, n, unit) => `${Number(n) + round}${unit}`);
    const text = `\n${copy.trimEnd()}\n`;
    parts.push(text);
    size += Buffer.byteLength(text);
    if (size >= target) break;
  }
}

writeFileSync(out, parts.join(''));
process.stdout.write(`${out}: ${Math.round(size / 1024)} KB\n`);

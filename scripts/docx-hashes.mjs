#!/usr/bin/env node
// Byte-identity guard for performance work (issue 13): builds every example (with its own
// template and with each built-in one), every fixture plan and a generated large plan,
// and prints the sha256 of each DOCX and of each plan's diagnostics (rule, position,
// wording). Record a manifest on the commit before an optimisation and compare after it;
// an optimisation must leave every line identical.
//
//   npm run build && node scripts/docx-hashes.mjs > /tmp/before.txt
//   ... change, npm run build ...
//   node scripts/docx-hashes.mjs --compare /tmp/before.txt
//
// The manifest is a measurement, not a fixture: do not commit it.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { checkFile, buildDocx } = await import(path.join(root, 'dist', 'plangen.mjs'));
const compareAt = process.argv.indexOf('--compare');
const sha = (data) => createHash('sha256').update(data).digest('hex');

const plans = [];
for (const f of readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.md')).sort()) plans.push(`examples/${f}`);
for (const group of ['test/fixtures', 'test/fixtures/hostile']) {
  for (const dir of readdirSync(path.join(root, group)).sort()) {
    for (const name of ['input.md', 'plan.md']) {
      if (existsSync(path.join(root, group, dir, name))) plans.push(`${group}/${dir}/${name}`);
    }
  }
}
const work = mkdtempSync(path.join(tmpdir(), 'plangen-hashes-'));
const large = path.join(work, 'large-plan.md');
spawnSync(process.execPath, [path.join(root, 'scripts', 'make-large-plan.mjs'), large, '--kb', '200'], { stdio: ['ignore', 'ignore', 'inherit'] });

const lines = [];
async function one(abs, shown, template) {
  const options = template ? { template } : {};
  const checked = await checkFile(abs, shown, options);
  const built = await buildDocx(checked, options);
  const said = built.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`).join('\n');
  lines.push(`${shown}${template ? ` [${template}]` : ''} docx=${built.docx ? sha(built.docx) : '-'} text=${built.text ? sha(built.text) : '-'} diagnostics=${sha(said)}`);
}
for (const p of plans) {
  await one(path.join(root, p), p);
  if (p.startsWith('examples/')) for (const t of ['official', 'notice', 'plan']) await one(path.join(root, p), p, t);
}
await one(large, 'large-plan.md');

// The revision writer (plangen diff) shares the paragraph and run builders.
const diffOut = path.join(work, 'diff.docx');
const diff = spawnSync(process.execPath, [path.join(root, 'bin', 'plangen.js'), 'diff', 'test/fixtures/diff-base/plan.md', 'examples/fire-inspection.md', '-o', diffOut], { cwd: root, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
lines.push(`diff diff-base→fire-inspection exit=${diff.status} docx=${existsSync(diffOut) ? sha(readFileSync(diffOut)) : '-'}`);
rmSync(work, { recursive: true, force: true });

if (compareAt < 0) {
  process.stdout.write(`${lines.join('\n')}\n`);
} else {
  const before = readFileSync(process.argv[compareAt + 1], 'utf8').trim().split('\n');
  let changed = 0;
  for (let i = 0; i < Math.max(before.length, lines.length); i++) {
    if (before[i] !== lines[i]) {
      changed++;
      console.log(`- ${before[i] ?? ''}\n+ ${lines[i] ?? ''}`);
    }
  }
  console.log(changed === 0 ? `identical: ${lines.length} lines` : `${changed} of ${lines.length} lines differ`);
  process.exit(changed === 0 ? 0 : 1);
}

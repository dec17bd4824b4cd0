#!/usr/bin/env node
// Benchmark: whole-process wall time (and peak memory where /usr/bin/time exists) of
// plangen against named baselines: pandoc converting the same Markdown to DOCX, and
// Node's own start-up (`node -e 0`). Prints medians and ratios; asserts nothing.
//
//   npm run build && node scripts/bench.mjs [--rounds N] [--plan examples/x.md]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '7' }, plan: { type: 'string' }, 'no-large': { type: 'boolean', default: false } },
});
const rounds = Math.max(3, Number(values.rounds));
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'bin', 'plangen.js');
if (!existsSync(path.join(root, 'dist', 'plangen.mjs'))) {
  console.error('Run `npm run build` first.');
  process.exit(2);
}
const examples = readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.md')).sort();
const plan = values.plan ? path.resolve(values.plan) : path.join(root, 'examples', examples.includes('fire-inspection.md') ? 'fire-inspection.md' : examples[0]);
const work = mkdtempSync(path.join(tmpdir(), 'plangen-bench-'));
const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;
const hasTime = existsSync('/usr/bin/time');

function run(cmd, args) {
  const full = hasTime ? ['/usr/bin/time', ['-f', '%M', cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const kb = hasTime ? Number((r.stderr.trim().split('\n').at(-1) ?? '').trim()) : NaN;
  return { ms, kb };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Run every variant once per round in rotating order, so drift hits all alike. */
function measure(title, variants) {
  const times = variants.map(() => []);
  const mem = variants.map(() => []);
  for (let r = 0; r < rounds + 1; r++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (k + r) % variants.length;
      const v = variants[i];
      const res = run(v.cmd, v.args);
      if (r > 0) {
        times[i].push(res.ms);
        mem[i].push(res.kb);
      }
    }
  }
  const base = median(times[0]);
  console.log(`\n## ${title} (median of ${rounds}; baseline: ${variants[0].name})`);
  console.log(`${'variant'.padEnd(34)} ${'ms'.padStart(8)} ${'ratio'.padStart(7)} ${hasTime ? 'peak RSS MB'.padStart(12) : ''}`);
  variants.forEach((v, i) => {
    const m = median(times[i]);
    const rss = hasTime ? (median(mem[i]) / 1024).toFixed(0).padStart(12) : '';
    console.log(`${v.name.padEnd(34)} ${m.toFixed(0).padStart(8)} ${(m / base).toFixed(2).padStart(7)} ${rss}`);
  });
}

try {
  const out = path.join(work, 'out.docx');
  const pandoc = (input) => ({ name: 'pandoc md→docx', cmd: 'pandoc', args: [input, '-o', path.join(work, 'pandoc.docx')] });
  const node0 = { name: 'node -e 0 (Node start-up)', cmd: process.execPath, args: ['-e', '0'] };
  const small = [
    ...(hasPandoc ? [pandoc(plan)] : []),
    node0,
    { name: 'plangen --version', cmd: process.execPath, args: [bin, '--version'] },
    { name: `plangen check ${path.basename(plan)}`, cmd: process.execPath, args: [bin, 'check', plan] },
    { name: `plangen build ${path.basename(plan)}`, cmd: process.execPath, args: [bin, 'build', plan, '-o', out, '--force'] },
  ];
  measure(`one plan (${path.basename(plan)})`, small);

  if (!values['no-large']) {
    const large = path.join(work, 'large.md');
    spawnSync(process.execPath, [path.join(root, 'scripts', 'make-large-plan.mjs'), large], { stdio: 'inherit' });
    if (existsSync(large)) {
      measure('large plan (~500 KB)', [
        ...(hasPandoc ? [pandoc(large)] : []),
        { name: 'plangen check large.md', cmd: process.execPath, args: [bin, 'check', large] },
        { name: 'plangen build large.md', cmd: process.execPath, args: [bin, 'build', large, '-o', out, '--force'] },
      ]);
    }
  }

  const all = examples.map((f) => path.join(root, 'examples', f));
  measure(`all ${all.length} examples in one process`, [
    ...(hasPandoc ? [{ name: `pandoc ×${all.length} (one process each)`, cmd: 'bash', args: ['-c', all.map((f) => `pandoc '${f}' -o '${path.join(work, 'p.docx')}'`).join(' && ')] }] : []),
    { name: `plangen check (${all.length} plans)`, cmd: process.execPath, args: [bin, 'check', ...all] },
    { name: `plangen build (${all.length} plans)`, cmd: process.execPath, args: [bin, 'build', ...all, '--out-dir', work, '--force'] },
  ]);
} finally {
  rmSync(work, { recursive: true, force: true });
}

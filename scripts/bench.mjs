#!/usr/bin/env node
// Benchmark for issue 13: whole-process wall time and peak memory of plangen against
// named baselines on the same input in the same round (pandoc md→docx, `node -e 0`).
// Every row of the issue's table is printed as a ratio against its goal; timings are
// medians of interleaved rounds, because the shared host's absolute times swing 2–3×.
// This is a script, not a test: it asserts nothing and never fails on a missed goal.
//
//   npm run build && node scripts/bench.mjs [--rounds 7] [--batch-rounds 3]
//        [--plan examples/x.md] [--only small,version,large,slope,batch,pdf] [--json]
//        [--compare DIR]   (another built checkout, e.g. the commit before a change: its
//                           plangen runs in the same rounds, for before/after ratios)
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const usage = `Usage: npm run bench -- [--rounds 7] [--batch-rounds 3] [--plan examples/x.md]
       [--only small,version,large,slope,batch,pdf] [--compare DIR] [--json]
  --compare DIR  another built checkout, run in the same rounds (before/after ratios)
  Needs \`npm run build\` first; pandoc for the baseline rows, soffice for the pdf row.`;
let values;
try {
  ({ values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '7' },
      'batch-rounds': { type: 'string', default: '3' },
      plan: { type: 'string' },
      only: { type: 'string' },
      compare: { type: 'string' },
      json: { type: 'boolean', default: false },
      // Kept for older command lines: same as leaving `large` and `slope` out of --only.
      'no-large': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (e) {
  console.error(`${e.message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const rounds = Math.max(3, Number(values.rounds));
const batchRounds = Math.max(1, Number(values['batch-rounds']));
const allRows = ['small', 'version', 'large', 'slope', 'batch', 'pdf'];
const only = new Set(values.only ? values.only.split(',') : allRows.filter((r) => !(values['no-large'] && (r === 'large' || r === 'slope'))));
const unknownRows = [...only].filter((r) => !allRows.includes(r));
if (unknownRows.length > 0 || !(Number(values.rounds) > 0) || !(Number(values['batch-rounds']) > 0)) {
  console.error(`${unknownRows.length > 0 ? `Unknown row: ${unknownRows.join(', ')}` : '--rounds and --batch-rounds take a number'}\n${usage}`);
  process.exit(2);
}
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'bin', 'plangen.js');
if (!existsSync(path.join(root, 'dist', 'cli.mjs'))) {
  console.error('Run `npm run build` first.');
  process.exit(2);
}
const examples = readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.md')).sort();
const plan = values.plan ? path.resolve(values.plan) : path.join(root, 'examples', examples.includes('fire-inspection.md') ? 'fire-inspection.md' : examples[0]);
const work = mkdtempSync(path.join(tmpdir(), 'plangen-bench-'));
const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;
const hasSoffice = spawnSync('soffice', ['--version'], { timeout: 60_000 }).status === 0;
const hasTime = existsSync('/usr/bin/time');
const log = values.json ? () => {} : (line) => console.log(line);

function run(cmd, args) {
  // %U and %S: CPU seconds of the process and of the children it waited for. On the
  // shared host they move far less with load than wall time does.
  const full = hasTime ? ['/usr/bin/time', ['-f', '%M %U %S', cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.slice(0, 4).join(" ")}… failed (${r.status}): ${r.stderr}`);
  // /usr/bin/time reports the largest single process; for a shell loop that is one pandoc.
  const [kb, user, sys] = hasTime ? (r.stderr.trim().split('\n').at(-1) ?? '').trim().split(/\s+/).map(Number) : [NaN, NaN, NaN];
  return { ms, mib: kb / 1024, cpuMs: (user + sys) * 1000 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Run every variant once per round in rotating order, so drift hits all alike; round 0 warms the disk cache and is dropped. */
function measure(title, variants, n = rounds) {
  const times = variants.map(() => []);
  const mem = variants.map(() => []);
  const cpu = variants.map(() => []);
  for (let r = 0; r < n + 1; r++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (k + r) % variants.length;
      const res = run(variants[i].cmd, variants[i].args);
      if (r > 0 || n === 1) {
        times[i].push(res.ms);
        mem[i].push(res.mib);
        cpu[i].push(res.cpuMs);
      }
    }
  }
  const out = variants.map((v, i) => ({ name: v.name, ms: median(times[i]), peakMiB: median(mem[i]), cpuMs: median(cpu[i]) }));
  log(`\n## ${title} (median of ${n}; load ${loadavg()[0].toFixed(2)})`);
  log(`${'variant'.padEnd(40)} ${'ms'.padStart(8)} ${'vs first'.padStart(9)} ${'peak MiB'.padStart(9)} ${'cpu ms'.padStart(8)} ${'vs first'.padStart(9)}`);
  for (const v of out) log(`${v.name.padEnd(40)} ${v.ms.toFixed(0).padStart(8)} ${(v.ms / out[0].ms).toFixed(2).padStart(9)} ${v.peakMiB.toFixed(0).padStart(9)} ${v.cpuMs.toFixed(0).padStart(8)} ${(v.cpuMs / out[0].cpuMs).toFixed(2).padStart(9)}`);
  return out;
}

const rows = [];
/** One row of the issue's table: a measured figure against its goal. */
function row(name, figure, goal, unit, detail) {
  rows.push({ row: name, value: Number(figure.toFixed(3)), goal, unit, met: figure <= goal, loadavg: loadavg()[0], ...detail });
}

const pandoc = (input, name = 'pandoc md→docx') => ({ name, cmd: 'pandoc', args: [input, '-o', path.join(work, 'pandoc.docx')] });
const otherBin = values.compare ? path.resolve(values.compare, 'bin', 'plangen.js') : undefined;
// A --compare checkout with the build cache must be given --no-cache too, or its cold rows skip the build.
const otherHasCache = otherBin ? (spawnSync(process.execPath, [otherBin, 'build', '--help'], { encoding: 'utf8' }).stdout ?? '').includes('--no-cache') : false;
const build = (inputs, extra = [], name, which = bin) => ({
  name: name ?? `plangen build ${inputs.length === 1 ? path.basename(inputs[0]) : `(${inputs.length} plans)`}${extra.length ? ` ${extra.join(' ')}` : ''}`,
  cmd: process.execPath,
  // Cold rows bypass the build cache (every round would otherwise find the last one's outputs);
  // a --compare checkout from before the cache has no --no-cache and needs none.
  args: [which, 'build', ...inputs, ...(inputs.length === 1 ? ['-o', path.join(work, 'out.docx')] : ['--out-dir', path.join(work, 'out')]), ...(extra.includes('--cache-dir') || (which !== bin && !otherHasCache) ? [] : ['--no-cache']), ...extra],
});
/** The --compare checkout's build of the same inputs, as one more variant of the round. */
const baseline = (inputs) => (otherBin ? [build(inputs, [], `baseline (${path.basename(path.resolve(values.compare))})`, otherBin)] : []);
/** The baseline's ratios against the same reference, for the table. */
const compared = (base, reference) => (base ? { baselineRatio: base.ms / reference.ms, baselineCpuRatio: base.cpuMs / reference.cpuMs } : {});
const makeLarge = (kb) => {
  const file = path.join(work, `large-${kb}.md`);
  spawnSync(process.execPath, [path.join(root, 'scripts', 'make-large-plan.mjs'), file, '--kb', String(kb)], { stdio: 'ignore' });
  return file;
};
/** n plans copied round-robin from the examples, with the attachments they reference. */
const copies = (n) => {
  const dir = path.join(work, `plans-${n}`);
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(root, 'examples', 'attachments'), path.join(dir, 'attachments'), { recursive: true });
  return Array.from({ length: n }, (_, i) => {
    const file = path.join(dir, `plan-${String(i).padStart(3, '0')}.md`);
    copyFileSync(path.join(root, 'examples', examples[i % examples.length]), file);
    return file;
  });
};

try {
  if (only.has('small') && hasPandoc) {
    const [pd, pg, base] = measure(`one small plan, cold build (${path.basename(plan)})`, [pandoc(plan), build([plan]), ...baseline([plan])]);
    row('one small plan, cold build ÷ pandoc', pg.ms / pd.ms, 1.5, '×', { plangenMs: pg.ms, pandocMs: pd.ms, cpuRatio: pg.cpuMs / pd.cpuMs, ...compared(base, pd) });
  }
  if (only.has('version')) {
    const [n0, v, base] = measure('--version vs node -e 0', [
      { name: 'node -e 0 (Node start-up)', cmd: process.execPath, args: ['-e', '0'] },
      { name: 'plangen --version', cmd: process.execPath, args: [bin, '--version'] },
      ...(otherBin ? [{ name: `baseline (${path.basename(path.resolve(values.compare))}) --version`, cmd: process.execPath, args: [otherBin, '--version'] }] : []),
    ]);
    row('--version ÷ node -e 0', v.ms / n0.ms, 1.1, '×', { plangenMs: v.ms, nodeMs: n0.ms, cpuRatio: v.cpuMs / n0.cpuMs, ...compared(base, n0) });
  }
  if (only.has('large') && hasPandoc) {
    const large = makeLarge(500);
    const [pd, pg, base] = measure('a 500 KB plan', [pandoc(large), build([large]), ...baseline([large])], Math.max(3, Math.ceil(rounds / 2)));
    row('500 KB plan ÷ pandoc', pg.ms / pd.ms, 1.0, '×', { plangenMs: pg.ms, pandocMs: pd.ms, cpuRatio: pg.cpuMs / pd.cpuMs, ...compared(base, pd) });
    row('500 KB plan peak RSS ÷ pandoc', pg.peakMiB / pd.peakMiB, 1.0, '×', { plangenMiB: pg.peakMiB, pandocMiB: pd.peakMiB });
  }
  if (only.has('slope')) {
    const sizes = [250, 500, 1000];
    const res = measure('large plans: time and memory against size', sizes.map((kb) => build([makeLarge(kb)], [], `plangen build ${kb} KB`)), 3);
    // Doubling the input should at most double the time: a ratio near 2 is linear, 4 quadratic.
    row('slope 500→1000 KB (time ×, linear = 2)', res[2].ms / res[1].ms, 2.2, '×', { ms: res.map((r) => r.ms), peakMiB: res.map((r) => r.peakMiB) });
    row('slope 250→500 KB (time ×, linear = 2)', res[1].ms / res[0].ms, 2.2, '×', {});
  }
  if (only.has('batch') && hasPandoc) {
    const plans = copies(200);
    const loop = { name: 'pandoc ×200 (one process each)', cmd: 'bash', args: ['-c', 'for f in "$@"; do pandoc "$f" -o "$0/p.docx" || exit 2; done', work, ...plans] };
    const [pd, pg, base] = measure('200 plans in one run vs 200 pandoc runs', [loop, build(plans), ...baseline(plans)], batchRounds);
    row('200 plans one run ÷ 200 pandoc runs', pg.ms / pd.ms, 0.2, '×', { plangenMs: pg.ms, pandocMs: pd.ms, msPerPlan: pg.ms / 200, cpuRatio: pg.cpuMs / pd.cpuMs, ...compared(base, pd) });
    // What --jobs (default: one worker per core) is worth, and the build cache's two cases
    // (issue 12): nothing changed, and one plan of 200 changed, against the same pandoc loop.
    const cache = ['--cache-dir', path.join(work, 'cache')];
    const touch = { name: 'touch one plan, then build (cached)', cmd: 'bash', args: ['-c', 'echo >> "$1" && exec "$0" "${@:2}"', process.execPath, plans[7], bin, 'build', ...plans, '--out-dir', path.join(work, 'cached'), ...cache] };
    run(process.execPath, [bin, 'build', ...plans, '--out-dir', path.join(work, 'cached'), ...cache]);
    const [pd2, one, unchanged, changed] = measure('200 plans: one worker, and the build cache', [
      loop,
      build(plans, ['--jobs', '1']),
      { ...build(plans, cache, 'build again, nothing changed'), args: [bin, 'build', ...plans, '--out-dir', path.join(work, 'cached'), ...cache] },
      touch,
    ], batchRounds);
    row('200 plans, --jobs 1 ÷ 200 pandoc runs', one.ms / pd2.ms, 0.2, '×', { plangenMs: one.ms, pandocMs: pd2.ms, jobsDefault: availableParallelism() });
    row('200 plans, no change (cache) ÷ 200 pandoc runs', unchanged.ms / pd2.ms, 0.2, '×', { plangenMs: unchanged.ms, pandocMs: pd2.ms });
    row('200 plans, one changed (cache) ÷ 200 pandoc runs', changed.ms / pd2.ms, 0.2, '×', { plangenMs: changed.ms, pandocMs: pd2.ms });
  }
  if (only.has('pdf') && hasSoffice) {
    const plans = copies(20);
    const baseName = otherBin ? `baseline (${path.basename(path.resolve(values.compare))})` : '';
    const [docx20, pdf20, docx1, pdf1, base20, base1] = measure('PDFs: 20 plans in one run, and one plan', [
      build(plans),
      build(plans, ['--to', 'both']),
      build([plan]),
      build([plan], ['--to', 'both']),
      // The --compare checkout's PDFs in the same rounds, set against this checkout's DOCX-only runs.
      ...(otherBin ? [build(plans, ['--to', 'both'], `${baseName} 20 plans --to both`, otherBin), build([plan], ['--to', 'both'], `${baseName} one plan --to both`, otherBin)] : []),
    ], batchRounds);
    const perPlan = (both) => ({ amortised: both.ms / 20 / 1000, added: (both.ms - docx20.ms) / 20 / 1000, cpuMs: both.cpuMs });
    row('PDF, 20 plans: s/plan amortised', pdf20.ms / 20 / 1000, 0.08, 's', { docxMs: docx20.ms, bothMs: pdf20.ms, addedSPerPlan: (pdf20.ms - docx20.ms) / 20 / 1000, cpuMs: pdf20.cpuMs, ...(base20 ? { baseline: perPlan(base20) } : {}) });
    row('PDF, one plan: added s', (pdf1.ms - docx1.ms) / 1000, 1.0, 's', { docxMs: docx1.ms, bothMs: pdf1.ms, cpuMs: pdf1.cpuMs, ...(base1 ? { baseline: { added: (base1.ms - docx1.ms) / 1000, cpuMs: base1.cpuMs } } : {}) });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (values.json) {
  console.log(JSON.stringify({ node: process.version, rounds, batchRounds, rows }, null, 2));
} else {
  console.log('\n## The table of issue 13');
  const x = (v) => (v === undefined ? '' : `${v.toFixed(2)}×`);
  console.log(`${'row'.padEnd(44)} ${'value'.padStart(8)} ${'goal'.padStart(8)}  met  ${'cpu ratio'.padStart(9)}${otherBin ? `  ${'baseline'.padStart(9)} ${'its cpu'.padStart(9)}` : ''}`);
  for (const r of rows) {
    const base = otherBin ? `  ${x(r.baselineRatio).padStart(9)} ${x(r.baselineCpuRatio).padStart(9)}` : '';
    console.log(`${r.row.padEnd(44)} ${(r.value.toFixed(2) + r.unit).padStart(8)} ${('≤' + r.goal + r.unit).padStart(8)}  ${r.met ? 'yes' : 'no '}  ${x(r.cpuRatio).padStart(9)}${base}`);
  }
  if (!hasPandoc) console.log('pandoc not found: rows against pandoc were skipped.');
  if (!hasSoffice) console.log('soffice not found: PDF rows were skipped.');
}

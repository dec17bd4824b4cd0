import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { planRunner } from '../../src/cli/isolate.js';
import { heapLimits, namesOnePlan } from '../../src/cli/worker-start.js';
import type { PlanResult } from '../../src/cli/plan-task.js';
import { tempDir } from '../helpers/cli.js';

/**
 * The worker pool of src/cli/isolate.ts, driven with a stand-in worker script that speaks
 * the plan worker's protocol: a task's `shown` says what the stand-in does with it
 * (`wait:MS:name`, `die:name` exits the thread, `oom:name` fills the heap), and each reply
 * tells which thread answered and how many tasks that thread had been sent by then.
 */
const standIn = `
import { parentPort, threadId } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
let received = 0;
let queue = Promise.resolve();
parentPort.on('message', (task) => {
  received++;
  queue = queue.then(async () => {
    const [what, a] = task.shown.split(':');
    if (what === 'wait') await new Promise((r) => setTimeout(r, Number(a)));
    if (what === 'die') process.exit(3);
    if (what === 'oom') { const keep = []; for (;;) keep.push(new Array(1e5).fill(keep.length)); }
    parentPort.postMessage({ result: { rendered: false, notes: [], diagnostics: [{ file: task.shown, line: 1, column: 1, ruleId: 'stand-in', severity: 'info', args: { thread: threadId, received, heapMb: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20) } }] } });
  });
});
`;

let t: ReturnType<typeof tempDir>;
let script: URL;
beforeAll(() => {
  t = tempDir();
  const file = path.join(t.dir, 'stand-in-worker.mjs');
  writeFileSync(file, standIn);
  script = pathToFileURL(file);
});
afterAll(() => t.cleanup());

const task = (shown: string) => ({ kind: 'check' as const, abs: shown, shown });
const answer = (r: PlanResult) => {
  const d = r.diagnostics[0]!;
  return { file: d.file, ruleId: d.ruleId, thread: Number(d.args['thread'] ?? 0), received: Number(d.args['received'] ?? 0), heapMb: Number(d.args['heapMb'] ?? 0) };
};

describe('the plan worker pool', () => {
  it.each([1, 2, 3])('gives each task its own result, whichever worker finished first (%i workers)', async (jobs) => {
    const runner = await planRunner(script, {}, jobs);
    // Uneven durations, so with several workers later tasks often finish before earlier ones.
    const names = Array.from({ length: 12 }, (_, i) => `wait:${(i * 7) % 5 * 6}:p${i}`);
    const results = await Promise.all(names.map((n) => runner.run(task(n))));
    await runner.close();
    expect(results.map((r) => answer(r).file)).toEqual(names);
    expect(new Set(results.map((r) => answer(r).thread)).size).toBe(jobs);
  });

  it('sends a busy worker its next task, so it never waits for this thread between plans', async () => {
    const runner = await planRunner(script, {}, 1);
    const results = await Promise.all(['wait:30:a', 'wait:30:b', 'wait:30:c', 'wait:30:d'].map((n) => runner.run(task(n))));
    await runner.close();
    // When a worker answers task k (1-based), task k+1 has already reached it.
    expect(results.slice(0, -1).map((r, k) => answer(r).received >= k + 2)).toEqual([true, true, true]);
  });

  it('blames a worker that dies on the task it was working on, and gives the tasks queued behind it to a fresh worker', async () => {
    const runner = await planRunner(script, {}, 1);
    const results = await Promise.all(['wait:5:a', 'wait:20:b', 'die:c', 'wait:5:d', 'wait:5:e'].map((n) => runner.run(task(n))));
    await runner.close();
    const [a, b, c, d, e] = results.map(answer);
    expect(c).toMatchObject({ file: 'die:c', ruleId: 'internal-error' });
    expect([a, b, d, e].map((x) => [x!.file, x!.ruleId])).toEqual([
      ['wait:5:a', 'stand-in'],
      ['wait:20:b', 'stand-in'],
      ['wait:5:d', 'stand-in'],
      ['wait:5:e', 'stand-in'],
    ]);
    // d was sent to the worker that died, before it died; a fresh thread answered it.
    expect(d!.thread).not.toBe(a!.thread);
    expect(e!.thread).toBe(d!.thread);
  });

  it('reports a task that exhausts its heap as resource-limit with the cap, and goes on with the rest', async () => {
    const runner = await planRunner(script, { PLANGEN_MAX_HEAP_MB: '32' }, 2);
    const results = await Promise.all(['wait:5:a', 'oom:b', 'wait:5:c', 'wait:5:d'].map((n) => runner.run(task(n))));
    await runner.close();
    expect(results.map((r) => [answer(r).file, answer(r).ruleId])).toEqual([
      ['wait:5:a', 'stand-in'],
      ['oom:b', 'resource-limit'],
      ['wait:5:c', 'stand-in'],
      ['wait:5:d', 'stand-in'],
    ]);
    expect(results[1]!.diagnostics[0]!.args).toEqual({ limit: 32 });
  });

  it('gives a batch\'s workers V8\'s own young generation and one plan\'s a smaller one, under the same 2 GB cap', async () => {
    const heapOf = async (plans: number | undefined, env: Record<string, string> = {}) => {
      const runner = await planRunner(script, env, 1, plans);
      const r = await runner.run(task('wait:0:x'));
      await runner.close();
      return answer(r).heapMb;
    };
    const [one, batch, watch, capped] = [await heapOf(1), await heapOf(200), await heapOf(undefined), await heapOf(1, { PLANGEN_MAX_HEAP_MB: '512' })];
    // heap_size_limit is the old generation's cap plus the young generation's; one plan's
    // cap is 1 MB under 2 GB, where V8 grows the heap 2× between full collections, not 4×.
    expect(one).toBeGreaterThanOrEqual(2047);
    expect(one).toBeLessThan(2047 + 32);
    expect(batch).toBeGreaterThan(one);
    expect(watch).toBe(batch);
    // A cap set by hand is taken as it is.
    expect(capped).toBe(one - 2047 + 512);
  });
});

describe('heap limits', () => {
  it('puts one plan\'s cap just under 2 GB, where V8 grows the heap 2× between full collections, and leaves a batch\'s and a cap set by hand alone', () => {
    expect(heapLimits({}, true)).toEqual({ maxOldGenerationSizeMb: 2047, maxYoungGenerationSizeMb: 12 });
    expect(heapLimits({}, false)).toEqual({ maxOldGenerationSizeMb: 2048 });
    expect(heapLimits({ PLANGEN_MAX_HEAP_MB: '3000' }, true).maxOldGenerationSizeMb).toBe(3000);
    // Set by hand to the budget itself, it is kept: only the default is lowered for one plan.
    expect(heapLimits({ PLANGEN_MAX_HEAP_MB: '2048' }, true).maxOldGenerationSizeMb).toBe(2048);
    expect(heapLimits({ PLANGEN_MAX_HEAP_MB: '2048' }, false).maxOldGenerationSizeMb).toBe(2048);
    expect(heapLimits({ PLANGEN_MAX_HEAP_MB: '2047' }, false).maxOldGenerationSizeMb).toBe(2047);
    // A value that is not a positive whole number sets nothing.
    expect(heapLimits({ PLANGEN_MAX_HEAP_MB: 'lots' }, true).maxOldGenerationSizeMb).toBe(2047);
    expect(heapLimits({ PLANGEN_MAX_HEAP_MB: '0' }, false).maxOldGenerationSizeMb).toBe(2048);
  });
});

describe('guessing from the command line whether a run is of one plan', () => {
  it.each([
    [['plan.md'], true],
    [['plan.md', '-o', 'out/plan.docx', '--pdf'], true],
    [['-', '-o', '-'], true],
    [['--lang', 'en', '方案.MD'], true],
    [['a.md', '-o', '-'], true],
    [['a.md', 'b.md'], false],
    [['plans/'], false],
    [['plans/**/*.md'], false],
    [['plans', '--out-dir', 'out'], false],
  ])('%j → %s', (argv, one) => {
    expect(namesOnePlan(argv)).toBe(one);
  });
});

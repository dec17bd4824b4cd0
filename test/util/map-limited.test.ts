import { describe, expect, it } from 'vitest';
import { limiter } from '../../src/util/map-limited.js';

describe('limiter', () => {
  it('never runs more than n at once, also for tasks that arrive while others run', async () => {
    const gate = limiter(2);
    let running = 0;
    let most = 0;
    const task = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    };
    const first = [gate(task), gate(task), gate(task)];
    // Arrives once the first is done, while the third waits or runs.
    const late = first[0]!.then(() => gate(task));
    await Promise.all([...first, late]);
    expect(most).toBe(2);
  });

  it('runs waiting tasks in order of arrival', async () => {
    const gate = limiter(1);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => gate(async () => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
  });
});

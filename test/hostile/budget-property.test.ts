import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPlangen } from './run-case.js';

/**
 * The worst hostile inputs, mixed at random: long runs of the pieces that exhausted time,
 * stack or memory before the budgets (brackets, emphasis runs, quotes, nested loops over
 * the recipients, wide table rows, list items) in any order and amount. Whatever comes
 * out, `plangen build` must exit 0, 1 or 2, within its time limit, in under 1 GB.
 */
const recipients = `recipients: [${Array.from({ length: 100 }, (_, i) => `单位${i}`).join(', ')}]\n`;
const front = `---\ntitle: 关于开展测试工作的方案\nissuer: 某某街道办事处\ndate: 2025-06-03\n${recipients}---\n\n## 工作要求\n\n`;
const piece = fc.constantFrom('![', '](b)', 'a*', 'a]', '甲*', '`a', '[', ']', '*', '_', '~', '>', '> ', '- ', '| 甲 ', '|\n', '{{#each @root.recipients}}', '{{/each}}', '{{@root.title}}', '甲', '\n', '\n\n');
const run = fc.tuple(piece, fc.integer({ min: 1, max: 20_000 })).map(([p, n]) => p.repeat(n));
const body = fc.array(run, { minLength: 1, maxLength: 6 }).map((a) => a.join(''));

describe('hostile mixtures', () => {
  it('never exit outside 0/1/2, hang or pass 1 GB', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plangen-mix-'));
    mkdirSync(path.join(dir, 'tpl'));
    writeFileSync(path.join(dir, 'tpl', 'template.yaml'), 'name: tpl\nextends: plan\n');
    try {
      await fc.assert(
        // The text goes into the plan's body, or into a template's skeleton, whose output
        // is Markdown too (parsed after Handlebars ran).
        fc.asyncProperty(body, fc.boolean(), async (text, inTemplate) => {
          writeFileSync(path.join(dir, 'plan.md'), inTemplate ? front.replace('---\n\n', 'template: ./tpl\n---\n\n') + '正文。\n' : front + text + '\n');
          writeFileSync(path.join(dir, 'tpl', 'template.hbs'), `{{> title}}\n\n${text}\n\n{{> body}}\n`);
          const r = await runPlangen(dir, ['build', 'plan.md', '--format', 'json', '--out-dir', 'out', '--force'], {}, 20_000);
          expect(r.timedOut).toBe(false);
          expect([0, 1, 2]).toContain(r.code);
          expect(r.maxRssKb).toBeLessThan(1024 * 1024);
        }),
        { numRuns: 16, seed: 9 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/parse/parse-plan.js';
import { makeSource } from '../../src/read/source.js';
import { validatePlan } from '../../src/validate/index.js';

const doc = readFileSync(new URL('../../docs/format.md', import.meta.url), 'utf8');

describe('docs/format.md', () => {
  it('has a full example that checks clean', () => {
    const example = /```markdown\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const list = validatePlan(parsePlan(makeSource('format.md', example!)), { planDir: '/docs', fileExists: () => true });
    expect(list).toEqual([]);
  });
});

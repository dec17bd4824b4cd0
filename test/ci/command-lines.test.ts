import { describe, expect, it } from 'vitest';
import { plangenCommands } from './command-lines.js';

describe('finding plangen command lines in scripts', () => {
  it.each([
    ['npx plangen check plans/ -f github   # a comment', [['check', 'plans/', '-f', 'github']]],
    ["git show HEAD:a.md | npx plangen build - -o - > 方案.docx", [['build', '-', '-o', '-']]],
    ['npm ci && node bin/plangen.js build "工作 方案.md" \\\n  --out-dir out', [['build', '工作 方案.md', '--out-dir', 'out']]],
    ['npx plangen build plans --shard "$CI_NODE_INDEX/$CI_NODE_TOTAL"', [['build', 'plans', '--shard', '1/4']]],
    ["npx plangen manifest merge 'out/manifest-*.json' -o out/manifest.json 2>&1; echo done", [['manifest', 'merge', 'out/manifest-*.json', '-o', 'out/manifest.json']]],
    ['npm install --save-dev plangen', []],
    ['bash node_modules/plangen/scripts/install-system-deps.sh', []],
  ])('%s', (script, expected) => {
    expect(plangenCommands(script)).toEqual(expected);
  });

  it('refuses a variable it has no sample value for, rather than guessing', () => {
    expect(() => plangenCommands('npx plangen build "$PLANS"')).toThrow(/no sample value for \$PLANS/);
  });
});

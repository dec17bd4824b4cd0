import { describe, expect, it } from 'vitest';
import { manifestBytes, type ManifestEntry } from '../../src/cli/manifest-json.js';

const entry = (p: string, n: number): ManifestEntry => ({ path: p, source: `plans/${p}.md`, template: n % 2 ? 'official' : '', sha256: n.toString(16).padStart(64, '0'), size: n });

describe('manifestBytes (written by build and by manifest merge alike)', () => {
  it('sorts the entries by path itself, so neither caller has to', () => {
    const sorted = [entry('2025/c.docx', 3), entry('a.docx', 1), entry('b.docx', 2)];
    const shuffled = [sorted[2]!, sorted[0]!, sorted[1]!];
    expect(new TextDecoder().decode(manifestBytes('1.0.0', shuffled))).toBe(new TextDecoder().decode(manifestBytes('1.0.0', sorted)));
    const listed = (JSON.parse(new TextDecoder().decode(manifestBytes('1.0.0', shuffled))) as { outputs: ManifestEntry[] }).outputs;
    expect(listed.map((e) => e.path)).toEqual(['2025/c.docx', 'a.docx', 'b.docx']);
  });

  it('writes the keys in one order whatever order the entry was made in, two-space JSON ending in a newline', () => {
    const e = entry('a.docx', 1);
    const reordered = { size: e.size, sha256: e.sha256, template: e.template, source: e.source, path: e.path, extra: 'not listed' } as ManifestEntry;
    const text = new TextDecoder().decode(manifestBytes('1.0.0', [reordered]));
    expect(text).toBe(
      ['{', '  "plangen": "1.0.0",', '  "outputs": [', '    {', '      "path": "a.docx",', '      "source": "plans/a.docx.md",', '      "template": "official",', `      "sha256": "${e.sha256}",`, '      "size": 1', '    }', '  ]', '}', ''].join('\n'),
    );
  });

  it('an empty run is an empty list (an empty shard still leaves its part)', () => {
    expect(new TextDecoder().decode(manifestBytes('1.0.0', []))).toBe('{\n  "plangen": "1.0.0",\n  "outputs": []\n}\n');
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

/**
 * `check` and `--help` must not pay for docx (~1 MB) or Handlebars: the bundle's entry
 * and everything it imports statically must not contain them. Reads esbuild's metafile
 * written by `npm run build`.
 */
interface Meta {
  outputs: Record<string, { imports: Array<{ path: string; kind: string }>; inputs: Record<string, unknown>; entryPoint?: string }>;
}

describe('lazy loading', () => {
  const meta = JSON.parse(readFileSync(new URL('../../dist/meta.json', import.meta.url), 'utf8')) as Meta;
  // bin/plangen.js loads the CLI entry.
  const entry = Object.keys(meta.outputs).find((o) => meta.outputs[o]?.entryPoint === 'src/cli/entry.ts');
  it('finds the entry chunk', () => expect(entry).toBeDefined());

  const staticClosure = (start: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length) {
      const o = stack.pop()!;
      if (seen.has(o)) continue;
      seen.add(o);
      for (const imp of meta.outputs[o]?.imports ?? []) if (imp.kind === 'import-statement' && meta.outputs[imp.path]) stack.push(imp.path);
    }
    return seen;
  };

  it('start-up loads no parser, docx, handlebars or PDF stage', () => {
    const inputs = [...staticClosure(entry!)].flatMap((o) => Object.keys(meta.outputs[o]?.inputs ?? {}));
    expect(inputs.some((i) => i.includes('node_modules/commander/'))).toBe(true); // sanity: the CLI is there
    expect(inputs.filter((i) => /node_modules\/(yaml|micromark|unified)\//.test(i))).toEqual([]);
    expect(inputs.filter((i) => i.includes('node_modules/docx/'))).toEqual([]);
    expect(inputs.filter((i) => i.includes('node_modules/handlebars/'))).toEqual([]);
    expect(inputs.filter((i) => /node_modules\/diff\/|src\/diff\//.test(i))).toEqual([]);
    expect(inputs.filter((i) => i.includes('src/render/'))).toEqual([]);
    expect(inputs.filter((i) => /node_modules\/(mammoth|rehype-|hast-util-to-mdast)/.test(i) || i.includes('src/import/'))).toEqual([]);
  });

  it("the template stage loads Handlebars' runtime, not its compiler (built-in templates are compiled ahead)", () => {
    const stage = Object.keys(meta.outputs).find((o) => Object.keys(meta.outputs[o]?.inputs ?? {}).includes('src/template/handlebars-run.ts'));
    expect(stage).toBeDefined();
    const inputs = [...staticClosure(stage!)].flatMap((o) => Object.keys(meta.outputs[o]?.inputs ?? {}));
    expect(inputs).toContain('node_modules/handlebars/dist/cjs/handlebars/runtime.js');
    expect(inputs.filter((i) => /node_modules\/handlebars\/(lib\/|dist\/cjs\/handlebars\/compiler\/)|node_modules\/source-map\//.test(i))).toEqual([]);
  });

  it('only `import` of a DOCX loads mammoth: not check, build or import of text', () => {
    const holding = Object.keys(meta.outputs).filter((o) => Object.keys(meta.outputs[o]?.inputs ?? {}).some((i) => i.includes('node_modules/mammoth/')));
    expect(holding.length).toBeGreaterThan(0);
    for (const o of holding) expect(Object.keys(meta.outputs[o]?.inputs ?? {}).some((i) => i.includes('src/cli/') || i.includes('src/pipeline.ts') || i.includes('src/import/index.ts'))).toBe(false);
  });
});

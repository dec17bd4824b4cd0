import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

/**
 * Each command loads only what it needs: `--help` and `doctor` no parser, `check` and
 * `build` on the main thread none of the pipeline (the plan worker runs it), nothing but
 * `import` of a DOCX loads mammoth. plangen is one CommonJS bundle (dist/plangen.cjs);
 * esbuild evaluates a module of it when the first `import()` that reaches it runs, with
 * everything it imports statically, so what a part loads is its static closure in the
 * module graph. Reads esbuild's metafile, written by `npm run build`.
 */
interface Meta {
  inputs: Record<string, { imports: Array<{ path: string; kind: string; external?: boolean }> }>;
  outputs: Record<string, { inputs: Record<string, unknown>; entryPoint?: string }>;
}

const meta = JSON.parse(readFileSync(new URL('../../dist/meta.json', import.meta.url), 'utf8')) as Meta;

/** What evaluating `start` evaluates: the modules it imports statically, and theirs. */
function staticClosure(start: string): string[] {
  expect(meta.inputs[start], `${start} is in the bundle`).toBeDefined();
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const m = stack.pop()!;
    if (seen.has(m)) continue;
    seen.add(m);
    for (const imp of meta.inputs[m]?.imports ?? []) if ((imp.kind === 'import-statement' || imp.kind === 'require-call') && !imp.external) stack.push(imp.path);
  }
  return [...seen];
}

const pipeline = /node_modules\/(yaml|micromark[^/]*|mdast-util-[^/]+|unified|docx|handlebars|fflate|mammoth|diff)\/|src\/(parse|validate|model|template|render\/docx|render\/pdf|diff|import)\//;

describe('lazy loading', () => {
  it('is one bundle whose entry evaluates nothing until a part is asked for', () => {
    const entries = Object.values(meta.outputs).filter((o) => o.entryPoint);
    expect(entries.map((o) => o.entryPoint)).toEqual(['src/cli/bundle.ts']);
    expect(staticClosure('src/cli/bundle.ts')).toEqual(['src/cli/bundle.ts']);
  });

  it('leaves the worker start to dist/boot.cjs, so the worker it prestarts is the one the runner takes', () => {
    const bundled = Object.keys(Object.values(meta.outputs).find((o) => o.entryPoint)?.inputs ?? {});
    expect(bundled).toContain('src/cli/isolate.ts');
    expect(bundled.filter((i) => i === 'src/cli/worker-start.ts' || i === 'src/cli/boot.ts')).toEqual([]);
    expect(readFileSync(new URL('../../dist/plangen.cjs', import.meta.url), 'latin1')).toContain('require("./boot.cjs")');
  });

  it('the command line starts without a parser, docx, Handlebars or a PDF stage', () => {
    const inputs = staticClosure('src/cli/entry.ts');
    expect(inputs.some((i) => i.includes('node_modules/commander/'))).toBe(true); // sanity: the CLI is there
    expect(inputs.filter((i) => pipeline.test(i) || i.includes('src/render/'))).toEqual([]);
    expect(inputs.filter((i) => /node_modules\/(mammoth|rehype-|hast-util-to-mdast)/.test(i))).toEqual([]);
  });

  it.each(['src/cli/build.ts', 'src/cli/check.ts'])('%s loads none of the pipeline on the main thread: the plan worker runs it', (command) => {
    const inputs = staticClosure(command);
    expect(inputs).toContain('src/cli/isolate.ts'); // sanity: it hands plans to the workers
    expect(inputs.filter((i) => pipeline.test(i))).toEqual([]);
  });

  it('the plan worker loads the pipeline but not the command line', () => {
    const inputs = staticClosure('src/cli/plan-worker-bundle.ts');
    expect(inputs).toContain('src/pipeline.ts');
    expect(inputs.filter((i) => /node_modules\/(commander|chokidar|mammoth)\//.test(i) || i === 'src/cli/main.ts')).toEqual([]);
  });

  it("the template stage loads Handlebars' runtime, not its compiler (built-in templates are compiled ahead)", () => {
    const inputs = staticClosure('src/template/handlebars-run.ts');
    expect(inputs).toContain('node_modules/handlebars/dist/cjs/handlebars/runtime.js');
    expect(inputs.filter((i) => /node_modules\/handlebars\/(lib\/|dist\/cjs\/handlebars\/compiler\/)|node_modules\/source-map\//.test(i))).toEqual([]);
  });

  it('only `import` of a DOCX loads mammoth: not check, build or import of text', () => {
    expect(staticClosure('src/import/docx-to-markdown.ts')).toContain('node_modules/mammoth/lib/index.js');
    for (const start of ['src/cli/main.ts', 'src/cli/import.ts', 'src/import/index.ts', 'src/pipeline.ts', 'src/cli/plan-worker-bundle.ts']) {
      expect(staticClosure(start).filter((i) => i.includes('node_modules/mammoth/')), start).toEqual([]);
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const ciExamples = readdirSync(path.join(repoRoot, 'examples/ci'))
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => `examples/ci/${f}`);

/** A YAML file of the repository, parsed; errors fail the caller. */
export function loadYaml(rel: string): { value: unknown; errors: string[]; doc: ReturnType<typeof parseDocument> } {
  const doc = parseDocument(readFileSync(path.join(repoRoot, rel), 'utf8'), { prettyErrors: true });
  return { value: doc.toJS() as unknown, errors: [...doc.errors, ...doc.warnings].map((e) => e.message), doc };
}

/** Every script a CI file runs: GitHub's `run:` values, GitLab's `script`, `before_script`, `after_script` items. */
export function scriptsOf(doc: ReturnType<typeof parseDocument>): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  const visit = (node: unknown, where: string) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const value = pair.value as Node | null;
        const here = `${where}.${key}`;
        if (key === 'run' && isScalar(value)) found.push({ where: here, text: String(value.value) });
        else if (['script', 'before_script', 'after_script'].includes(key) && isSeq(value)) {
          value.items.forEach((item, i) => isScalar(item) && found.push({ where: `${here}[${i}]`, text: String(item.value) }));
        } else visit(value, here);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => visit(item, `${where}[${i}]`));
  };
  visit(doc.contents, '');
  return found;
}

/** The shell code blocks (sh, bash, yaml) of a Markdown file, each with its first line number. */
export function codeBlocks(rel: string): { line: number; lang: string; text: string }[] {
  const lines = readFileSync(path.join(repoRoot, rel), 'utf8').split('\n');
  const blocks: { line: number; lang: string; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const body: string[] = [];
    const start = i + 2;
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    blocks.push({ line: start, lang: open[1] ?? '', text: body.join('\n') });
  }
  return blocks;
}

/**
 * What the sample CI files set: a matrix's first value and GitLab's node index, so that
 * `--shard "$CI_NODE_INDEX/$CI_NODE_TOTAL"` reads as `1/4`. A variable not listed here makes
 * the extraction throw, so a new one in an example is noticed.
 */
const sample: Record<string, string> = {
  CI_NODE_INDEX: '1',
  CI_NODE_TOTAL: '4',
  '{{ matrix.shard }}': '1',
};

/**
 * Every plangen command line in a script, as the argv plangen would get: continuation lines
 * joined, comments dropped, quotes removed, variables filled from `sample`, each command of a
 * pipe or `&&` list on its own, redirections (`> file`) left out.
 */
export function plangenCommands(script: string): string[][] {
  const joined = script.replace(/\\\r?\n/g, ' ');
  const commands: string[][] = [];
  for (const line of joined.split('\n')) {
    for (const words of shellCommands(line)) {
      // `npm install plangen` names the package, not the command.
      if (/^(npm|yarn|pnpm)$/.test(words[0] ?? '') && /^(install|i|add|ci|uninstall)$/.test(words[1] ?? '')) continue;
      for (let i = 0; i < words.length; i++) {
        const w = words[i] ?? '';
        if (w === 'plangen' || /(^|\/)(\.bin\/plangen|plangen\.js)$/.test(w)) {
          commands.push(words.slice(i + 1));
          break;
        }
      }
    }
  }
  return commands;
}

/** The simple commands of one shell line, as words, up to a comment. Throws on a variable `sample` lacks. */
export function shellCommands(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let redirect = false;
  let i = 0;
  const endWord = () => {
    if (inWord && !redirect) words.push(word);
    else if (inWord) redirect = false;
    word = '';
    inWord = false;
  };
  const variable = (): string => {
    const m = /^\$(\{\{[^}]*\}\}|\{(\w+)\}|(\w+))/.exec(line.slice(i));
    if (!m) {
      i++;
      return '$';
    }
    i += m[0].length;
    const name = (m[2] ?? m[3] ?? m[1] ?? '').replace(/\s+/g, ' ');
    const value = sample[name];
    if (value === undefined) throw new Error(`no sample value for $${name} in: ${line}`);
    return value;
  };
  while (i < line.length) {
    const c = line[i] ?? '';
    if (/\s/.test(c)) {
      endWord();
      i++;
      continue;
    }
    if (!inWord && c === '#') break;
    const op = /^(2>&1|[0-9]?>>?|<|\|\||&&|[|;&])/.exec(line.slice(i));
    if (op && (!inWord || /^[|;&<>]/.test(c))) {
      endWord();
      i += op[0].length;
      if (op[0] === '2>&1') continue;
      if (/[<>]/.test(op[0])) redirect = true;
      else {
        commands.push(words);
        words = [];
      }
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word += line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '$') word += variable();
        else if (line[i] === '\\' && i + 1 < line.length) {
          word += line[i + 1];
          i += 2;
        } else word += line[i++];
      }
      i++;
    } else if (c === '$') word += variable();
    else if (c === '\\' && i + 1 < line.length) {
      word += line[i + 1];
      i += 2;
    } else {
      word += c;
      i++;
    }
  }
  endWord();
  commands.push(words);
  return commands.filter((w) => w.length > 0);
}

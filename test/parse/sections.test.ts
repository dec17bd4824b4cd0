import { readdirSync, readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { bodyStart, parsePlan, parseWrittenPiece, writtenTree } from '../../src/parse/parse-plan.js';
import { SECTION_SIZES, sectionCuts } from '../../src/parse/sections.js';
import { preScan } from '../../src/parse/pre-scan.js';
import { makeSource } from '../../src/read/source.js';

const root = path.resolve(__dirname, '../..');
/** Cut at every place sectionCuts thinks safe, however short the text. */
const everywhere = { body: 0, piece: 0 };

function plansIn(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...plansIn(p));
    else if (entry.name.endsWith('.md')) out.push(p);
  }
  return out.sort();
}

/** The whole text's tree and the tree of its pieces, as JSON (every field, every position). */
function both(text: string): { whole: string; pieces: string; cuts: number[] } {
  const cuts = sectionCuts(text, bodyStart(text), everywhere);
  return { whole: JSON.stringify(writtenTree(text, [])), pieces: JSON.stringify(writtenTree(text, cuts)), cuts };
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('a body parsed a section at a time', () => {
  const files = [...plansIn(path.join(root, 'examples')), ...plansIn(path.join(root, 'test/fixtures'))];

  it('gives the tree the whole parse gives, for every example and fixture cut at every safe place', () => {
    let cutFiles = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      // Bodies the pre-scan refuses are never parsed (micromark would overflow the stack).
      if (preScan(text)) continue;
      const { whole, pieces, cuts } = both(text);
      if (cuts.length > 0) cutFiles++;
      expect(pieces, path.relative(root, file)).toBe(whole);
    }
    // The comparison means something only if many files were cut.
    expect(cutFiles).toBeGreaterThan(20);
  });

  it('gives the same tree for a generated 300 KB plan, cut at the sizes a build uses', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'plangen-sections-'));
    try {
      const file = path.join(work, 'large.md');
      spawnSync(process.execPath, [path.join(root, 'scripts/make-large-plan.mjs'), file, '--kb', '300'], { stdio: 'ignore' });
      const text = readFileSync(file, 'utf8');
      const cuts = sectionCuts(text, bodyStart(text));
      expect(cuts.length).toBeGreaterThan(8);
      for (let i = 1; i < cuts.length; i++) expect(cuts[i]! - cuts[i - 1]!).toBeGreaterThanOrEqual(SECTION_SIZES.piece);
      const parsed = parsePlan(makeSource('large.md', text));
      expect(JSON.stringify(parsed.body.children.slice(0, 50))).toBe(JSON.stringify(writtenTree(text, []).children.slice(1, 51)));
      expect(JSON.stringify(writtenTree(text, cuts))).toBe(JSON.stringify(writtenTree(text, [])));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it.each([
    ['lists and quotes closed by the heading', lines('- a', '- b', '', '  more of b', '', '# 一', '> q', 'lazy', '', '## 二', '1. x', '', '   2. y', '', '### 三', 'p')],
    ['a table before a heading', lines('| a | b |', '| - | - |', '| 1 | 2 |', '', '# 表后', '正文')],
    ['emphasis and links across the cut stay apart', lines('**粗体', '', '# 标题**', '[链接', '', '# 另一](x)')],
    ['setext headings and thematic breaks', lines('标题', '===', '', '# 一', '---', '', '# 二', '***')],
    ['positions after tabs, CJK and blank lines', lines('\t缩进\t文字', '', '', '', '# 一\t标题', '\t正文', '', '#', '', '######  六级')],
    ['HTML comments closed on their line or later', lines('<!-- 一 -->', '', '# 一', '<!--', '', '# 在注释里', '', '-->', '', '# 二')],
    ['HTML blocks of each kind', lines('<script>', '', '# 脚本里', '</script>', '', '# 一', '<?php', '', '# 里', '?>', '', '# 二', '<!DOCTYPE x', '', '# 里', '>', '', '# 三', '<![CDATA[', '', '# 里', ']]>', '', '# 四', '<div>', '', '# 五')],
    // In a list item or a quote, an HTML block is open past a blank line and the heading under it.
    ['an HTML comment opened in a list item', lines('- <!--', '', '# 在注释里', '-->', '', '# 一', '正文')],
    ['a <pre> opened in an ordered list item', lines('1. <pre>', '', '# 在里面', '</pre>', '', '# 一')],
    ['a processing instruction opened in a quote', lines('> <?php', '', '# 在里面', '?>', '', '# 一')],
    ['an HTML comment in a quote in a list item', lines('- > <!--', '', '# 在里面', '', '# 也在里面')],
    ['a script opened in a list item, never closed', lines('* <script>', '', '# 在里面', '', '# 也在里面')],
    ['nested HTML openers stop the cutting', lines('<!--', '<pre>', '-->', '', '# 不切', '</pre>', '', '# 也不切')],
    ['a code fence stops the cutting', lines('# 一', '', '# 二', '```', '', '# 代码里', '```', '', '# 三')],
    ['a tilde fence inside a list', lines('# 一', '- ~~~', '', '# 二', '  ~~~', '', '# 三')],
    ['headings not at the first column, or without a blank line before', lines('段落', '# 无空行', '', ' # 缩进', '', '#无空格', '', '# 切')],
    ['GFM autolinks and strikethrough', lines('见 www.example.com 和 a@b.cn', '', '# 一', '~~删除~~ https://x.cn/a', '', '# 二')],
  ])('%s', (_name, text) => {
    const { whole, pieces } = both(text);
    expect(pieces).toBe(whole);
  });

  it('does not cut after an HTML opener in a container, nor a text with a lone carriage return', () => {
    const listed = lines('# 零', '', '- <!--', '', '# 注释里', '-->', '', '# 一');
    expect(sectionCuts(listed, 0, everywhere)).toEqual([listed.indexOf('# 一\n')]);
    // micromark ends a line at a lone CR: here `<!--` opens a comment that this scan cannot see.
    const cr = lines('# 零', '', 'x\r<!--', '', '# 注释里', '-->', '', '# 一');
    expect(sectionCuts(cr, 0, everywhere)).toEqual([]);
    const { whole, pieces } = both(cr);
    expect(pieces).toBe(whole);
  });

  it('cuts where it is safe and nowhere else', () => {
    const text = lines('# 零', '', '# 一', '<!--', '', '# 注释里', '-->', '', '# 二', '段落', '# 无空行', '', ' # 缩进', '', '# 三', '```', '', '# 代码后');
    const at = (heading: string) => text.indexOf(`${heading}\n`);
    expect(sectionCuts(text, 0, everywhere)).toEqual([at('# 一'), at('# 二'), at('# 三')]);
  });

  it('never cuts in the front matter, nor when the front matter is not closed', () => {
    const front = lines('---', 'title: 标题', '', '# 一条注释', 'issuer: 某单位', '---');
    const text = front + lines('', '# 一', '正文');
    expect(sectionCuts(text, bodyStart(text), everywhere)).toEqual([text.indexOf('# 一\n')]);
    const open = lines('---', 'title: 标题', '', '# 一条注释', '', '# 二');
    expect(sectionCuts(open, bodyStart(open), everywhere)).toEqual([]);
    // micromark skips a byte order mark, so the front matter after one is front matter still.
    const bom = `\ufeff${text}`;
    expect(sectionCuts(bom, bodyStart(bom), everywhere)).toEqual([]);
  });

  it('does not cut a text that may define a label, since a definition serves the whole document', () => {
    const text = lines('[链接][甲]', '', '# 一', '', '[甲]: https://example.com', '', '# 二 [^1]', '', '[^1]: 注');
    expect(sectionCuts(text, 0, everywhere)).toEqual([]);
    expect(JSON.stringify(writtenTree(text, sectionCuts(text, 0, everywhere)))).toBe(JSON.stringify(writtenTree(text, [])));
  });

  it('parses short bodies whole and makes no piece shorter than the least size', () => {
    const section = (i: number) => lines('', `# 第${i}节`, '一'.repeat(4000));
    const text = Array.from({ length: 40 }, (_, i) => section(i)).join('');
    expect(sectionCuts(text.slice(0, SECTION_SIZES.body - 10), 0)).toEqual([]);
    const cuts = sectionCuts(text, 0);
    expect(cuts.length).toBeGreaterThan(1);
    for (const [i, c] of cuts.entries()) expect(c - (cuts[i - 1] ?? 0)).toBeGreaterThanOrEqual(SECTION_SIZES.piece);
    expect(text.length - cuts[cuts.length - 1]!).toBeGreaterThanOrEqual(SECTION_SIZES.piece);
  });

  it('is used for a long plan body: parsePlan gives the whole parse\'s tree', () => {
    expect(existsSync(path.join(root, 'examples'))).toBe(true);
    const text = lines('---', 'title: 标题', '---') + Array.from({ length: 30 }, (_, i) => lines('', `## 第${i}节`, '', `- 项目${i}`, '', '二'.repeat(3000))).join('');
    expect(sectionCuts(text, bodyStart(text)).length).toBeGreaterThan(0);
    const parsed = parsePlan(makeSource('p.md', text));
    const whole = writtenTree(text, []);
    whole.children.shift();
    expect(JSON.stringify(parsed.body)).toBe(JSON.stringify(whole));
  });
});

describe('text that cannot hold a literal autolink or a table is parsed without trying for one', () => {
  const files = [...plansIn(path.join(root, 'examples')), ...plansIn(path.join(root, 'test/fixtures'))];

  it('gives the tree the full parse gives, for every example and fixture', () => {
    let withoutLinks = 0;
    let withoutTables = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      if (preScan(text)) continue;
      if (!/@|www\.|https?:\/\//i.test(text)) withoutLinks++;
      if (!/\||:-|-:/.test(text)) withoutTables++;
      expect(JSON.stringify(parseWrittenPiece(text)), path.relative(root, file)).toBe(JSON.stringify(parseWrittenPiece(text, true, true)));
    }
    expect(withoutLinks).toBeGreaterThan(20);
    expect(withoutTables).toBeGreaterThan(20);
  });

  it.each([
    ['| 项目 | 数量 |\n| --- | --- |\n| 讲座 | 3 |\n'],
    ['项目 | 数量\n:-- | --:\n'],
    ['项目 数量\n:--\n'],
    ['项目 数量\n--:\n'],
  ])('finds the table in %j, and would not without the construct', (text) => {
    expect(parseWrittenPiece(text).children.map((c) => c.type)).toEqual(['table']);
    expect(parseWrittenPiece(text, true, false).children.map((c) => c.type)).not.toContain('table');
  });

  it.each([['项目 数量\n---\n'], ['项目：数量\n- 讲座\n'], ['一、工作目标\n\n---\n']])('reads %j the same with the table construct or without', (text) => {
    expect(JSON.stringify(parseWrittenPiece(text))).toBe(JSON.stringify(parseWrittenPiece(text, true, true)));
  });

  it.each([
    // After full-width punctuation or inside underscores, where micromark's own autolink
    // syntax does not start one and only the pass finds it.
    ['详见（www.example.com）', 'www.example.com'],
    ['网址“WWW.Example.cn”可查', 'WWW.Example.cn'],
    ['邮箱 _xxb@example.gov.cn_ 收', 'xxb@example.gov.cn'],
  ])('finds the link in %s', (text, link) => {
    const links: string[] = [];
    const walk = (n: { type: string; children?: unknown[]; url?: string }) => {
      if (n.type === 'link') links.push(n.url ?? '');
      for (const c of n.children ?? []) walk(c as typeof n);
    };
    walk(parseWrittenPiece(text));
    expect(links.join(' ')).toContain(link.replace(/^mailto:/, ''));
    // micromark's own constructs do not start a link here; the transform after the parse
    // finds it, and it runs whenever a text node may hold one, constructs left out or not.
    expect(JSON.stringify(parseWrittenPiece(text, false))).toBe(JSON.stringify(parseWrittenPiece(text, true)));
  });
});

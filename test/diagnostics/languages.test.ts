/**
 * Every word a reader sees comes from the catalogue, in the language asked for: an English
 * reader gets no Chinese except the plan's own words (argument values), and a Chinese reader
 * gets no parser English. Checked over every fixture plan and over the template-stage
 * problems, whose details used to be written in code.
 */
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, formatMessage, terms } from '../../src/diagnostics/catalogue.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { checkFile } from '../../src/pipeline.js';
import { makeSource } from '../../src/read/source.js';
import { readTemplateConfig } from '../../src/template/config.js';
import { loadHandlebarsCompiler, parseHbs, renderHbs, suggest } from '../../src/template/handlebars-run.js';

// These texts are no built-in template's: parsing them needs Handlebars' compiler.
beforeAll(() => loadHandlebarsCompiler());

const IDEOGRAPH = /[\u3400-\u9fff]/;
// Three English words in a row: a parser's sentence, never catalogue Chinese (which names
// single things such as YAML, Word/WPS, a field like unit, or lists fields as {name, value}).
const ENGLISH_PHRASE = /[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}/;

// Entries whose English must show Chinese characters: the form of a 发文字号 is Chinese text
// (its example, and the 第 to leave out).
const SHOWS_CHINESE = new Set(['doc-number-form']);

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const plans = [fixtures, path.join(fixtures, 'pasted')].flatMap((dir) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'input.md')))
    .map((d) => path.join(dir, d.name, 'input.md')),
);

/** The message with the plan's own words (every argument value, and terms' values) taken out. */
function catalogueWords(d: Diagnostic, lang: 'zh' | 'en'): string {
  let message = formatMessage(d.ruleId, d.args, lang);
  const values = Object.values(d.args).map(String).filter((v) => v !== '' && !(v in terms));
  for (const v of values.sort((a, b) => b.length - a.length)) message = message.split(v).join('');
  return message;
}

async function templateDiagnostics(): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const yaml of ['layot: 1\n', 'layout:\n  fonts: songti\n', 'layout:\n  margins:\n    top: 1\n', 'name: [\n', 'description: 3\n', 'extends: "Bad Name"\n']) {
    out.push(...(await readTemplateConfig(makeSource('tpl/template.yaml', yaml))).diagnostics);
  }
  const file = (text: string) => ({ name: 'template', source: makeSource('tpl/template.hbs', text) });
  for (const text of ['{{#if title}}\n', '{{title}', '{{/if}}']) out.push(...parseHbs(file(text)).diagnostics);
  for (const text of ['{{cnDate 3}}', '{{cnNumber "x"}}', '{{joinNames 3}}', '{{headingMarker 9 0}}', '{{bookTitle 3}}', '{{dateRange}}', '{{cnIndex -1}}']) {
    const parsed = parseHbs(file(text)).parsed!;
    out.push(...renderHbs({ entry: parsed, partials: new Map(), view: {} }).diagnostics);
  }
  return out;
}

describe('message language', () => {
  it('catalogue and terms: English without Chinese, the same placeholders in both languages', () => {
    for (const [id, entry] of [...Object.entries(catalogue), ...Object.entries(terms)]) {
      if (!SHOWS_CHINESE.has(id)) expect(entry.en, id).not.toMatch(IDEOGRAPH);
      const names = (s: string) => [...s.matchAll(/\{~?(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(entry.zh), id).toEqual(names(entry.en));
    }
  });

  it.each(plans.map((p) => [path.relative(fixtures, path.dirname(p)), p]))('%s: en has no Chinese, zh no parser English', async (_name, file) => {
    const checked = await checkFile(file, 'input.md');
    for (const d of checked.diagnostics) {
      if (!SHOWS_CHINESE.has(d.ruleId)) expect(catalogueWords(d, 'en'), `${d.ruleId} in English`).not.toMatch(IDEOGRAPH);
      expect(catalogueWords(d, 'zh'), `${d.ruleId} in Chinese`).not.toMatch(ENGLISH_PHRASE);
      if (typeof d.args['detail'] === 'string' && !(d.args['detail'] in terms)) {
        expect(formatMessage(d.ruleId, d.args, 'zh'), `${d.ruleId}: raw detail`).not.toContain(d.args['detail']);
      }
    }
  });

  it('template problems are worded by the catalogue in both languages', async () => {
    const list = await templateDiagnostics();
    expect(new Set(list.map((d) => d.ruleId))).toEqual(new Set(['template-config', 'template-syntax', 'template-helper-usage']));
    expect(list.length).toBeGreaterThanOrEqual(14);
    for (const d of list) {
      expect(String(d.args['detail']) in terms, `${d.ruleId} detail ${String(d.args['detail'])} is a catalogue term`).toBe(true);
      expect(catalogueWords(d, 'en'), `${d.ruleId} in English`).not.toMatch(IDEOGRAPH);
      expect(catalogueWords(d, 'zh'), `${d.ruleId} in Chinese`).not.toMatch(ENGLISH_PHRASE);
    }
  });

  it('did-you-mean is worded by the catalogue, and left out when there is nothing to suggest', () => {
    const args = { name: 'offical', suggestion: suggest('offical', ['official', 'plan']) };
    expect(formatMessage('template-missing', args, 'en')).toBe('Template "offical" not found (did you mean "official"?)');
    expect(formatMessage('template-missing', args, 'zh')).toBe('找不到模板“offical”（是否要写“official”？）');
    expect(formatMessage('partial-missing', { name: 'zzz', suggestion: suggest('zzz', ['leaders']) }, 'en')).toBe('Partial "zzz" not found');
  });
});

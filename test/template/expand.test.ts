import { describe, expect, it } from 'vitest';
import type { RootContent } from 'mdast';
import { expandPlan, outline, planText, sampleFrontMatter, textOf } from './support.js';

const body = `## 指导思想

坚持{{title}}。

## 组织领导

{{> leaders}}

## 工作要求

各单位要认真落实。
`;

function lineOfNode(n: RootContent): number | undefined {
  return (n as { position?: { start: { line: number } } }).position?.start.line;
}

function dataFile(n: RootContent): string | undefined {
  return (n as { data?: { file?: string } }).data?.file;
}

describe('plan template', () => {
  it('lays the document out in GB/T 9704 order with the data sections merged in conventional order', async () => {
    const r = await expandPlan(planText(sampleFrontMatter, body));
    expect(r.diagnostics).toEqual([]);
    const lines = outline(r.tree!.children);
    expect(lines[0]).toBe('docTitle 关于开展2025年夏季消防安全检查的工作方案');
    expect(lines[1]).toBe('docRecipients 各社区居委会,街道各科室');
    // Body sections: the body's own, with 实施步骤, 工作目标, 职责分工 added before 工作要求.
    expect(lines.filter((l) => l.startsWith('h2 '))).toEqual(['h2 指导思想', 'h2 组织领导', 'h2 实施步骤', 'h2 工作目标', 'h2 职责分工', 'h2 工作要求']);
    // The document blocks after the body, in order.
    expect(lines.slice(-3)).toEqual([
      'docAttachmentNote 夏季消防安全检查责任分工表',
      'docSignature 某某区某某街道办事处 2025年6月3日',
      'docColophon 区消防救援大队,区应急管理局 某某街道党政办公室 2025年6月4日',
    ]);
    expect(lines).toContain('p 坚持关于开展2025年夏季消防安全检查的工作方案。');
  });

  it('keeps plan positions on body nodes and names the partial file on partial output', async () => {
    const text = planText(sampleFrontMatter, body);
    const r = await expandPlan(text);
    const nodes = r.tree!.children;
    const guide = nodes.find((n) => n.type === 'paragraph' && textOf(n).startsWith('坚持'))!;
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(lineOfNode(guide)).toBe(lineOf('坚持{{title}}'));
    expect(dataFile(guide)).toBeUndefined();
    const leader = nodes.find((n) => n.type === 'paragraph' && textOf(n).startsWith('组长：'))!;
    expect(dataFile(leader)).toMatch(/templates\/plan\/partials\/leaders\.hbs$/);
    // Member lines come from the `{{role}}：…` line of leaders.hbs (line 4).
    expect(lineOfNode(leader)).toBe(4);
    const office = nodes.find((n) => n.type === 'paragraph' && textOf(n).includes('下设办公室'))!;
    expect(lineOfNode(office)).toBe(8);
    const phaseHeading = nodes.find((n) => n.type === 'heading' && textOf(n).startsWith('动员部署阶段'))!;
    expect(dataFile(phaseHeading)).toMatch(/partials\/phases\.hbs$/);
  });

  it('places no section that has no data, and no empty blocks', async () => {
    const r = await expandPlan(planText('title: 简短方案', '## 工作内容\n\n按要求开展。\n'));
    expect(r.diagnostics).toEqual([]);
    expect(outline(r.tree!.children)).toEqual(['docTitle 简短方案', 'h2 工作内容', 'p 按要求开展。']);
  });

  it('official: red header with mark, number and signers before the title; 附注 in the signature', async () => {
    const fm = `${sampleFrontMatter}\ntemplate: official\nsigner: [王某某]\ncopy_number: "000123"\nsecrecy: 秘密★1年\nurgency: 加急\nnote: 此件公开发布`;
    const r = await expandPlan(planText(fm, body));
    expect(r.diagnostics).toEqual([]);
    const first = r.tree!.children[0]!;
    expect(first).toEqual({
      type: 'docRedHeader',
      mark: '某某区某某街道办事处文件',
      number: '某街发〔2025〕8号',
      signers: ['王某某'],
      copyNumber: '000123',
      secrecy: '秘密★1年',
      urgency: '加急',
    });
    expect(outline(r.tree!.children)[1]).toBe('docTitle 关于开展2025年夏季消防安全检查的工作方案');
    expect(outline(r.tree!.children)).toContain('docSignature 某某区某某街道办事处 2025年6月3日 此件公开发布');
  });

  it('official: mark wins over issuer + 文件; without either it is an error', async () => {
    const withMark = await expandPlan(planText(`title: 某方案\nissuer: 某某区人民政府办公室\nmark: 某某区人民政府文件\ntemplate: official`, '正文。\n'));
    expect(withMark.tree!.children[0]).toMatchObject({ type: 'docRedHeader', mark: '某某区人民政府文件' });
    const none = await expandPlan(planText('title: 某方案\ntemplate: official', '正文。\n'));
    expect(none.diagnostics.map((d) => [d.ruleId, d.args['field']])).toEqual([['template-needs-field', 'issuer']]);
  });

  it('notice: a cover notice, then the whole plan as 附件 on its own pages', async () => {
    const r = await expandPlan(planText(`${sampleFrontMatter}\ntemplate: notice`, body));
    expect(r.diagnostics).toEqual([]);
    const lines = outline(r.tree!.children);
    // The inner 关于 is dropped: 关于印发《关于……》 reads badly.
    expect(lines[0]).toBe('docTitle 关于印发《开展2025年夏季消防安全检查的工作方案》的通知');
    expect(lines).toContain('p 现将《开展2025年夏季消防安全检查的工作方案》印发给你们，请结合实际，认真贯彻落实。');
    const page = r.tree!.children.find((n) => n.type === 'docAttachmentPage');
    expect(page).toMatchObject({ label: '附件', title: '关于开展2025年夏季消防安全检查的工作方案' });
    const inner = outline((page as { children: RootContent[] }).children);
    expect(inner.filter((l) => l.startsWith('h2 '))).toEqual(['h2 指导思想', 'h2 组织领导', 'h2 实施步骤', 'h2 工作目标', 'h2 职责分工', 'h2 工作要求']);
    expect(inner[inner.length - 1]).toBe('docAttachmentNote 夏季消防安全检查责任分工表');
    // Signature belongs to the notice, before the plan; the colophon ends the document.
    expect(lines.indexOf('docSignature 某某区某某街道办事处 2025年6月3日')).toBeLessThan(lines.findIndex((l) => l.startsWith('docAttachmentPage')));
    expect(lines[lines.length - 1]).toMatch(/^docColophon/);
  });

  it('notice: a title that does not start with 关于 is cited whole; inner 《》 become 〈〉', async () => {
    const r = await expandPlan(planText('title: 某某街道贯彻《消防法》实施方案\ntemplate: notice', '正文。\n'));
    expect(outline(r.tree!.children)[0]).toBe('docTitle 关于印发《某某街道贯彻〈消防法〉实施方案》的通知');
  });
});

import type { RootContent } from 'mdast';
import { parseMarkdown } from '../../src/parse/parse-plan.js';
import { defaultLayout, type DocumentModel, type ImageData, type Layout } from '../../src/model/document.js';
import type { DocumentWriter } from '../../src/render/writers.js';

/** Body blocks parsed from Markdown, for building test models. */
export function md(text: string): RootContent[] {
  return parseMarkdown(text).children;
}

/** A document model around the given blocks (custom blocks and parsed Markdown mixed). */
export function model(
  children: RootContent[],
  options: { layout?: Partial<Layout>; images?: ReadonlyMap<string, ImageData>; timestamp?: Date } = {},
): DocumentModel {
  return {
    tree: { type: 'root', children },
    layout: { ...defaultLayout, ...options.layout },
    meta: { title: '关于开展2025年夏季消防安全检查的工作方案', creator: '某某区某某街道办事处' },
    timestamp: options.timestamp ?? new Date(Date.UTC(2025, 5, 3)),
    images: options.images ?? new Map(),
  };
}

/** A full plan: red header, title, recipients, body, attachment note, signature, attachment page, colophon. */
export function fullPlan(extraBody = ''): RootContent[] {
  return [
    {
      type: 'docRedHeader',
      copyNumber: '000123',
      secrecy: '秘密★1年',
      urgency: '特急',
      mark: '某某区某某街道办事处文件',
      number: '某街发〔2025〕8号',
      signers: [],
    },
    { type: 'docTitle', text: '关于开展2025年夏季消防安全检查的工作方案' },
    { type: 'docRecipients', names: ['各社区居委会', '街道各科室'] },
    ...md(
      [
        '为切实做好夏季消防安全工作，根据上级部署，结合街道实际，制定本方案。',
        '',
        '## 指导思想',
        '',
        '坚持“安全第一、预防为主”的方针——落实各方责任……确保辖区消防安全形势稳定。',
        '',
        '## 二、组织领导',
        '',
        '### 领导小组',
        '',
        '成立夏季消防安全检查工作领导小组，**组长**由街道党工委书记担任，*副组长*由街道办事处副主任担任。',
        '',
        '#### 职责',
        '',
        '##### 办公室',
        '',
        '1. 牵头组织检查；',
        '2. 汇总检查情况：',
        '   1. 每周报送一次；',
        '   2. 每月通报一次。',
        '',
        '- 督促隐患整改。',
        '',
        '> 引用的文字用楷体。',
        '',
        '| 单位 | 职责 | 完成时限 |',
        '| --- | --- | --- |',
        '| 街道平安办 | 牵头组织检查，汇总检查情况，督促隐患整改 | 2025年8月31日 |',
        '| 各社区居委会 | 排查辖区出租屋和“三小”场所 | 2025年7月31日 |',
        '',
        extraBody,
      ].join('\n'),
    ),
    { type: 'docAttachmentNote', items: ['夏季消防安全检查责任分工表', '检查情况汇总表。'] },
    { type: 'docSignature', issuer: '某某区某某街道办事处', date: '2025年6月3日', note: '联系人：赵某某，电话：12345678' },
    {
      type: 'docAttachmentPage',
      label: '附件1',
      title: '夏季消防安全检查责任分工表',
      children: md('## 总体要求\n\n各单位按分工落实。\n\n## 工作安排\n\n按时完成。'),
    },
    { type: 'docColophon', cc: ['区消防救援大队', '区应急管理局'], printer: '某某街道党政办公室', printed: '2025年6月4日' },
  ];
}

/** A writer for tests: writes the document's title as text, as a `.txt` output named `id`. */
export function titleWriter(id: string): DocumentWriter {
  return {
    id,
    ext: '.txt',
    description: 'writer-docx',
    stage: 'worker',
    write: async (m) => ({ bytes: new TextEncoder().encode(m.meta.title), text: m.meta.title }),
  };
}

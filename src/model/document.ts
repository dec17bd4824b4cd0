import type { Root, RootContent } from 'mdast';

/**
 * The document the DOCX writer receives: Markdown (mdast) plus a few document blocks that
 * Markdown has no words for. Templates place these blocks with block partials
 * (`{{> title}}`, `{{> signature}}` …); each block carries its resolved text, so the writer
 * never looks at the plan's raw data.
 */
export interface DocTitle {
  readonly type: 'docTitle';
  readonly text: string;
}
export interface DocRecipients {
  readonly type: 'docRecipients';
  readonly names: readonly string[];
}
export interface DocAttachmentNote {
  readonly type: 'docAttachmentNote';
  readonly items: readonly string[];
}
export interface DocSignature {
  readonly type: 'docSignature';
  readonly issuer?: string;
  /** 2025年6月3日 */
  readonly date?: string;
  /** 附注, printed in （） under the date */
  readonly note?: string;
}
export interface DocAttachmentPage {
  readonly type: 'docAttachmentPage';
  /** 附件 or 附件1 */
  readonly label: string;
  readonly title: string;
  /** Content of an attachment file (or a whole plan, for the notice template). */
  readonly children: RootContent[];
}
export interface DocRedHeader {
  readonly type: 'docRedHeader';
  /** 份号, six digits */
  readonly copyNumber?: string;
  /** 密级 (with 保密期限) */
  readonly secrecy?: string;
  /** 紧急程度 */
  readonly urgency?: string;
  /** 发文机关标志, e.g. 某某区人民政府文件 */
  readonly mark: string;
  /** 发文字号 */
  readonly number?: string;
  /** 签发人 (upward documents) */
  readonly signers: readonly string[];
}
export interface DocColophon {
  readonly type: 'docColophon';
  readonly cc: readonly string[];
  readonly printer?: string;
  /** 2025年6月4日 */
  readonly printed?: string;
}
export interface DocPageBreak {
  readonly type: 'docPageBreak';
}

export type DocBlock =
  | DocTitle
  | DocRecipients
  | DocAttachmentNote
  | DocSignature
  | DocAttachmentPage
  | DocRedHeader
  | DocColophon
  | DocPageBreak;

declare module 'mdast' {
  interface RootContentMap {
    docTitle: DocTitle;
    docRecipients: DocRecipients;
    docAttachmentNote: DocAttachmentNote;
    docSignature: DocSignature;
    docAttachmentPage: DocAttachmentPage;
    docRedHeader: DocRedHeader;
    docColophon: DocColophon;
    docPageBreak: DocPageBreak;
  }
}

/** Font profile: `gb2312` names the *_GB2312 faces (default); `modern` the faces Windows 10/11 ship. */
export type FontProfile = 'gb2312' | 'modern';

/** Layout settings a template may set (template.yaml `layout:`). */
export interface Layout {
  readonly fonts: FontProfile;
  /** Bold third-level headings (common practice, not the standard). */
  readonly boldHeading3: boolean;
  /** Page margins in twips; defaults are GB/T 9704 §5.2.1 (37/26/35/28 mm). */
  readonly margins: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
}

export const defaultLayout: Layout = {
  fonts: 'gb2312',
  boldHeading3: true,
  margins: { top: 2098, right: 1474, bottom: 1984, left: 1587 },
};

export interface ImageData {
  readonly data: Uint8Array;
  readonly type: 'png' | 'jpg';
  /** pixel size */
  readonly width: number;
  readonly height: number;
}

export interface DocumentModel {
  readonly tree: Root;
  readonly layout: Layout;
  /** Title and issuer for docProps/core.xml. */
  readonly meta: { readonly title: string; readonly creator?: string };
  /** The one clock reading of a build: SOURCE_DATE_EPOCH, else the plan's date, else 2000-01-01. */
  readonly timestamp: Date;
  /** Image bytes by the URL written in the Markdown (resolved before rendering). */
  readonly images: ReadonlyMap<string, ImageData>;
}

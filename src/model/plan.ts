/**
 * The normalised plan: what templates and renderers see. Built from the written front
 * matter by `normalisePlan`; dates are parsed, name lists flattened, and the printed
 * wording (date ranges, target sentences) decided here, once.
 */
export interface PlanDate {
  /** As written: 2025-06-03, or 2025-10 / 2025 where a month or a year is allowed. */
  readonly iso: string;
  readonly year: number;
  /** 1 when only a year was written. */
  readonly month: number;
  /** 1 when only a month or a year was written. */
  readonly day: number;
  /** 2025年6月3日, 2025年10月, 2025年 */
  readonly text: string;
  /** How much was written: a day, a month (phase dates, deadlines) or a year (deadlines). */
  readonly precision: DatePrecision;
}

export type DatePrecision = 'day' | 'month' | 'year';

export interface Member {
  readonly role: string;
  readonly names: readonly string[];
  readonly post?: string;
  /** names joined with 、 */
  readonly namesText: string;
}

export interface Leaders {
  readonly group: string;
  readonly members: readonly Member[];
  readonly office?: { readonly host: string; readonly director?: string; readonly post?: string; readonly deputies: readonly string[] };
}

export interface Group {
  readonly name: string;
  readonly members: readonly Member[];
  readonly tasks: readonly string[];
}

export interface Phase {
  readonly name: string;
  readonly start?: PlanDate;
  readonly end?: PlanDate;
  readonly tasks: readonly string[];
  readonly owner?: string;
  /** 6月5日—6月15日, 8月31日前, 6月5日起 */
  readonly rangeText: string;
}

export type TargetOp = '>=' | '<=' | '>' | '<' | '=';

export interface Target {
  readonly name: string;
  readonly op?: TargetOp;
  readonly value: number;
  readonly unit: string;
  readonly by?: PlanDate;
  readonly owner?: string;
  /** 辖区消防设施完好率达到98%以上 */
  readonly sentence: string;
}

/** 到2025年12月31日，A达到98%以上，B控制在12%以内 (no final 。, which the template adds). */
export interface TargetSentence {
  readonly sentence: string;
  /** Indexes into `targets` of the targets this sentence states. */
  readonly targets: readonly number[];
}

export interface Duty {
  readonly unit: string;
  readonly tasks: readonly string[];
  readonly targets: readonly string[];
}

export interface Attachment {
  readonly index: number;
  readonly title: string;
  readonly file?: string;
}

export interface Plan {
  readonly title: string;
  readonly issuer?: string;
  readonly number?: string;
  readonly date?: PlanDate;
  readonly recipients: readonly string[];
  readonly template: string;
  readonly leaders?: Leaders;
  readonly groups: readonly Group[];
  readonly phases: readonly Phase[];
  readonly targets: readonly Target[];
  readonly duties: readonly Duty[];
  /** The targets as printed: one sentence per deadline shared by several targets. */
  readonly targetSentences: readonly TargetSentence[];
  readonly attachments: readonly Attachment[];
  readonly cc: readonly string[];
  readonly printer?: string;
  readonly printed?: PlanDate;
  readonly copyNumber?: string;
  readonly secrecy?: string;
  readonly urgency?: string;
  readonly signers: readonly string[];
  readonly mark?: string;
  readonly note?: string;
}

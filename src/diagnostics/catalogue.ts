import type { Severity } from './diagnostic.js';

/**
 * The one catalogue of messages. Every diagnostic plangen reports has an entry here:
 * its default severity and its wording in Simplified Chinese (default) and English.
 * `{name}` placeholders are filled from the diagnostic's `args`. `docs/rules.md`
 * documents every id (a test keeps the two in step).
 */
export interface CatalogueEntry {
  readonly severity: Severity;
  readonly zh: string;
  readonly en: string;
}

export const catalogue = {
  // read
  'file-not-found': { severity: 'error', zh: '找不到文件：{path}', en: 'File not found: {path}' },
  'file-unreadable': { severity: 'error', zh: '无法读取文件：{path}（{reason}）', en: 'Cannot read file: {path} ({reason})' },
  'file-too-large': { severity: 'error', zh: '文件过大（{size}），上限为 {limit}', en: 'File too large ({size}); the limit is {limit}' },
  'file-binary': { severity: 'error', zh: '这不是文本文件（第 {offset} 字节为空字符）', en: 'Not a text file (NUL byte at byte {offset})' },
  'encoding-utf16': { severity: 'error', zh: '文件是 UTF-16 编码，请另存为 UTF-8', en: 'The file is UTF-16; save it as UTF-8' },
  'encoding-unknown': { severity: 'error', zh: '无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030），请另存为 UTF-8', en: 'Unknown encoding (neither UTF-8 nor GBK/GB18030); save the file as UTF-8' },
  'encoding-gbk': { severity: 'warning', zh: '文件是 GBK/GB18030 编码，已按此读取；建议另存为 UTF-8', en: 'The file is GBK/GB18030 and was read as such; saving it as UTF-8 is recommended' },
  // parse
  'front-matter-missing': { severity: 'error', zh: '文件开头缺少 YAML 前置数据（以 --- 开始和结束）', en: 'Missing YAML front matter at the start of the file (between --- lines)' },
  'yaml-syntax': { severity: 'error', zh: 'YAML 格式错误：{detail}', en: 'YAML syntax error: {detail}' },
  'yaml-not-mapping': { severity: 'error', zh: '前置数据必须是“字段: 值”的映射', en: 'The front matter must be a mapping of field: value' },
  // schema
  'unknown-field': { severity: 'error', zh: '未知字段“{field}”{suggestion}', en: 'Unknown field "{field}"{suggestion}' },
  'required-field': { severity: 'error', zh: '缺少必填字段“{field}”', en: 'Missing required field "{field}"' },
  'wrong-type': { severity: 'error', zh: '“{field}”应为{expected}', en: '"{field}" should be {expected}' },
  'invalid-value': { severity: 'error', zh: '“{field}”的值不符合要求：{detail}', en: 'Invalid value for "{field}": {detail}' },
  'invalid-date': { severity: 'error', zh: '“{field}”应为日期，格式如 2025-06-03', en: '"{field}" should be a date such as 2025-06-03' },
  // semantic rules
  'impossible-date': { severity: 'error', zh: '日期不存在：{value}', en: 'No such date: {value}' },
  'phase-end-before-start': { severity: 'error', zh: '“{phase}”的结束日期 {end} 早于开始日期 {start}', en: 'Phase "{phase}" ends ({end}) before it starts ({start})' },
  'phase-order': { severity: 'error', zh: '“{phase}”排在“{previous}”之后，但日期更早', en: 'Phase "{phase}" comes after "{previous}" but starts earlier' },
  'phase-overlap': { severity: 'warning', zh: '“{phase}”与“{previous}”的日期重叠', en: 'Phase "{phase}" overlaps "{previous}"' },
  'target-percent-range': { severity: 'error', zh: '百分比指标“{target}”的值 {value} 不在 0～100 之间', en: 'Percentage target "{target}" has value {value}, outside 0–100' },
  'duplicate-duty-unit': { severity: 'error', zh: '职责分工中“{unit}”重复出现（首次在第 {firstLine} 行）', en: 'Duty unit "{unit}" appears twice (first on line {firstLine})' },
  'doc-number-brackets': { severity: 'error', zh: '发文字号的年份应使用六角括号〔〕，不能用“{found}”', en: 'The year in a document number takes 〔〕, not "{found}"' },
  'doc-number-form': { severity: 'error', zh: '发文字号“{value}”格式不对，应如“某政办发〔2025〕12号”（不加“第”，序号不编虚位）', en: 'Document number "{value}" is malformed; expected e.g. 某政办发〔2025〕12号 (no 第, no leading zeros)' },
  'placeholder': { severity: 'error', zh: '留有范文占位符“{text}”，请填写实际内容', en: 'Sample placeholder "{text}" left in; fill in the real value' },
  'unbalanced-pairs': { severity: 'error', zh: '“{open}”与“{close}”不配对', en: '"{open}" and "{close}" are unbalanced' },
  'date-zero-padding': { severity: 'warning', zh: '日期“{text}”不应有补零，应写作“{fixed}”', en: 'Date "{text}" should not be zero-padded; write "{fixed}"' },
  'halfwidth-punctuation': { severity: 'warning', zh: '汉字后使用了半角标点“{char}”，应为“{fixed}”', en: 'Half-width "{char}" after Chinese text; use "{fixed}"' },
  'heading-level-skip': { severity: 'warning', zh: '标题层级跳跃：从第 {from} 级直接到第 {to} 级', en: 'Heading level skipped: from level {from} to level {to}' },
  'heading-marker': { severity: 'warning', zh: '标题序号“{typed}”不对，此处应为“{expected}”（生成时自动改正）', en: 'Heading marker "{typed}" is wrong here; expected "{expected}" (corrected when building)' },
  'heading-too-deep': { severity: 'warning', zh: '公文标题最多四级（## 到 #####），此标题按正文处理', en: 'Official documents have four heading levels (## to #####); this heading is set as body text' },
  'attachment-missing': { severity: 'error', zh: '附件文件不存在：{path}', en: 'Attachment file does not exist: {path}' },
  'image-missing': { severity: 'error', zh: '图片文件不存在：{path}', en: 'Image file does not exist: {path}' },
  'image-unsupported': { severity: 'error', zh: '图片“{path}”不是 PNG 或 JPEG', en: 'Image "{path}" is not PNG or JPEG' },
  // templates
  'template-missing': { severity: 'error', zh: '找不到模板“{name}”{suggestion}', en: 'Template "{name}" not found{suggestion}' },
  'template-config': { severity: 'error', zh: '模板配置错误：{detail}', en: 'Template configuration error: {detail}' },
  'partial-missing': { severity: 'error', zh: '找不到片段“{name}”{suggestion}', en: 'Partial "{name}" not found{suggestion}' },
  'template-syntax': { severity: 'error', zh: '模板语法错误：{detail}', en: 'Template syntax error: {detail}' },
  'template-unknown-field': { severity: 'error', zh: '模板引用了不存在的字段“{field}”{suggestion}', en: 'The template refers to a field "{field}" that does not exist{suggestion}' },
  'template-helper': { severity: 'error', zh: '模板使用了不允许的助手“{name}”{suggestion}', en: 'The template uses a helper "{name}" that is not allowed{suggestion}' },
  'template-forbidden': { severity: 'error', zh: '模板不允许访问“{name}”', en: 'Templates may not access "{name}"' },
  'section-twice': { severity: 'warning', zh: '“{{> {name}}}”放置了两次，只保留第一处', en: '"{{> {name}}}" is placed twice; only the first is kept' },
  // output
  'output-locked': { severity: 'error', zh: '无法写入 {path}：文件被占用（是否正在 Word/WPS 中打开？），请关闭后重试', en: 'Cannot write {path}: the file is locked (open in Word/WPS?); close it and retry' },
  'output-failed': { severity: 'error', zh: '无法写入 {path}：{reason}', en: 'Cannot write {path}: {reason}' },
  // pdf
  'soffice-missing': { severity: 'error', zh: '未找到 LibreOffice（soffice），无法生成 PDF；DOCX 已生成。安装方法：Debian/Ubuntu 运行 apt-get install libreoffice-writer-nogui，Windows/macOS 请从 libreoffice.org 下载安装', en: 'LibreOffice (soffice) not found, so no PDF; the DOCX was written. Install it: apt-get install libreoffice-writer-nogui on Debian/Ubuntu, or the installer from libreoffice.org on Windows/macOS' },
  'pdf-failed': { severity: 'error', zh: 'PDF 转换失败：{detail}', en: 'PDF conversion failed: {detail}' },
  'pdf-timeout': { severity: 'error', zh: 'PDF 转换超时（{seconds} 秒），已终止 LibreOffice', en: 'PDF conversion timed out ({seconds} s); LibreOffice was stopped' },
  'pdf-text-lost': { severity: 'error', zh: 'PDF 第 {page} 页丢失了文字：{detail}', en: 'Text lost on PDF page {page}: {detail}' },
  'pdf-font-substituted': { severity: 'warning', zh: '字体“{requested}”在 PDF 中被替换为“{embedded}”', en: 'Font "{requested}" was replaced by "{embedded}" in the PDF' },
  // internal
  'internal-error': { severity: 'error', zh: '内部错误：{detail}（请加 --verbose 重试并报告此问题）', en: 'Internal error: {detail} (rerun with --verbose and report it)' },
} as const satisfies Record<string, CatalogueEntry>;

export type RuleId = keyof typeof catalogue;
export type Lang = 'zh' | 'en';

export function formatMessage(ruleId: string, args: Readonly<Record<string, string | number>>, lang: Lang): string {
  const entry = (catalogue as Record<string, CatalogueEntry>)[ruleId];
  if (!entry) return `${ruleId} ${JSON.stringify(args)}`;
  return entry[lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = args[name];
    return v === undefined ? (name === 'suggestion' ? '' : whole) : String(v);
  });
}

export function defaultSeverity(ruleId: RuleId): Severity {
  return catalogue[ruleId].severity;
}

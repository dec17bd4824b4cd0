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
  'yaml-syntax': { severity: 'error', zh: 'YAML 格式错误[[（{~hint}）]]：{detail}', en: 'YAML syntax error[[ ({~hint})]]: {detail}' },
  'nesting-too-deep': { severity: 'error', zh: '引用或列表嵌套超过 {limit} 层，正文未能读取', en: 'Block quotes or lists nested more than {limit} levels deep; the body was not read' },
  'yaml-not-mapping': { severity: 'error', zh: '前置数据必须是“字段: 值”的映射', en: 'The front matter must be a mapping of field: value' },
  // schema
  'unknown-field': { severity: 'error', zh: '未知字段“{field}”[[，是否应为“{suggestion}”？]]', en: 'Unknown field "{field}"[[; did you mean "{suggestion}"?]]' },
  'required-field': { severity: 'error', zh: '缺少必填字段“{field}”', en: 'Missing required field "{field}"' },
  'wrong-type': { severity: 'error', zh: '“{field}”应为{~expected}', en: '"{field}" should be {~expected}' },
  'invalid-choice': { severity: 'error', zh: '“{field}”只能是以下之一：{allowed}', en: '"{field}" must be one of: {allowed}' },
  'empty-value': { severity: 'error', zh: '“{field}”不能为空', en: '"{field}" must not be empty' },
  'copy-number-form': { severity: 'error', zh: '份号“{value}”应为 6 位数字，并加引号，如 "000123"', en: 'Copy number "{value}" should be six digits in quotes, e.g. "000123"' },
  'phase-date-missing': { severity: 'error', zh: '阶段“{phase}”至少要写开始日期 start 或结束日期 end 之一', en: 'Phase "{phase}" needs a start date, an end date or both' },
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
  'unbalanced-pairs': { severity: 'error', zh: '{open}…{close} 不配对：缺少另一半', en: 'Unbalanced {open}…{close}: the other half is missing' },
  'date-zero-padding': { severity: 'warning', zh: '日期“{text}”不应有补零，应写作“{fixed}”', en: 'Date "{text}" should not be zero-padded; write "{fixed}"' },
  'halfwidth-punctuation': { severity: 'warning', zh: '汉字后使用了半角标点“{char}”，应为“{fixed}”', en: 'Half-width "{char}" after Chinese text; use "{fixed}"' },
  'heading-level-skip': { severity: 'warning', zh: '标题层级跳跃：从第 {from} 级直接到第 {to} 级', en: 'Heading level skipped: from level {from} to level {to}' },
  'heading-marker': { severity: 'warning', zh: '标题序号“{typed}”不对，此处应为“{expected}”（生成时自动改正）', en: 'Heading marker "{typed}" is wrong here; expected "{expected}" (corrected when building)' },
  'heading-h1': { severity: 'warning', zh: '正文不用一级标题 #：文件标题取自 title 字段，正文标题从 ## 开始（此标题按 ## 处理）', en: 'Bodies do not use # headings: the document title comes from the title field and body headings start at ## (this one is treated as ##)' },
  'heading-too-deep': { severity: 'warning', zh: '公文标题最多四级（## 到 #####），此标题按正文处理', en: 'Official documents have four heading levels (## to #####); this heading is set as body text' },
  'attachment-missing': { severity: 'error', zh: '附件文件不存在：{path}', en: 'Attachment file does not exist: {path}' },
  'attachment-path': { severity: 'error', zh: '附件文件应为相对于方案的 Markdown 文件（.md），不能是“{path}”', en: 'An attachment file must be a Markdown file (.md) named relative to the plan, not "{path}"' },
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
  'template-helper-usage': { severity: 'error', zh: '助手“{name}”用法不对：{detail}', en: 'Helper "{name}" used wrongly: {detail}' },
  'partial-not-alone': { severity: 'error', zh: '“{{> {name}}}”必须单独成段（上下各空一行）', en: '"{{> {name}}}" must be a paragraph of its own (blank lines above and below)' },
  'partial-block-in-body': { severity: 'error', zh: '“{{> {name}}}”由模板放置，不能写在正文里', en: '"{{> {name}}}" is placed by the template and cannot be used in the body' },
  'template-needs-field': { severity: 'error', zh: '模板“{template}”需要填写“{field}”', en: 'Template "{template}" needs the field "{field}"' },
  // output
  'output-locked': { severity: 'error', zh: '无法写入 {path}：文件被占用（是否正在 Word/WPS 中打开？），请关闭后重试', en: 'Cannot write {path}: the file is locked (open in Word/WPS?); close it and retry' },
  'output-failed': { severity: 'error', zh: '无法写入 {path}：{reason}', en: 'Cannot write {path}: {reason}' },
  // pdf
  'soffice-missing': { severity: 'error', zh: '未找到 LibreOffice（soffice），无法生成 PDF；DOCX 已生成。安装方法：Debian/Ubuntu 运行 apt-get install libreoffice-writer-nogui，Windows/macOS 请从 libreoffice.org 下载安装', en: 'LibreOffice (soffice) not found, so no PDF; the DOCX was written. Install it: apt-get install libreoffice-writer-nogui on Debian/Ubuntu, or the installer from libreoffice.org on Windows/macOS' },
  'pdf-failed': { severity: 'error', zh: 'PDF 转换失败：{detail}', en: 'PDF conversion failed: {detail}' },
  'pdf-timeout': { severity: 'error', zh: 'PDF 转换超时（{seconds} 秒），已终止 LibreOffice；{pdf} 未生成', en: 'PDF conversion timed out ({seconds} s); LibreOffice was stopped and {pdf} was not written' },
  'pdf-text-lost': { severity: 'error', zh: 'PDF 第 {page} 页丢失了文字：{detail}；{pdf} 未写出', en: 'Text lost on PDF page {page}: {detail}; {pdf} was not written' },
  'pdf-font-substituted': { severity: 'warning', zh: '字体“{requested}”在 PDF 中被替换为“{embedded}”', en: 'Font "{requested}" was replaced by "{embedded}" in the PDF' },
  'pdf-not-docx': { severity: 'error', zh: '无法生成 {pdf}：转换的内容不是 DOCX 文件', en: 'Cannot make {pdf}: the input is not a DOCX file' },
  'pdf-no-output': { severity: 'error', zh: 'LibreOffice 没有生成 {pdf}（退出码 {code}）{detail}', en: 'LibreOffice did not produce {pdf} (exit code {code}) {detail}' },
  'pdf-invalid': { severity: 'error', zh: 'LibreOffice 生成的 {pdf} 无效（{detail}），未写出', en: 'LibreOffice produced an invalid {pdf} ({detail}); it was not written' },
  'pdf-not-a4': { severity: 'error', zh: '{pdf} 的纸张不是 A4（{size}），未写出', en: '{pdf} is not A4 ({size}); it was not written' },
  'pdf-unchecked': { severity: 'warning', zh: '未找到 {tool}（poppler-utils），{pdf} 的文字和字体没有核对', en: '{tool} (poppler-utils) not found, so the text and fonts of {pdf} were not checked' },
  // budgets (issue 9): how much work one plan may ask for; limits in src/util/budgets.ts
  'inline-too-deep': { severity: 'error', zh: '强调（* _ ~）、链接或图片套了 {depth} 层，超过 {limit} 层的上限，正文未能读取', en: 'Emphasis (* _ ~), links or images nested {depth} deep, more than the limit of {limit}; the body was not read' },
  'inline-too-many': { severity: 'error', zh: '一段文字里的强调符号（* _ ~）和方括号超过 {limit} 个，正文未能读取', en: 'More than {limit} emphasis marks (* _ ~) and brackets in one paragraph; the body was not read' },
  'table-too-large': { severity: 'error', zh: '表格超过 {limit} 个单元格，正文未能读取；请把表格拆开或改为附件', en: 'Table with more than {limit} cells; the body was not read. Split the table or move it to an attachment' },
  'front-matter-too-large': { severity: 'error', zh: '前置数据超过 {limit} 个字符，未能读取；长名单请改为附件', en: 'The front matter exceeds {limit} characters and was not read; move long lists to an attachment' },
  'list-too-long': { severity: 'error', zh: '[[“{field}”]]列表超过 {limit} 项，未能处理', en: '[["{field}": ]]list of more than {limit} items, not processed' },
  'document-too-large': { severity: 'error', zh: '展开后的公文超过 {limit} 个字符（附件也计算在内），未能生成', en: 'The expanded document exceeds {limit} characters (attachments included); it was not made' },
  'too-many-blocks': { severity: 'error', zh: '公文的段落、标题和表格单元格合计超过 {limit} 个（附件也计算在内），未能生成', en: 'More than {limit} paragraphs, headings and table cells in the document (attachments included); it was not made' },
  'template-output-too-large': { severity: 'error', zh: '模板展开的内容超过 {limit} 个字符，已停止展开（多半是 {{#each}} 套了 {{#each}}）', en: 'The template produced more than {limit} characters and was stopped (often {{#each}} inside {{#each}})' },
  'template-loop-too-long': { severity: 'error', zh: '模板里的 {{#each}} 等循环共执行了 {limit} 次以上，已停止展开（多半是循环套循环）', en: 'Loops such as {{#each}} in the template ran more than {limit} times altogether and were stopped (often loops inside loops)' },
  'template-too-deep': { severity: 'error', zh: '模板里的块（{{#each}}、{{#if}}、{{else if}} 等）套了超过 {limit} 层，未能读取', en: 'Blocks ({{#each}}, {{#if}}, {{else if}}…) nested more than {limit} deep in the template; it was not read' },
  'template-too-long': { severity: 'error', zh: '模板里的 {{…}} 超过 {limit} 个，未能读取', en: 'More than {limit} {{…}} in the template; it was not read' },
  'partial-too-deep': { severity: 'error', zh: '片段套片段超过 {limit} 层，已停止展开（片段“{name}”）', en: 'Partials included inside partials more than {limit} deep; stopped at partial "{name}"' },
  'partial-too-many': { severity: 'error', zh: '片段共被放置了 {limit} 次以上，已停止展开（片段“{name}”）', en: 'Partials were included more than {limit} times altogether; stopped at partial "{name}"' },
  'image-too-large': { severity: 'error', zh: '图片“{path}”有 {width}×{height} 像素，超过 {limit} 像素的上限；请缩小后再插入', en: 'Image "{path}" has {width}×{height} pixels, more than the limit of {limit}; scale it down first' },
  'resource-limit': { severity: 'error', zh: '处理此方案用尽了内存（上限 {limit} MB），已停止；方案多半过大或含有异常内容', en: 'Processing this plan ran out of memory (limit {limit} MB) and was stopped; the plan is probably too large or malformed' },
  // internal
  'internal-error': { severity: 'error', zh: '内部错误：{detail}（请加 --verbose 重试并报告此问题）', en: 'Internal error: {detail} (rerun with --verbose and report it)' },
} as const satisfies Record<string, CatalogueEntry>;

/**
 * Words that fill a `{~name}` placeholder: the argument holds a term key (lang-neutral
 * data) and the catalogue supplies the wording, so no message text lives outside this file.
 */
export const terms = {
  text: { zh: '文字', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  list: { zh: '列表', en: 'a list' },
  textList: { zh: '文字列表，如 [甲, 乙]', en: 'a list of text, e.g. [A, B]' },
  mapping: { zh: '“字段: 值”的映射', en: 'a mapping of field: value' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  date: { zh: '日期，如 2025-06-03', en: 'a date such as 2025-06-03' },
  textOrList: { zh: '文字或文字列表', en: 'text or a list of text' },
  textOrAttachment: { zh: '文字或 {title, file}', en: 'text or {title, file}' },
  quotedText: { zh: '文字（数字或日期形式的文字请加引号）', en: 'text (put quotes around text that looks like a number or date)' },
  quotedDigits: { zh: '加引号的 6 位数字，如 "000123"', en: 'six digits in quotes, e.g. "000123"' },
  // hints for yaml-syntax, keyed by the yaml library's error code
  'yaml-DUPLICATE_KEY': { zh: '同一字段写了两次', en: 'a field is written twice' },
  'yaml-BAD_INDENT': { zh: '缩进不齐：同一层的字段要用空格对齐', en: 'uneven indentation: align fields of one level with spaces' },
  'yaml-TAB_AS_INDENT': { zh: '不能用 Tab 缩进，请改用空格', en: 'tabs cannot indent; use spaces' },
  'yaml-MISSING_CHAR': { zh: '缺少配对的 ] } 或引号', en: 'a closing ] } or quote is missing' },
  'yaml-quote-symbols': { zh: '以 > | * & ! % @ 等符号开头的值要加引号，如 op: ">="', en: 'quote values that start with > | * & ! % @, e.g. op: ">="' },
  'yaml-MULTILINE_IMPLICIT_KEY': { zh: '字段名要写在一行内；检查上一行是否漏了括号或引号', en: 'a key must fit on one line; check the line above for a missing bracket or quote' },
  'yaml-BAD_DQ_ESCAPE': { zh: '双引号里的反斜杠 \\ 要写成 \\\\，或改用单引号', en: 'in double quotes write \\ as \\\\, or use single quotes' },
} as const satisfies Record<string, { readonly zh: string; readonly en: string }>;

export type RuleId = keyof typeof catalogue;
export type Lang = 'zh' | 'en';

export function formatMessage(ruleId: string, args: Readonly<Record<string, string | number>>, lang: Lang): string {
  const entry = (catalogue as Record<string, CatalogueEntry>)[ruleId];
  if (!entry) return `${ruleId} ${JSON.stringify(args)}`;
  // `[[…]]` is an optional phrase, dropped when an argument it names is missing
  // (unknown-field's did-you-mean); `{~name}` looks the argument up in `terms`.
  const optional = entry[lang].replace(/\[\[(.*?)\]\]/g, (_whole, inner: string) =>
    [...inner.matchAll(/\{~?(\w+)\}/g)].every((m) => args[m[1] ?? ''] !== undefined) ? inner : '',
  );
  return optional.replace(/\{(~?)(\w+)\}/g, (whole, term: string, name: string) => {
    const v = args[name];
    if (v !== undefined && term) return (terms as Record<string, { zh: string; en: string }>)[String(v)]?.[lang] ?? String(v);
    return v === undefined ? (name === 'suggestion' ? '' : whole) : String(v);
  });
}

export function defaultSeverity(ruleId: RuleId): Severity {
  return catalogue[ruleId].severity;
}

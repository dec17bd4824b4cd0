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
  'file-unreadable': { severity: 'error', zh: '无法读取文件：{path}（{~reason}）', en: 'Cannot read file: {path} ({~reason})' },
  'file-too-large': { severity: 'error', zh: '文件过大（{size}），上限为 {limit}', en: 'File too large ({size}); the limit is {limit}' },
  'file-binary': { severity: 'error', zh: '这不是文本文件（第 {offset} 字节为空字符）', en: 'Not a text file (NUL byte at byte {offset})' },
  'encoding-utf16': { severity: 'error', zh: '文件是 UTF-16 编码，请另存为 UTF-8', en: 'The file is UTF-16; save it as UTF-8' },
  'encoding-unknown': { severity: 'error', zh: '无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030），请另存为 UTF-8', en: 'Unknown encoding (neither UTF-8 nor GBK/GB18030); save the file as UTF-8' },
  'encoding-gbk': { severity: 'warning', zh: '文件是 GBK/GB18030 编码，已按此读取；建议另存为 UTF-8', en: 'The file is GBK/GB18030 and was read as such; saving it as UTF-8 is recommended' },
  // parse
  'front-matter-missing': { severity: 'error', zh: '文件开头缺少 YAML 前置数据（以 --- 开始和结束）', en: 'Missing YAML front matter at the start of the file (between --- lines)' },
  'yaml-syntax': { severity: 'error', zh: 'YAML 格式错误：{~hint}', en: 'YAML syntax error: {~hint}' },
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
  // proofreading and front matter as clerks type it (issue 10, part E)
  'fullwidth-colon': { severity: 'error', zh: '“{key}”后面是全角冒号“：”，YAML 不认：改成半角冒号加空格，写作“{fixed}: ”', en: 'Full-width colon "：" after "{key}", which YAML does not read as a separator: write "{fixed}: " (half-width colon and a space)' },
  'colon-without-space': { severity: 'error', zh: '“{key}:”后面缺少空格，YAML 会把这一行读成一段文字：冒号后加一个空格，写作“{key}: ”', en: 'No space after "{key}:", so YAML reads the line as text: put a space after the colon, "{key}: "' },
  'fullwidth-space-indent': { severity: 'error', zh: '行首用了全角空格“　”缩进，YAML 只认半角空格：改成两个半角空格', en: 'Indented with a full-width space "　"; YAML only accepts half-width spaces: use two spaces instead' },
  'fullwidth-comma-in-list': { severity: 'error', zh: '列表里用了全角逗号“，”，“{item}”会被当成一项；各项之间用半角逗号加空格，写作 [{fixed}]（确是一项时请给它加引号）', en: 'Full-width comma "，" in a list makes "{item}" one item; separate items with a half-width comma and a space: [{fixed}] (put quotes around it if it really is one item)' },
  'fullwidth-bracket-list': { severity: 'error', zh: '“{bracket}”不是列表的括号，这个值会被当成一段文字；列表用半角方括号，写作 [{fixed}]', en: '"{bracket}" does not make a list, so the value is read as text; lists take half-width brackets: [{fixed}]' },
  'date-numeric-form': { severity: 'warning', zh: '日期“{text}”在公文中应写作“{fixed}”', en: 'Date "{text}" should be written "{fixed}" in an official document' },
  'doc-number-text-brackets': { severity: 'warning', zh: '发文字号“{text}”的年份应使用六角括号〔〕，应写作“{fixed}”', en: 'The year in the document number "{text}" takes 〔〕: write "{fixed}"' },
  // templates
  'template-missing': { severity: 'error', zh: '找不到模板“{name}”[[（是否要写“{suggestion}”？）]]', en: 'Template "{name}" not found[[ (did you mean "{suggestion}"?)]]' },
  'template-config': { severity: 'error', zh: '模板配置错误：{~detail}', en: 'Template configuration error: {~detail}' },
  'partial-missing': { severity: 'error', zh: '找不到片段“{name}”[[（是否要写“{suggestion}”？）]]', en: 'Partial "{name}" not found[[ (did you mean "{suggestion}"?)]]' },
  'template-syntax': { severity: 'error', zh: '模板语法错误：{~detail}', en: 'Template syntax error: {~detail}' },
  'template-unknown-field': { severity: 'error', zh: '模板引用了不存在的字段“{field}”[[（是否要写“{suggestion}”？）]]', en: 'The template refers to a field "{field}" that does not exist[[ (did you mean "{suggestion}"?)]]' },
  'template-helper': { severity: 'error', zh: '模板使用了不允许的助手“{name}”[[（是否要写“{suggestion}”？）]]', en: 'The template uses a helper "{name}" that is not allowed[[ (did you mean "{suggestion}"?)]]' },
  'template-forbidden': { severity: 'error', zh: '模板不允许访问“{name}”', en: 'Templates may not access "{name}"' },
  'section-twice': { severity: 'warning', zh: '“{{> {name}}}”放置了两次，只保留第一处', en: '"{{> {name}}}" is placed twice; only the first is kept' },
  'template-helper-usage': { severity: 'error', zh: '助手“{name}”用法不对：{~detail}', en: 'Helper "{name}" used wrongly: {~detail}' },
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
  // proofreading and front matter as clerks type it (issue 10, part E): yaml-syntax hints,
  // wrong-type wording, and the details of template problems, which used to be written in code
  textOrTarget: { zh: '文字或指标 {name, op, value, unit, by}', en: 'text or a target {name, op, value, unit, by}' },
  numberWithUnit: { zh: '数字 {number}，单位“{unit}”写在 unit 字段', en: 'the number {number}, with the unit "{unit}" in the unit field' },
  integer: { zh: '整数', en: 'a whole number' },
  // file-unreadable reasons
  'reason-folder': { zh: '这是一个文件夹', en: 'it is a folder' },
  'reason-not-file': { zh: '这不是普通文件', en: 'it is not a regular file' },
  // template.yaml problems (template-config)
  'tpl-yaml': { zh: 'template.yaml 不符合 YAML 写法：检查缩进、冒号后的空格、引号和括号是否成对', en: 'template.yaml is not valid YAML: check indentation, the space after each colon, and paired quotes and brackets' },
  'tpl-unknown-field-suggest': { zh: '未知字段“{field}”（是否要写“{best}”？）', en: 'unknown field "{field}" (did you mean "{best}"?)' },
  'tpl-unknown-field-list': { zh: '未知字段“{field}”，可用字段：{known}', en: 'unknown field "{field}"; the fields are: {known}' },
  'tpl-choice': { zh: '“{field}”只能是 {allowed}', en: '"{field}" must be one of {allowed}' },
  'tpl-type': { zh: '“{field}”应为{~type}', en: '"{field}" should be {~type}' },
  'tpl-range': { zh: '“{field}”应在 {min}～{max} 之间（GB/T 9704 §5.2.1 的页边距上下浮动 1 mm）', en: '"{field}" must lie between {min} and {max} (GB/T 9704 §5.2.1 allows the margins 1 mm either way)' },
  'tpl-empty': { zh: '“{field}”不能为空', en: '"{field}" must not be empty' },
  'tpl-name-pattern': { zh: '“{field}”应为内置模板名称（小写字母、数字和连字符）', en: '"{field}" should be a built-in template name (lower-case letters, digits and hyphens)' },
  'tpl-other': { zh: '“{field}”的值不符合要求', en: '"{field}" has a value that is not allowed' },
  'tpl-no-skeleton': { zh: '缺少 template.hbs（或用 extends 继承一个内置模板）', en: 'template.hbs is missing (or extend a built-in template with extends)' },
  'tpl-partial-name': { zh: '片段文件名“{name}”不可用（保留名称或含有特殊字符）', en: 'the partial file name "{name}" cannot be used (a reserved name or special characters)' },
  // Handlebars problems (template-syntax)
  'hbs-eof': { zh: '模板意外结束（有未闭合的 {{#…}} 块？）', en: 'the template ends too early (an unclosed {{#…}} block?)' },
  'hbs-unexpected': { zh: '此处不应出现 {token}', en: '{token} is not expected here' },
  'hbs-too-deep': { zh: '片段嵌套过深（是否引用了自己？）', en: 'partials nested too deep (does one include itself?)' },
  'hbs-other': { zh: '这一处不符合 Handlebars 写法：检查 {{ 与 }} 是否成对', en: 'this is not valid Handlebars: check that {{ and }} are paired' },
  // helper misuse (template-helper-usage)
  'helper-cnDate': { zh: 'cnDate 需要一个日期（如 date 或 "2025-06-03"）', en: 'cnDate needs a date (such as date or "2025-06-03")' },
  'helper-cnNumber': { zh: 'cnNumber 需要一个非负整数', en: 'cnNumber needs a whole number, zero or more' },
  'helper-cnIndex': { zh: 'cnIndex 需要 @index', en: 'cnIndex needs @index' },
  'helper-dateRange': { zh: 'dateRange 需要开始或结束日期', en: 'dateRange needs a start or an end date' },
  'helper-joinNames': { zh: 'joinNames 需要一个名单（列表）', en: 'joinNames needs a list of names' },
  'helper-headingMarker': { zh: 'headingMarker 需要层级（1–4）和序号（从 1 起）', en: 'headingMarker needs a level (1–4) and a number (from 1)' },
  'helper-bookTitle': { zh: 'bookTitle 需要一个标题', en: 'bookTitle needs a title' },
  'yaml-indent-deeper': { zh: '这一行比上一行的字段缩进得多：同一层的字段要用空格对齐（上一行的值若写到了这一行，请写在同一行）', en: 'this line is indented deeper than the field above: align fields of one level with spaces (if it continues the value above, keep that value on one line)' },
  'yaml-BLOCK_AS_IMPLICIT_KEY': { zh: '值里有“冒号加空格”：两个字段要分行写（或写成 { 甲: 1, 乙: 2 }），值本身含冒号时给整个值加引号', en: 'a value contains a colon and a space: put two fields on separate lines (or write { a: 1, b: 2 }), and quote a value that itself contains a colon' },
  'yaml-BLOCK_IN_FLOW': { zh: '[ ] 或 { } 里的内容要写在一行内，或改为每行一个“- ”', en: 'what is inside [ ] or { } must stay on one line, or use one "- " item per line' },
  'yaml-MULTIPLE_DOCS': { zh: '前置数据里多了一行 --- 或 ...', en: 'the front matter has an extra --- or ... line' },
  'yaml-extra-bracket': { zh: '多了一个 ] 或 }：删去多出的括号', en: 'an extra ] or }: delete it' },
  'yaml-dash-on-key-line': { zh: '列表项“- ”要另起一行并比字段名多缩进两格，或写成 [甲, 乙]', en: 'a "- " list item goes on its own line, indented two spaces more than its field, or write [a, b]' },
  'yaml-alias': { zh: '以 * 或 & 开头的值要加引号', en: 'quote values that start with * or &' },
  'yaml-other': { zh: '这一处不符合 YAML 写法：检查冒号后的空格、引号和括号是否成对、缩进是否对齐', en: 'this is not valid YAML: check the space after each colon, that quotes and brackets are paired, and that indentation is aligned' },
} as const satisfies Record<string, { readonly zh: string; readonly en: string }>;

export type RuleId = keyof typeof catalogue;
export type Lang = 'zh' | 'en';

export function formatMessage(ruleId: string, args: Readonly<Record<string, string | number>>, lang: Lang): string {
  const entry = (catalogue as Record<string, CatalogueEntry>)[ruleId];
  if (!entry) return `${ruleId} ${JSON.stringify(args)}`;
  // `[[…]]` is an optional phrase, dropped when an argument it names is missing
  // (unknown-field's did-you-mean); `{~name}` looks the argument up in `terms`.
  const optional = entry[lang].replace(/\[\[(.*?)\]\]/g, (_whole, inner: string) =>
    [...inner.matchAll(/\{~?(\w+)\}/g)].every((m) => args[m[1] ?? ''] !== undefined && args[m[1] ?? ''] !== '') ? inner : '',
  );
  // Terms go in first, so their own `{name}` placeholders (numberWithUnit's {number}) are
  // filled with the rest; a value that is not a term is left for the second pass as it is.
  // A term may name another (tpl-type's {~type}); two levels are all the catalogue uses.
  let withTerms = optional;
  for (let depth = 0; depth < 3 && withTerms.includes('{~'); depth++) {
    withTerms = withTerms.replace(/\{~(\w+)\}/g, (_whole, name: string) => {
      const v = args[name];
      return (v !== undefined && (terms as Record<string, { zh: string; en: string }>)[String(v)]?.[lang]) || `{${name}}`;
    });
  }
  return withTerms.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = args[name];
    return v === undefined ? (name === 'suggestion' ? '' : whole) : String(v);
  });
}

export function defaultSeverity(ruleId: RuleId): Severity {
  return catalogue[ruleId].severity;
}

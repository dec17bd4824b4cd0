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
  // paste structure: text pasted from Word or a web page (src/parse/paste/)
  'code-fence': { severity: 'error', zh: '公文里不能有代码块（用 ``` 或 ~~~ 围起的文字），这段文字会原样印出；请删去围栏行，把内容写成正文', en: 'An official document has no code blocks (text fenced by ``` or ~~~); this text would print verbatim. Delete the fence lines and write it as body text' },
  'pasted-table': { severity: 'warning', zh: '这 {rows} 行像是从 Word 或 Excel 粘贴的表格（每行 {cells} 格，用 Tab 或连续空格隔开），生成时按表格排印；建议改写成 Markdown 表格（加 --verbose 可看到改写好的表格）', en: 'These {rows} lines look like a table pasted from Word or Excel ({cells} cells a line, separated by tabs or runs of spaces) and are printed as a table; consider writing it as a Markdown table (--verbose shows it converted)' },
  'heading-unmarked': { severity: 'warning', zh: '以“{marker}”开头的这一段很短，像是没加 # 的标题，已按第 {level} 级标题排印；确是标题请在行首加“{hashes} ”', en: 'This paragraph starts with "{marker}" and is short, like a heading typed without #, and is printed as a level-{level} heading; if it is one, start the line with "{hashes} "' },
  'line-joined': { severity: 'warning', zh: '“{text}”较短、末尾没有标点，像是单独的一段，却和下一行连成了一段；要分段请在两行之间空一行，或在行末加标点', en: '"{text}" is short and ends without punctuation, like a paragraph of its own, but runs on into the next line; leave a blank line between the two lines to start a new paragraph, or end it with punctuation' },
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
  'soffice-missing': { severity: 'error', zh: '未找到 LibreOffice（soffice），无法生成 PDF[[；DOCX 已生成（{docx}）]]。安装方法：Debian/Ubuntu 运行 apt-get install libreoffice-writer-nogui，Windows/macOS 请从 libreoffice.org 下载安装', en: 'LibreOffice (soffice) not found, so no PDF[[; the DOCX was written ({docx})]]. Install it: apt-get install libreoffice-writer-nogui on Debian/Ubuntu, or the installer from libreoffice.org on Windows/macOS' },
  'pdf-failed': { severity: 'error', zh: 'PDF 转换失败：{detail}', en: 'PDF conversion failed: {detail}' },
  'pdf-timeout': { severity: 'error', zh: 'PDF 转换超时（{seconds} 秒），已终止 LibreOffice；{pdf} 未生成', en: 'PDF conversion timed out ({seconds} s); LibreOffice was stopped and {pdf} was not written' },
  'pdf-text-lost': { severity: 'error', zh: 'PDF 第 {page} 页丢失了文字：{detail}；{pdf} 未写出', en: 'Text lost on PDF page {page}: {detail}; {pdf} was not written' },
  'pdf-font-substituted': { severity: 'warning', zh: '字体“{requested}”在 PDF 中被替换为“{embedded}”', en: 'Font "{requested}" was replaced by "{embedded}" in the PDF' },
  'pdf-not-docx': { severity: 'error', zh: '无法生成 {pdf}：转换的内容不是 DOCX 文件', en: 'Cannot make {pdf}: the input is not a DOCX file' },
  'pdf-crashed': { severity: 'error', zh: 'LibreOffice 转换 {pdf} 时意外退出（崩溃或被终止），重试一次仍未成功，PDF 未生成 {detail}', en: 'LibreOffice stopped unexpectedly (crashed or was killed) while converting {pdf}, also on the one retry; no PDF was made {detail}' },
  'pdf-no-output': { severity: 'error', zh: 'LibreOffice 没有生成 {pdf}（退出码 {code}）{detail}', en: 'LibreOffice did not produce {pdf} (exit code {code}) {detail}' },
  'pdf-invalid': { severity: 'error', zh: 'LibreOffice 生成的 {pdf} 无效（{detail}），未写出', en: 'LibreOffice produced an invalid {pdf} ({detail}); it was not written' },
  'pdf-not-a4': { severity: 'error', zh: '{pdf} 的纸张不是 A4（{size}），未写出', en: '{pdf} is not A4 ({size}); it was not written' },
  'pdf-unchecked': { severity: 'warning', zh: '未找到 {tool}（poppler-utils），{pdf} 的文字和字体没有核对', en: '{tool} (poppler-utils) not found, so the text and fonts of {pdf} were not checked' },
  // containment (issue 9A): what a plan or template names stays inside the project
  'path-outside-project': { severity: 'error', zh: '“{path}”在本项目文件夹之外，不能引用（CI 会把它的内容印进公文并发布出去）；确需引用请加 --allow-read 指定该文件夹', en: '"{path}" lies outside the project folder and cannot be used (CI would publish its contents in the document); to allow it, name its folder with --allow-read' },
  'symlink-outside': { severity: 'error', zh: '“{path}”是指向本项目文件夹之外的链接（symlink），不能引用', en: '"{path}" is a link (symlink) to somewhere outside the project folder and cannot be used' },
  'path-git-internal': { severity: 'error', zh: '“{path}”指向 .git 文件夹（版本库的内部数据，可能含有访问令牌），不能引用', en: '"{path}" leads into the .git folder (the repository\'s own data, which may hold access tokens) and cannot be used' },
  'path-is-folder': { severity: 'error', zh: '“{path}”是文件夹，这里需要一个文件', en: '"{path}" is a folder; a file is needed here' },
  'not-a-regular-file': { severity: 'error', zh: '“{path}”不是普通文件（是设备、管道等特殊文件），不能读取', en: '"{path}" is not an ordinary file (a device, pipe or other special file) and is not read' },
  'attachment-too-large': { severity: 'error', zh: '附件文件“{path}”过大（{size}），上限为 {limit}', en: 'Attachment file "{path}" is too large ({size}); the limit is {limit}' },
  'image-too-large': { severity: 'error', zh: '图片“{path}”过大（{size}），上限为 {limit}', en: 'Image "{path}" is too large ({size}); the limit is {limit}' },
  'template-file-too-large': { severity: 'error', zh: '模板文件“{path}”过大（{size}），上限为 {limit}', en: 'Template file "{path}" is too large ({size}); the limit is {limit}' },
  'image-remote': { severity: 'error', zh: '图片“{path}”是网络地址；不下载网络图片，请把图片文件放进项目文件夹再引用', en: 'Image "{path}" is a web address; images are not downloaded: put the file in the project folder and refer to it' },
  'image-data-url': { severity: 'error', zh: '图片写成了 data: 内嵌数据，不支持；请把图片另存为 PNG 或 JPEG 文件再引用', en: 'The image is written as inline data: (a data: URL), which is not supported; save it as a PNG or JPEG file and refer to that' },
  'output-outside-project': { severity: 'error', zh: '输出位置 {path} 经链接（symlink）通到了本项目文件夹之外，未写出；确要写到那里，请在命令行用 -o 或 --out-dir 直接给出那个位置', en: 'The output {path} leads through a link (symlink) outside the project folder and was not written; to write there, give that place itself with -o or --out-dir' },
  // output safety (issue 9 C): characters a document cannot hold, command-line mistakes about outputs
  'character-unwritable': { severity: 'error', zh: '这里有一个不能写进公文的字符 {code}（{~kind}），含有它的 DOCX 在 Word 和 LibreOffice 里都打不开；请删除', en: 'A character that cannot go into a document is here, {code} ({~kind}); Word and LibreOffice cannot open a DOCX holding it. Delete it' },
  'character-invisible': { severity: 'warning', zh: '这里有一个看不见的字符 {code}（{~kind}）：看起来相同的文字因它而不同，重复单位、占位符等检查会漏掉，方向控制符还会把文字倒着印出；请删除', en: 'An invisible character is here, {code} ({~kind}): text that looks the same differs because of it, so checks such as duplicate units and placeholders miss it, and a direction control can print text backwards. Delete it' },
  'usage-pdf-and-docx': { severity: 'error', zh: '--pdf 与 --to {to} 互相矛盾：要 PDF 请用 --pdf 或 --to pdf（或 --to both），不要 PDF 请去掉 --pdf', en: '--pdf contradicts --to {to}: for a PDF use --pdf or --to pdf (or --to both); for no PDF, drop --pdf' },
  'usage-manifest-stdout': { severity: 'error', zh: '-o - 把文件打印到标准输出，没有写出的文件可以记进清单 {path}：去掉 --manifest，或用 -o/--out-dir 写成文件', en: '-o - prints the document to standard output, so no file is written for the manifest {path} to list: drop --manifest, or write files with -o/--out-dir' },
  'usage-output-kind': { severity: 'error', zh: '-o {path} 的扩展名是 {ext}，与 --to {to} 不符', en: '-o {path} ends in {ext}, which contradicts --to {to}' },
  'usage-source-date-epoch': { severity: 'error', zh: '环境变量 SOURCE_DATE_EPOCH 的值“{value}”不能用作文件时间：应为 1980 年到 9999 年之间的时刻，写成从 1970-01-01 起的秒数（整数），如 1748908800', en: 'SOURCE_DATE_EPOCH "{value}" cannot stamp the files: it must be a whole number of seconds since 1970-01-01 for a moment between 1980 and 9999, e.g. 1748908800' },
  'partial-file-name': { severity: 'error', zh: '片段文件名“{name}”不可用：不能用保留名称（title、body、attachments 等），只能由文字、数字、- 和 _ 组成，以文字开头', en: 'Partial file name "{name}" cannot be used: reserved names (title, body, attachments …) are taken, and a name is letters, digits, - and _, starting with a letter' },
  'outputs-partial': { severity: 'warning', zh: '已写出：{~written}；未写出：{missing}', en: 'Written: {~written}; not written: {missing}' },
  // inputs and outputs in CI (issue 12): standard input/output and --out-dir
  'output-clash': { severity: 'error', zh: '本方案和 {other} 都会生成 {path}，一个会覆盖另一个，所以什么都没有生成；请给其中一个改名，或分别输出', en: 'This plan and {other} would both write {path}, one over the other, so nothing was written; rename one of them or build them separately' },
  'stdin-needs-output': { severity: 'error', zh: '从标准输入（-）读取的方案没有文件名，请用 -o 指定输出文件（-o - 表示写到标准输出）', en: 'A plan read from standard input (-) has no file name; give the output file with -o (-o - writes to standard output)' },
  'stdout-docx-only': { severity: 'error', zh: '-o - 只能把 DOCX 写到标准输出；要生成 PDF，请用 -o 指定 PDF 文件', en: '-o - writes only the DOCX to standard output; to make a PDF, give a PDF file with -o' },
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
  'image-too-many-pixels': { severity: 'error', zh: '图片“{path}”有 {width}×{height} 像素，超过 {limit} 像素的上限；请缩小后再插入', en: 'Image "{path}" has {width}×{height} pixels, more than the limit of {limit}; scale it down first' },
  'resource-limit': { severity: 'error', zh: '处理此方案用尽了内存（上限 {limit} MB），已停止；方案多半过大或含有异常内容', en: 'Processing this plan ran out of memory (limit {limit} MB) and was stopped; the plan is probably too large or malformed' },
  // batch builds: cache, shards, progress (issue 12, branch batch)
  'usage-shard': { severity: 'error', zh: '--shard 应写作“第几份/共几份”，如 2/4（1 ≤ 第几份 ≤ 共几份），不能是“{value}”', en: '--shard takes I/N, e.g. 2/4 (1 ≤ I ≤ N), not "{value}"' },
  'shard-empty': { severity: 'info', zh: '第 {index}/{count} 份没有分到方案（共 {total} 个方案），这一份什么都不生成', en: 'Shard {index}/{count} has no plans (there are {total}); nothing to build in this shard' },
  'cache-entry-ignored': { severity: 'info', zh: '构建缓存里的 {path} 不是 plangen 的记录或已损坏，已忽略，方案照常重新生成', en: 'Build cache file {path} is not a plangen record or is damaged; it was ignored and the plan rebuilt' },
  'progress-unchanged': { severity: 'info', zh: '未改动，沿用上次生成的文件', en: 'unchanged, last build kept' },
  'progress-pdf': { severity: 'info', zh: '正在用 LibreOffice 生成 {count} 个 PDF……', en: 'Converting {count} PDF(s) with LibreOffice…' },
  'build-summary': { severity: 'info', zh: '生成 {built} 个，未改动 {unchanged} 个，失败 {failed} 个，警告 {warnings} 个，用时 {seconds} 秒', en: '{built} built, {unchanged} unchanged, {failed} failed, {warnings} warnings, {seconds} s' },
  'build-failed-plans': { severity: 'info', zh: '未能生成的方案：{plans}', en: 'Plans not built: {plans}' },
  'watch-waiting': { severity: 'info', zh: '正在监视改动，保存文件即重新生成（按 Ctrl-C 结束）……', en: 'Watching for changes; saving a file rebuilds (Ctrl-C to stop)…' },
  'usage-jobs': { severity: 'error', zh: '--jobs 应是 1 或更大的整数，不能是“{value}”', en: '--jobs takes a whole number from 1, not "{value}"' },
  'watch-rebuild': { severity: 'info', zh: '{path} 有改动，重新生成', en: '{path} changed; rebuilding' },
  // clean-ups after review: front matter nested past yaml's stack
  'front-matter-too-deep': { severity: 'error', zh: '前置数据里的缩进、列表或括号 [ { 套了超过 {limit} 层，前置数据和正文都未能读取', en: 'Indentation, lists or brackets [ { in the front matter are nested more than {limit} deep; neither the front matter nor the body was read' },
  'yaml-too-deep': { severity: 'error', zh: '这个 YAML 文件里的缩进、列表或括号 [ { 套了超过 {limit} 层，未能读取', en: 'Indentation, lists or brackets [ { in this YAML file are nested more than {limit} deep; it was not read' },
  // combining shard manifests: plangen manifest merge (issue 12, branch ciaction); every one stops the run (exit 2)
  'manifest-part-missing': { severity: 'error', zh: '找不到清单文件“{path}”：文件不存在，或通配符没有匹配到任何文件；请检查路径，或确认各分片的产物（artifact）已经下载', en: 'Manifest file "{path}" not found: it does not exist, or the pattern matched no file; check the path, or that every shard\'s artifact was downloaded' },
  'manifest-part-unreadable': { severity: 'error', zh: '无法读取清单文件“{path}”：{~reason}', en: 'Cannot read manifest file "{path}": {~reason}' },
  'manifest-part-garbled': { severity: 'error', zh: '清单文件在这里不是有效的 JSON（多半是下载不完整或被改动过）；请重新生成这一份', en: 'The manifest file is not valid JSON here (probably cut short in a download, or edited); build this part again' },
  'manifest-part-shape': { severity: 'error', zh: '清单[[中的“{field}”]]{~problem}；这不是 plangen 生成的清单，或已被改动，请重新生成这一份', en: 'The manifest[[\'s "{field}"]] {~problem}; this is not a manifest plangen wrote, or it was edited: build this part again' },
  'manifest-version-mismatch': { severity: 'error', zh: '这份清单由 plangen {found} 生成，而 {first} 由 plangen {expected} 生成；各分片须用同一版本的 plangen，请用同一版本重新生成', en: 'This manifest was written by plangen {found}, but {first} by plangen {expected}; all shards must use one plangen version: build them again with the same one' },
  'manifest-duplicate-path': { severity: 'error', zh: '{path} 也列在 {first} 中[[（写作 {other}，只有大小写不同，Windows 上是同一个文件）]]：两份清单列了同一个输出文件，多半是各分片的 --shard 写法不一致，或同一份清单合并了两次', en: '{path} is also listed in {first}[[ (as {other}, which differs only in case and is the same file on Windows)]]: two manifests list one output, most likely because the shards were given different --shard counts, or one part was merged twice' },
  'manifest-not-merged': { severity: 'error', zh: '因为上面的问题，没有写出 {path}', en: '{path} was not written because of the problems above' },
  'manifest-merged': { severity: 'info', zh: '已合并 {parts} 份清单，共 {outputs} 个文件，写入 {path}', en: '{path} written: {parts} manifest(s) merged, {outputs} file(s) listed' },
  // internal
  'internal-error': { severity: 'error', zh: '内部错误：{detail}（请加 --verbose 重试并报告此问题）', en: 'Internal error: {detail} (rerun with --verbose and report it)' },
  // wording, warnings and rule switches (issue 10 part F)
  'force-deprecated': { severity: 'warning', zh: '--force 已不再需要：只有错误才会停止生成，有警告时照样生成文件；此选项以后会删除', en: '--force is no longer needed: only errors stop a build, and documents with warnings are built anyway; the option will be removed' },
  'too-many-warnings': { severity: 'error', zh: '共有 {count} 个警告，超过了允许的 {max} 个（--max-warnings / --strict），退出码为 1', en: '{count} warnings, more than the {max} allowed (--max-warnings / --strict); exit code 1' },
  'max-warnings-number': { severity: 'error', zh: '--max-warnings 后面应为不小于 0 的整数，不能是“{value}”', en: '--max-warnings takes a whole number of 0 or more, not "{value}"' },
  'unknown-rule': { severity: 'error', zh: '没有名为“{rule}”的规则[[，是否应为“{suggestion}”？]]', en: 'There is no rule named "{rule}"[[; did you mean "{suggestion}"?]]' },
  'rule-not-switchable': { severity: 'error', zh: '规则“{rule}”不能关闭或改变级别：文件读不了、写法错误或数据无法使用时，必须改正', en: 'Rule "{rule}" cannot be switched off or changed: an unreadable file, broken syntax or unusable data must be fixed' },
  'section-in-body': { severity: 'info', zh: '“{{> {name}}}”放在正文写明的位置', en: '"{{> {name}}}" is placed where the body puts it' },
  'section-under-heading': { severity: 'info', zh: '“{{> {name}}}”放在标题“{heading}”之下（与“{kind}”同类的标题）', en: '"{{> {name}}}" is placed under the heading "{heading}" (a heading of the "{kind}" kind)' },
  'section-new-heading': { severity: 'info', zh: '正文没有“{kind}”一类的标题：“{{> {name}}}”作为新的一节“{kind}”放在标题“{heading}”之前', en: 'The body has no heading of the "{kind}" kind: "{{> {name}}}" becomes a new section "{kind}" before the heading "{heading}"' },
  'section-new-heading-end': { severity: 'info', zh: '正文没有“{kind}”一类的标题：“{{> {name}}}”作为新的一节“{kind}”放在正文末尾', en: 'The body has no heading of the "{kind}" kind: "{{> {name}}}" becomes a new section "{kind}" at the end of the body' },
  'section-by-template': { severity: 'info', zh: '“{{> {name}}}”由模板“{template}”放置', en: '"{{> {name}}}" is placed by the template "{template}"' },
  // reporters for CI (issue 12)
  'usage-output-file-input': { severity: 'error', zh: '--output-file {path} 是这次要检查的文件，报告会把它覆盖掉；请给报告另起一个文件名，如 plangen-report.txt', en: '--output-file {path} is one of the files being checked, and the report would overwrite it; give the report a name of its own, such as plangen-report.txt' },
  // import (issue 11): `plangen import`, an existing document becomes a plan source
  'import-kind': { severity: 'error', zh: '不能导入“{path}”：只能导入 Word 文件（.docx）、文本文件（.txt、.md），或用 - 表示标准输入', en: 'Cannot import "{path}": only Word files (.docx), text files (.txt, .md), or - for standard input can be imported' },
  'import-docx-unreadable': { severity: 'error', zh: '“{path}”读不出来：它不是 .docx 格式的 Word 文件，或者文件已损坏（旧的 .doc 文件请先在 Word 或 WPS 里另存为 .docx）', en: '"{path}" cannot be read: it is not a Word file in .docx format, or it is damaged (save an old .doc file as .docx in Word or WPS first)' },
  'import-output-exists': { severity: 'error', zh: '“{path}”已经存在，没有覆盖；要覆盖请加 --force，或用 -o 另给一个文件名', en: '"{path}" already exists and was not overwritten; add --force to overwrite it, or name another file with -o' },
  'import-field': { severity: 'info', zh: '取出 {field}：{value}', en: 'Took {field}: {value}' },
  'import-kept-text': { severity: 'info', zh: '其余 {count} 处（标题、段落、表格）照原样留作正文，请通读一遍', en: 'The other {count} blocks (headings, paragraphs, tables) are kept as body text; read them through' },
  'import-placeholder': { severity: 'warning', zh: '原文这里有待填的空“{text}”，已照原样保留，没有替你猜；请填上实际内容', en: 'The source has a blank to fill in here, "{text}"; it is kept as it is, not guessed: fill in the real value' },
  'import-no-year': { severity: 'warning', zh: '“{text}”的日期没有年份，文中也没有成文日期可以参照，所以没有当作实施步骤，留作正文；在前置数据里写上 date 后再导入，或者手工填写 phases', en: 'The dates of "{text}" have no year and the document has no date to take it from, so it was not read as a phase and stays in the body; add the document date and import again, or fill in phases by hand' },
  'import-images': { severity: 'warning', zh: '原文有 {count} 张图片，没有导入：请把图片另存为 PNG 或 JPEG 文件，在正文里用 ![说明](文件名) 引用', en: 'The source has {count} picture(s), which were not imported: save them as PNG or JPEG files and refer to them in the body with ![caption](file name)' },
  'import-attachments-not-written': { severity: 'warning', zh: '方案写到了标准输出，{count} 个附件页的正文没有写出；要保留附件正文，请用 -o 写到文件', en: 'The plan went to standard output, so the text of {count} attachment page(s) was not written; to keep it, write to a file with -o' },
  'import-written': { severity: 'info', zh: '已写出 {path}', en: 'Wrote {path}' },
  // plangen diff: tracked-changes documents between two versions of a plan (issue 14)
  'diff-usage': { severity: 'error', zh: 'plangen diff 需要两个方案文件（旧版 新版），或者 --git 版本 加一个方案文件', en: 'plangen diff takes two plan files (old new), or --git REV and one plan file' },
  'diff-git-missing': { severity: 'error', zh: '找不到 git 程序：--git 需要安装 git', en: 'git was not found: --git needs git installed' },
  'diff-not-in-git': { severity: 'error', zh: '“{path}”不在 git 仓库里，无法取出它的旧版本', en: '"{path}" is not in a git repository, so its earlier version cannot be read' },
  'diff-git-failed': { severity: 'error', zh: '无法从 git 取出“{path}”在“{rev}”时的版本：版本号或路径不对（git 说：{detail}）', en: 'Cannot read "{path}" as it was at "{rev}": the revision or the path is wrong (git says: {detail})' },
  'diff-date': { severity: 'error', zh: '--date 应为日期，如 2025-06-03，不能是“{value}”', en: '--date takes a date such as 2025-06-03, not "{value}"' },
  // configuration: plangen.config.yaml and -M (issue 12, config); problems here stop the run (exit 2)
  'config-not-mapping': { severity: 'error', zh: '配置文件的内容必须是“键: 值”的映射，如 outDir: 公文', en: 'A config file must be a mapping of key: value, e.g. outDir: out' },
  'config-folder-missing': { severity: 'error', zh: '配置项“{field}”所写的文件夹“{path}”不存在（路径相对于配置文件所在的文件夹）', en: 'The folder "{path}" named by "{field}" does not exist (paths are relative to the config file\'s folder)' },
  'config-stopped': { severity: 'error', zh: '配置文件或 -M 参数有错误，请先改正；本次没有检查或生成任何方案', en: 'Fix the config file or -M values first; no plan was checked or built' },
  'config-applied': { severity: 'info', zh: '使用的配置文件（远的在前，近的优先）：{files}', en: 'Config files used (farthest first, nearer ones win): {files}' },
  'usage-metadata-form': { severity: 'error', zh: '-M 后面应写“字段=值”，如 -M issuer=某街道办事处，不能是“{value}”', en: '-M takes field=value, e.g. -M issuer=Some Office, not "{value}"' },
  // writers (issue 14): the output stage as a table of writers, src/render/writers.ts
  'usage-output-unknown': { severity: 'error', zh: '--to 不认识“{value}”；可以写：{choices}', en: '--to does not know "{value}"; choose from: {choices}' },
  // leftovers (issue 13, review of build): manifest.json written over a plan or a document
  'manifest-clash': { severity: 'error', zh: '清单文件 {path} 就是{~what}，写清单会把它覆盖掉，所以什么都没有生成；请用 --manifest 给清单另起一个文件名，如 out/manifest.json', en: 'The manifest {path} is {~what}, and writing the manifest would overwrite it, so nothing was written; give the manifest a name of its own with --manifest, such as out/manifest.json' },
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
  // kinds of characters, for character-unwritable and character-invisible
  'char-control': { zh: '控制字符', en: 'a control character' },
  'char-noncharacter': { zh: 'Unicode 非字符', en: 'a Unicode noncharacter' },
  'char-surrogate': { zh: '落单的代理项，多半是复制时截断了一个表情或生僻字', en: 'a lone surrogate, usually half of an emoji or rare character cut off when copying' },
  'char-zeroWidth': { zh: '零宽字符', en: 'a zero-width character' },
  'char-bidi': { zh: '文字方向控制符', en: 'a text-direction control' },
  'outputs-none': { zh: '无', en: 'nothing' },
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
  // plangen manifest merge (issue 12, branch ciaction): why a part could not be read, what is wrong in it
  'manifest-too-large': { zh: '文件过大（{size}），清单不会这么大', en: 'the file is too large ({size}) to be a manifest' },
  'manifest-not-utf8': { zh: '这不是 UTF-8 文本文件', en: 'it is not a UTF-8 text file' },
  'manifest-not-object': { zh: '应为 { … } 对象', en: 'should be an object { … }' },
  'manifest-not-list': { zh: '应为 [ … ] 列表', en: 'should be a list [ … ]' },
  'manifest-not-text': { zh: '应为加引号的非空文字', en: 'should be text in quotes, not empty' },
  'manifest-bad-sha256': { zh: '应为 64 位小写十六进制数字（SHA-256）', en: 'should be 64 lower-case hexadecimal digits (SHA-256)' },
  'manifest-bad-size': { zh: '应为不小于 0 的整数（字节数）', en: 'should be a whole number of bytes, 0 or more' },
  'manifest-missing': { zh: '缺失', en: 'is missing' },
  'manifest-unknown': { zh: '不是清单里的项（清单只有 plangen、outputs，每个输出只有 path、source、template、sha256、size）', en: 'is not a manifest field (a manifest has plangen and outputs, each output path, source, template, sha256 and size)' },
  // plangen diff: the words of its summary (issue 14)
  'diff-head': { zh: '修订摘要：{old} → {new}（修改 {changed} 处，新增 {added} 段，删除 {deleted} 段）', en: 'Changes: {old} → {new} ({changed} changed, {added} added, {deleted} deleted)' },
  'diff-none': { zh: '两个版本读起来完全相同，没有修订。', en: 'The two versions read the same: nothing changed.' },
  'diff-front': { zh: '（第一个标题之前）', en: '(before the first heading)' },
  'diff-changed': { zh: '改', en: 'changed' },
  'diff-added': { zh: '增', en: 'added' },
  'diff-deleted': { zh: '删', en: 'deleted' },
  'diff-written': { zh: '修订稿已写出：{path}', en: 'Tracked-changes document written: {path}' },
  // writers (issue 14): what each writer makes, for --help (src/render/writers.ts)
  'writer-docx': { zh: 'Word 文档（DOCX）', en: 'Word document (DOCX)' },
  'writer-pdf': { zh: 'PDF（由 DOCX 经 LibreOffice 转成）', en: 'PDF (the DOCX converted by LibreOffice)' },
  'writer-diff': { zh: '修订稿（plangen diff）', en: 'tracked-changes document (plangen diff)' },
  'writer-both': { zh: 'DOCX 和 PDF 都要', en: 'both DOCX and PDF' },
  // leftovers (issue 13, review of build): what a manifest would overwrite (manifest-clash)
  'manifest-over-plan': { zh: '本方案', en: 'this plan' },
  'manifest-over-output': { zh: '本方案要生成的文件', en: 'a file this plan writes' },
} as const satisfies Record<string, { readonly zh: string; readonly en: string }>;

// wording outside diagnostics: the GitHub job summary (issue 12) and the commands' own lines
export const reportText = {
  'summary-title-check': { zh: 'plangen 检查结果', en: 'plangen check' },
  'summary-title-build': { zh: 'plangen 生成结果', en: 'plangen build' },
  'summary-checked': { zh: '检查了 {plans} 个方案。', en: 'Plans checked: {plans}.' },
  'summary-built': { zh: '{plans} 个方案中，{built} 个的公文已生成。', en: 'Documents built for {built} of {plans} plans.' },
  'summary-clean': { zh: '没有发现问题。', en: 'No problems found.' },
  'summary-problems': { zh: '共 {count} 个问题：{errors} 个错误，{warnings} 个警告。', en: 'Problems: {count} ({errors} errors, {warnings} warnings).' },
  'summary-rule': { zh: '规则', en: 'Rule' },
  'summary-severity': { zh: '级别', en: 'Severity' },
  'summary-count': { zh: '问题数', en: 'Problems' },
  'summary-files': { zh: '文件数', en: 'Files' },
  // words of the command line's own output (not diagnostics, so no rule ids)
  'severity-error': { zh: '错误', en: 'error' },
  'severity-warning': { zh: '警告', en: 'warning' },
  'severity-info': { zh: '提示', en: 'info' },
  'no-plans-found': { zh: '没有找到方案文件（*.md，以 --- 开头）', en: 'No plan files found (*.md starting with ---)' },
  'output-one-plan': { zh: '-o 只能用于一个方案；多个方案请用 --out-dir', en: '-o takes one plan only; use --out-dir for several' },
  'templates-builtin': { zh: '内置模板：', en: 'Built-in templates:' },
  'templates-local': { zh: '当前文件夹中的模板（用 template: ./文件夹名 引用）：', en: 'Template folders here (use template: ./folder):' },
  'templates-extends': { zh: '（基于 {name}）', en: ' (extends {name})' },
  'eject-not-empty': { zh: '文件夹 {path} 已存在且不为空（不会覆盖）', en: 'Folder {path} exists and is not empty (nothing overwritten)' },
  'eject-copied': { zh: '已把内置模板 {name} 复制到 {path}：', en: 'Copied built-in template {name} to {path}:' },
  'eject-use': { zh: '在方案中写 template: ./{folder} 即可使用', en: 'Use it with template: ./{folder} in a plan' },
  // leftovers (issue 13, review): plangen init's lines, which were written in code
  'init-exists': { zh: '文件已存在：{path}（不会覆盖；请换一个文件名）', en: 'File exists: {path} (not overwritten; choose another name)' },
  'init-written': { zh: '已新建 {path}；修改后运行 plangen check {path}', en: 'Wrote {path}; edit it, then run plangen check {path}' },
} as const satisfies Record<string, { readonly zh: string; readonly en: string }>;

/** Report wording outside diagnostics (the job summary), `{name}` filled from `args`. */
export function formatReportText(key: keyof typeof reportText, args: Readonly<Record<string, string | number>>, lang: Lang): string {
  return reportText[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (args[name] === undefined ? whole : String(args[name])));
}

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

/** A term's wording with its `{name}` placeholders filled (words that are not diagnostics). */
export function formatTerm(key: keyof typeof terms, args: Readonly<Record<string, string | number>>, lang: Lang): string {
  return terms[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (args[name] === undefined ? whole : String(args[name])));
}

export function defaultSeverity(ruleId: RuleId): Severity {
  return catalogue[ruleId].severity;
}

/**
 * The template stage: load a template (built-in or a folder), expand a plan into the
 * document tree the DOCX writer takes. See docs/templates.md.
 */
export { loadTemplate, templateRefPosition, builtInNames, builtInDir, isTemplateDir, type LoadedTemplate, type SectionHeadings } from './load.js';
export { expandDocument, type ExpandInput, type ParsedAttachment } from './expand.js';

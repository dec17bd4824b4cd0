/**
 * What docx wrote, when plangen was built (scripts/generate-docx-parts.mjs), for a plain
 * document of each font profile with the built-in templates' margins: every package part
 * but word/document.xml and docProps/core.xml as text, the pieces of document.xml around
 * the body, and core.xml with placeholders for the title and author (src/render/docx/index.ts).
 */
export interface BuiltPackage {
  /** The fonts and margins, as renderDocx keys its packages. */
  readonly key: string;
  readonly parts: Readonly<Record<string, string>>;
  readonly pieces: readonly string[];
  readonly core: string;
}
export declare const builtPackages: readonly BuiltPackage[];
/**
 * Every other part of a plain document as the writer zips it (for each font profile, and with
 * third-level headings bold or not), deflated by the build: name, text, its length in UTF-8
 * bytes, and the deflated bytes in base64 (src/render/docx/package.ts).
 */
export declare const builtDeflated: ReadonlyArray<readonly [name: string, text: string, length: number, deflated: string]>;

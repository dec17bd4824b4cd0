/**
 * What docx wrote, when plangen was built (scripts/generate-docx-parts.mjs), for a plain
 * document of each font profile with the built-in templates' margins: every package part
 * but word/document.xml and docProps/core.xml as text, the pieces of document.xml around
 * the body, and core.xml with placeholders for the title and author (src/render/docx/index.ts).
 */
export interface BuiltPackage {
  /** The fonts and margins it serves, as renderDocx keys its packages (docx writes the same package for both font profiles). */
  readonly keys: readonly string[];
  readonly parts: Readonly<Record<string, string>>;
  readonly pieces: readonly string[];
  readonly core: string;
}
export declare const builtPackages: readonly BuiltPackage[];
/**
 * Every other part of a plain document as the writer zips it (for each font profile, and with
 * third-level headings bold or not), deflated by the build: name, size in bytes, CRC-32, and
 * the deflated bytes in base64 (src/render/docx/package.ts).
 */
export declare const builtDeflated: ReadonlyArray<readonly [name: string, length: number, crc: number, deflated: string]>;

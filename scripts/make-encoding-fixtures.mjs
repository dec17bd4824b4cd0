// Writes the two fixtures whose bytes matter: read-gbk (GB18030, as Windows Notepad or WPS
// save Chinese text) and read-bom-crlf (UTF-8 with BOM and CRLF line ends). Run once; the
// bytes are committed. Node has no GB18030 encoder, so one is built by inverting the
// decoder over every two-byte code (enough for the text below, which is all BMP).
import { mkdirSync, writeFileSync } from 'node:fs';

const text = `---
title: 关于开展2025年夏季消防安全检查的工作方案
issuer: 某某街道办事处
date: 2025-06-03
phases:
  - { name: 动员部署阶段, start: 2025-06-05, end: 2025-06-15 }
  - { name: 集中检查阶段, start: 2025-06-10, end: 2025-08-15 }
---

## 工作要求

各单位要高度重视,于6月05日前报送“检查情况。
`;

function encodeGb18030(s) {
  const table = new Map();
  const decoder = new TextDecoder('gb18030', { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      try {
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
      } catch {
        // not a valid pair
      }
    }
  }
  const out = [];
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no two-byte GB18030 code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

const root = new URL('../test/fixtures/', import.meta.url);
mkdirSync(new URL('read-gbk/', root), { recursive: true });
writeFileSync(new URL('read-gbk/input.md', root), encodeGb18030(text));
mkdirSync(new URL('read-bom-crlf/', root), { recursive: true });
const bom = Uint8Array.from([0xef, 0xbb, 0xbf]);
writeFileSync(new URL('read-bom-crlf/input.md', root), Buffer.concat([bom, Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8')]));

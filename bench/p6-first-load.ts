// P6: first-load JavaScript per page, as a browser gets it from `next start`: the page's HTML,
// every <script src> it names (except `nomodule` ones, which current browsers skip), each gzipped
// (level 9, what a CDN or proxy would serve) and summed. Inline <script> bodies (React's flight
// data) are reported beside it, not in the sum.
import { gzipSync } from "node:zlib";

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const gz = (text: string | Uint8Array) => gzipSync(text, { level: 9 }).byteLength;

export async function firstLoad(appUrl: string, pages: { name: string; path: string; cookie?: string }[]) {
  const rows = [];
  for (const page of pages) {
    const response = await fetch(`${appUrl}${page.path}`, {
      headers: page.cookie ? { cookie: page.cookie } : {},
    });
    if (response.status !== 200) throw new Error(`P6: ${page.path} answered HTTP ${response.status}`);
    const html = await response.text();
    const sources = new Set<string>();
    let inline = "";
    for (const [, attributes, body] of html.matchAll(SCRIPT)) {
      const src = /\bsrc="([^"]+)"/.exec(attributes)?.[1];
      if (!src) inline += body;
      else if (!/\bnomodule\b/i.test(attributes)) sources.add(src.replace(/&amp;/g, "&"));
    }
    const chunks: { src: string; rawBytes: number; gzipBytes: number }[] = [];
    for (const src of sources) {
      const bytes = new Uint8Array(await (await fetch(new URL(src, appUrl))).arrayBuffer());
      chunks.push({ src, rawBytes: bytes.byteLength, gzipBytes: gz(bytes) });
    }
    const sum = (key: "rawBytes" | "gzipBytes") => chunks.reduce((total, chunk) => total + chunk[key], 0);
    rows.push({
      name: page.name,
      path: page.path,
      scripts: chunks.length,
      rawBytes: sum("rawBytes"),
      gzipBytes: sum("gzipBytes"),
      inlineGzipBytes: gz(inline),
      htmlGzipBytes: gz(html),
      chunks: chunks.sort((a, b) => b.gzipBytes - a.gzipBytes),
    });
  }
  return rows;
}

// An image's width and height, read from its header bytes, so pages can reserve its space
// (width/height attributes) before it loads. No decoder is needed for the four formats the store
// takes; null when the header is not where the format puts it, which refuses a file that only
// starts like an image.
export type ImageSize = { width: number; height: number };

const u16be = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const u32be = (b: Uint8Array, at: number) =>
  ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const u16le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u24le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
const ascii = (b: Uint8Array, from: number, to: number) =>
  Buffer.from(b.subarray(from, to)).toString("latin1");

const sized = (width: number, height: number): ImageSize | null =>
  width > 0 && height > 0 && width <= 20_000 && height <= 20_000 ? { width, height } : null;

// PNG: the IHDR chunk comes first, right after the 8-byte signature.
function pngSize(b: Uint8Array) {
  if (b.length < 24 || ascii(b, 12, 16) !== "IHDR") return null;
  return sized(u32be(b, 16), u32be(b, 20));
}

// JPEG: walk the marker segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC).
function jpegSize(b: Uint8Array) {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1];
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return sized(u16be(b, at + 7), u16be(b, at + 5));
    at += 2 + u16be(b, at + 2);
  }
  return null;
}

// WebP: lossy (VP8), lossless (VP8L) or extended (VP8X) first chunk.
function webpSize(b: Uint8Array) {
  const chunk = ascii(b, 12, 16);
  if (chunk === "VP8 " && b.length >= 30 && u24le(b, 23) === 0x2a019d)
    return sized(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  if (chunk === "VP8L" && b.length >= 25 && b[20] === 0x2f) {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return sized((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  if (chunk === "VP8X" && b.length >= 30) return sized(u24le(b, 24) + 1, u24le(b, 27) + 1);
  return null;
}

// AVIF (HEIF): the primary item's `ispe` property (image spatial extents) in the meta box.
function avifSize(b: Uint8Array) {
  const end = Math.min(b.length, 64 * 1024) - 16;
  for (let at = 8; at < end; at++) {
    if (b[at] === 0x69 && ascii(b, at, at + 4) === "ispe") return sized(u32be(b, at + 8), u32be(b, at + 12));
  }
  return null;
}

export const IMAGE_SIZE_READERS = {
  png: pngSize,
  jpg: jpegSize,
  webp: webpSize,
  avif: avifSize,
  gif: gifSize,
};

// GIF (logos only): the logical screen size, little-endian, after the 6-byte signature.
function gifSize(b: Uint8Array) {
  if (b.length < 10) return null;
  return sized(b[6] | (b[7] << 8), b[8] | (b[9] << 8));
}

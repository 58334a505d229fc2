import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IMAGE_SIZE_READERS } from "./image-size";
import { imageFormatOf } from "./media";

const sample = (name: string) =>
  new Uint8Array(readFileSync(path.resolve(import.meta.dirname, "../../tests/support/images", name)));

describe("image formats and sizes, read from the bytes", () => {
  it.each([
    ["64x40.png", "png", 64, 40],
    ["64x40.jpg", "jpg", 64, 40],
    ["64x40-lossy.webp", "webp", 64, 40],
    ["64x40-lossless.webp", "webp", 64, 40],
    ["48x30-alpha.webp", "webp", 48, 30],
    ["64x40.avif", "avif", 64, 40],
    ["64x40.gif", "gif", 64, 40],
  ] as const)("%s is %s, %i × %i", (file, extension, width, height) => {
    const bytes = sample(file);
    const format = imageFormatOf(bytes);
    expect(format?.extension).toBe(extension);
    expect(IMAGE_SIZE_READERS[extension](bytes)).toEqual({ width, height });
  });

  it("recognises nothing in an executable, an SVG or a header cut short", () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, ...new Array(60).fill(0)]);
    expect(imageFormatOf(exe)).toBeNull();
    expect(imageFormatOf(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    // A PNG signature followed by nothing: the format matches, but there is no size to read.
    const truncated = sample("64x40.png").subarray(0, 12);
    expect(imageFormatOf(truncated)?.extension).toBe("png");
    expect(IMAGE_SIZE_READERS.png(truncated)).toBeNull();
    expect(IMAGE_SIZE_READERS.jpg(sample("64x40.jpg").subarray(0, 20))).toBeNull();
  });
});

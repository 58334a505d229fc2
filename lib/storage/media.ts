// Public images in the bucket, under their own prefix (media/): builds and customers' files stay
// behind entitlement checks, while a logo is for everyone. The browser never gets a bucket URL for
// them; app/media/[owner]/[file]/route.ts serves them from the store's own origin (see why there).
import "server-only";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { env } from "../env";
import { IMAGE_SIZE_READERS, type ImageSize } from "./image-size";
import { mediaKey, OBJECT_KEY_PREFIXES } from "./object-keys";
import { s3 } from "./s3";

// The formats every browser shows, recognised by their first bytes rather than by the name or
// type the upload claims. No SVG: opened on its own, an SVG runs script in the store's origin.
const FORMATS = [
  { extension: "png", type: "image/png", test: (b: Uint8Array) => hex(b, 0, 8) === "89504e470d0a1a0a" },
  { extension: "jpg", type: "image/jpeg", test: (b: Uint8Array) => hex(b, 0, 3) === "ffd8ff" },
  { extension: "gif", type: "image/gif", test: (b: Uint8Array) => /^GIF8[79]a/.test(ascii(b, 0, 6)) },
  {
    extension: "webp",
    type: "image/webp",
    test: (b: Uint8Array) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP",
  },
  // An ISO-BMFF file whose `ftyp` box names an AVIF brand (major or compatible).
  { extension: "avif", type: "image/avif", test: (b: Uint8Array) => ftypBrands(b).some(isAvifBrand) },
] as const;

export type ImageExtension = (typeof FORMATS)[number]["extension"];
const isAvifBrand = (brand: string) => brand === "avif" || brand === "avis";
function ftypBrands(b: Uint8Array): string[] {
  if (b.length < 16 || ascii(b, 4, 8) !== "ftyp") return [];
  const end = Math.min(b.length, Buffer.from(b.subarray(0, 4)).readUInt32BE(0), 256);
  const brands = [ascii(b, 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(b, at, at + 4));
  return brands;
}

const hex = (bytes: Uint8Array, from: number, to: number) =>
  Buffer.from(bytes.subarray(from, to)).toString("hex");
const ascii = (bytes: Uint8Array, from: number, to: number) =>
  Buffer.from(bytes.subarray(from, to)).toString("latin1");

export const imageFormatOf = (bytes: Uint8Array) => FORMATS.find((format) => format.test(bytes)) ?? null;

export const MEDIA_KEY = new RegExp(
  `^${OBJECT_KEY_PREFIXES.media}/[a-z0-9-]+/[0-9a-f]{16}\\.(png|jpg|gif|webp|avif)$`,
);
export const mediaTypeOf = (key: string) =>
  FORMATS.find((format) => key.endsWith(`.${format.extension}`))?.type ?? "application/octet-stream";

// The logo's formats (kept as they were); product media takes AVIF but no GIF.
export const LOGO_FORMATS: readonly ImageExtension[] = ["png", "jpg", "gif", "webp"];
export const PRODUCT_IMAGE_FORMATS: readonly ImageExtension[] = ["png", "jpg", "webp", "avif"];

export type StoredImage = ImageSize & { key: string; sizeBytes: number };

// Checks the bytes (one of `accepted`, with a readable size in its header) and stores them under a
// fresh key; null when they are no image of those formats. What the upload claims to be (its
// name, its type) is never asked: a renamed .exe is refused here.
export async function storeImage(
  owner: string,
  bytes: Uint8Array,
  accepted: readonly ImageExtension[] = LOGO_FORMATS,
): Promise<StoredImage | null> {
  const format = imageFormatOf(bytes);
  if (!format || !accepted.includes(format.extension)) return null;
  const size = IMAGE_SIZE_READERS[format.extension](bytes);
  if (!size) return null;
  const key = mediaKey({ owner, extension: format.extension });
  await s3().send(
    new PutObjectCommand({ Bucket: env().S3_BUCKET, Key: key, Body: bytes, ContentType: format.type }),
  );
  return { key, ...size, sizeBytes: bytes.length };
}

export async function deleteImage(key: string) {
  await s3().send(new DeleteObjectCommand({ Bucket: env().S3_BUCKET, Key: key }));
}

export async function readImage(key: string) {
  const object = await s3().send(new GetObjectCommand({ Bucket: env().S3_BUCKET, Key: key }));
  return { body: object.Body!.transformToWebStream(), size: object.ContentLength ?? null };
}

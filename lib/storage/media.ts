// Public images in the bucket, under their own prefix (media/): builds and customers' files stay
// behind entitlement checks, while a logo is for everyone. The browser never gets a bucket URL for
// them; app/media/[owner]/[file]/route.ts serves them from the store's own origin (see why there).
import "server-only";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { env } from "../env";
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
] as const;

const hex = (bytes: Uint8Array, from: number, to: number) =>
  Buffer.from(bytes.subarray(from, to)).toString("hex");
const ascii = (bytes: Uint8Array, from: number, to: number) =>
  Buffer.from(bytes.subarray(from, to)).toString("latin1");

export const imageFormatOf = (bytes: Uint8Array) => FORMATS.find((format) => format.test(bytes)) ?? null;

export const MEDIA_KEY = new RegExp(
  `^${OBJECT_KEY_PREFIXES.media}/[a-z0-9-]+/[0-9a-f]{16}\\.(png|jpg|gif|webp)$`,
);
export const mediaTypeOf = (key: string) =>
  FORMATS.find((format) => key.endsWith(`.${format.extension}`))?.type ?? "application/octet-stream";

// Stores an image under a fresh key; null when the bytes are no image this store serves.
export async function storeImage(owner: string, bytes: Uint8Array): Promise<string | null> {
  const format = imageFormatOf(bytes);
  if (!format) return null;
  const key = mediaKey({ owner, extension: format.extension });
  await s3().send(
    new PutObjectCommand({ Bucket: env().S3_BUCKET, Key: key, Body: bytes, ContentType: format.type }),
  );
  return key;
}

export async function deleteImage(key: string) {
  await s3().send(new DeleteObjectCommand({ Bucket: env().S3_BUCKET, Key: key }));
}

export async function readImage(key: string) {
  const object = await s3().send(new GetObjectCommand({ Bucket: env().S3_BUCKET, Key: key }));
  return { body: object.Body!.transformToWebStream(), size: object.ContentLength ?? null };
}

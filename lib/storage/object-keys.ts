// Every object key the app writes, built in one place, so the bucket permissions a deployment
// grants (README "S3 bucket", docs/deploy.md) can be checked against the prefixes the code uses
// (tests/object-keys.test.ts). A random segment makes each key unguessable, even to someone who
// knows the product, version or customer; the seed passes a stable one so re-seeding converges.
import { randomBytes } from "node:crypto";

export const OBJECT_KEY_PREFIXES = {
  releaseFiles: "products",
  customerFiles: "customers",
  // Public images (the store's logo, later product media): served to anyone by app/media.
  media: "media",
} as const;

const randomSegment = () => randomBytes(8).toString("hex");

export function releaseFileKey(
  file: { productSlug: string; version: string; filename: string },
  segment = randomSegment(),
): string {
  return `${OBJECT_KEY_PREFIXES.releaseFiles}/${file.productSlug}/${file.version}/${segment}/${file.filename}`;
}

export function customerFileKey(
  file: { userId: string; filename: string },
  segment = randomSegment(),
): string {
  return `${OBJECT_KEY_PREFIXES.customerFiles}/${file.userId}/${segment}/${file.filename}`;
}

// `owner` groups a store's images ("store"; a product's slug); `extension` follows the bytes.
export function mediaKey(image: { owner: string; extension: string }, segment = randomSegment()): string {
  return `${OBJECT_KEY_PREFIXES.media}/${image.owner}/${segment}.${image.extension}`;
}

// The key behind a media URL's path (/media/<owner>/<file>), for the route that serves it.
export const mediaKeyOf = (owner: string, file: string) => `${OBJECT_KEY_PREFIXES.media}/${owner}/${file}`;

// Every object key the app writes, built in one place, so the bucket permissions a deployment
// grants (README "S3 bucket", docs/deploy.md) can be checked against the prefixes the code uses
// (tests/object-keys.test.ts). A random segment makes each key unguessable, even to someone who
// knows the product, version or customer; the seed passes a stable one so re-seeding converges.
import { randomBytes } from "node:crypto";

export const OBJECT_KEY_PREFIXES = { releaseFiles: "products", customerFiles: "customers" } as const;

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

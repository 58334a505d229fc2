import "server-only";
import { findProductIdBySlug } from "../dal/publisher-lookups";
import type { ApiRelease } from "./api-types";
import type { Actor } from "./contract";
import { createRelease, findReleaseByVersion, type PublisherRelease } from "./releases";
import { ResultError } from "../result";

// Releases as the publishing API shows them: addressed by product slug, dates as ISO strings.

export function toApiRelease(release: PublisherRelease, withFiles = false): ApiRelease {
  return {
    id: release.id,
    product: release.productSlug,
    version: release.version,
    channel: release.channel,
    status: release.status,
    notes: release.notes,
    publishedAt: release.publishedAt?.toISOString() ?? null,
    ...(withFiles && {
      files: release.files.map((file) => ({
        id: file.id,
        platform: file.platform,
        filename: file.filename,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        contentType: file.contentType,
        status: file.status,
      })),
    }),
  };
}

export async function createReleaseForSlug(
  input: { product: string; version: string; channel: "stable" | "beta"; notes: string },
  actor: Actor,
): Promise<ApiRelease> {
  const productId = await findProductIdBySlug(input.product);
  if (!productId) throw new ResultError("not_found", `There is no product "${input.product}".`);
  return toApiRelease(
    await createRelease(
      { productId, version: input.version, channel: input.channel, notes: input.notes },
      actor,
    ),
  );
}

export async function getApiRelease(productSlug: string, version: string): Promise<ApiRelease> {
  const release = await findReleaseByVersion(productSlug, version);
  if (!release) throw new ResultError("not_found", `${productSlug} has no release ${version}.`);
  return toApiRelease(release, true);
}

// A release's life: draft (files are uploaded) → published (customers can download) → yanked
// (hidden again, with a reason). Shared by the admin pages, the publishing API and the CLI.
import "server-only";
import { enqueueReleaseNotifications } from "../dal/release-notifications";
import { scheduleReleaseEmails } from "../notifications/release-emails";
import { recordAudit } from "../dal/audit";
import {
  countOpenUploads,
  findProductSlug,
  findRelease,
  findReleaseBySlugAndVersion,
  insertRelease,
  markReleasePublished,
  markReleaseYanked,
  type PublisherRelease,
} from "../dal/releases-admin";
import type { CreateRelease } from "../schemas/releases";
import type { Actor } from "./contract";
import { ResultError } from "../result";

export type { PublisherRelease };

// Takes what the schema parsed (the action and the API parse; this does not parse again).
export async function createRelease(input: CreateRelease, actor: Actor): Promise<PublisherRelease> {
  const { productId, version, channel, notes } = input;
  const productSlug = await findProductSlug(productId);
  if (!productSlug) throw new ResultError("not_found", "There is no such product.");
  const release = await insertRelease({ productId, version, channel, notes });
  if (!release)
    throw new ResultError(
      "conflict",
      `${productSlug} already has a release ${version}; choose another version.`,
    );
  await recordAudit(
    actor,
    "release.create",
    { type: "Release", id: release.id },
    { product: productSlug, version, channel },
  );
  return release;
}

async function existingRelease(releaseId: string) {
  const release = await findRelease(releaseId);
  if (!release) throw new ResultError("not_found", "There is no such release.");
  return release;
}

// Publishing twice is harmless; a yanked release stays yanked (publish a new version instead).
export async function publishRelease(releaseId: string, actor: Actor): Promise<PublisherRelease> {
  const release = await existingRelease(releaseId);
  if (release.status === "published") return release;
  if (release.status === "yanked") {
    throw new ResultError(
      "conflict",
      `${release.version} was yanked and cannot be published again; publish a new version.`,
    );
  }
  if (!release.files.some((file) => file.status === "ready")) {
    throw new ResultError(
      "conflict",
      `${release.version} has no uploaded file yet; upload at least one build before publishing.`,
    );
  }
  const open = await countOpenUploads(releaseId);
  if (open > 0) {
    throw new ResultError(
      "conflict",
      `${open} upload${open === 1 ? " is" : "s are"} still in progress; finish or abort ${open === 1 ? "it" : "them"} first.`,
    );
  }
  if (!(await markReleasePublished(releaseId))) {
    throw new ResultError(
      "conflict",
      `${release.version} changed while it was being published; reload and try again.`,
    );
  }
  await recordAudit(
    actor,
    "release.publish",
    { type: "Release", id: releaseId },
    { product: release.productSlug, version: release.version },
  );
  // Buyers inside their update window hear about it, once each, unless they opted out.
  await enqueueReleaseNotifications(releaseId);
  scheduleReleaseEmails(releaseId);
  return existingRelease(releaseId);
}

// Hides a release from customers, with a reason `yankReason` parsed. Yanking again keeps the first
// reason and changes nothing.
export async function yankRelease(releaseId: string, why: string, actor: Actor): Promise<PublisherRelease> {
  const release = await existingRelease(releaseId);
  if (release.status === "yanked") return release;
  if (await markReleaseYanked(releaseId, why)) {
    await recordAudit(
      actor,
      "release.yank",
      { type: "Release", id: releaseId },
      { product: release.productSlug, version: release.version, reason: why, was: release.status },
    );
  }
  return existingRelease(releaseId);
}

export async function findReleaseByVersion(
  productSlug: string,
  version: string,
): Promise<PublisherRelease | null> {
  return findReleaseBySlugAndVersion(productSlug, version);
}

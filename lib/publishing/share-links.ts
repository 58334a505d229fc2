import "server-only";
import { recordAudit } from "../dal/audit";
import { findFileForShare } from "../dal/admin-catalog";
import { findReleaseFileByName } from "../dal/publisher-lookups";
import { presignDownload } from "../storage/s3";
import type { Actor } from "./contract";
import { ResultError } from "../result";

// Which build to share: the admin page picks one from its list by id; the API and the CLI name it.
export type ShareTarget = { fileId: string } | { product: string; version: string; filename: string };
export type ShareLinkRequest = { expiresIn: number; note?: string };
export type ShareLink = { url: string; expiresAt: string; filename: string };

// The one way to share a build, like `aws s3 presign`: no entitlement check (the caller may
// publish this product), any lifetime SigV4 allows. Draft builds may be shared with testers;
// yanked ones may not. One audit name for every way in; the audit names the file and expiry,
// never the URL.
export async function createShareLink(
  target: ShareTarget,
  { expiresIn, note }: ShareLinkRequest,
  actor: Actor,
): Promise<ShareLink> {
  const file = "fileId" in target ? await pickedFile(target.fileId) : await namedFile(target);
  const { url, expiresAt } = await presignDownload(file, expiresIn);
  await recordAudit(
    actor,
    "share.create",
    { type: "ReleaseFile", id: file.id },
    {
      filename: file.filename,
      expiresIn,
      expiresAt: expiresAt.toISOString(),
      ...(note !== undefined && { note }),
    },
  );
  return { url, expiresAt: expiresAt.toISOString(), filename: file.filename };
}

// The page lists only shareable files, so one that is not (any longer) gets one short answer.
async function pickedFile(fileId: string) {
  const file = await findFileForShare(fileId);
  if (!file) throw new ResultError("not_found", "That file is not ready for download.");
  return file;
}

async function namedFile({
  product,
  version,
  filename,
}: {
  product: string;
  version: string;
  filename: string;
}) {
  const file = await findReleaseFileByName(product, version, filename);
  if (!file) throw new ResultError("not_found", `${product} ${version} has no file named ${filename}.`);
  if (file.status !== "ready")
    throw new ResultError("conflict", `${filename} is still uploading; complete the upload first.`);
  if (file.releaseStatus === "yanked")
    throw new ResultError("conflict", `${product} ${version} was yanked; its files are not shared.`);
  return file;
}

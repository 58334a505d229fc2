import "server-only";
import { recordAudit } from "../dal/audit";
import { findReleaseFileByName } from "../dal/publisher-lookups";
import { presignDownload } from "../storage/s3";
import type { Actor } from "./contract";
import { ResultError } from "../result";

export type ShareLinkInput = { product: string; version: string; filename: string; expiresIn: number };
export type ShareLink = { url: string; expiresAt: string };

// A publisher's own link to one build, like `aws s3 presign`: no entitlement check (the caller
// may publish this product), any lifetime SigV4 allows. Draft builds may be shared with
// testers; yanked ones may not. The audit names the file and expiry, never the URL.
export async function presignShareLink(input: ShareLinkInput, actor: Actor): Promise<ShareLink> {
  const file = await findReleaseFileByName(input.product, input.version, input.filename);
  if (!file)
    throw new ResultError(
      "not_found",
      `${input.product} ${input.version} has no file named ${input.filename}.`,
    );
  if (file.status !== "ready")
    throw new ResultError("conflict", `${input.filename} is still uploading; complete the upload first.`);
  if (file.releaseStatus === "yanked")
    throw new ResultError(
      "conflict",
      `${input.product} ${input.version} was yanked; its files are not shared.`,
    );

  const { url, expiresAt } = await presignDownload(file, input.expiresIn);
  await recordAudit(
    actor,
    "share.presign",
    { type: "ReleaseFile", id: file.id },
    {
      filename: file.filename,
      expiresIn: input.expiresIn,
      expiresAt: expiresAt.toISOString(),
    },
  );
  return { url, expiresAt: expiresAt.toISOString() };
}

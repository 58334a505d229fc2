import "server-only";
import { z } from "zod";
import type { CurrentUser } from "../auth/session";
import { findDownloadableFile, recordDownloadEvent } from "../dal/downloads";
import { findEntitlement } from "../dal/entitlements";
import { presignDownload } from "../storage/s3";
import { fail, ok, type ActionResult } from "../actions/result";

const input = z.string().trim().min(1).max(64).regex(/^[a-z0-9]+$/i);

export type DownloadLink = { url: string; filename: string; expiresAt: string };

const accessMessages = {
  revoked: (product: string) => `Your access to ${product} was revoked.`,
  suspended: (product: string) => `Your access to ${product} is suspended while a payment dispute is open.`,
};

export type RequestContext = { ip: string | null; userAgent: string | null };

// Input → session → published file → entitlement → audit → short-lived presigned GET.
// The one path to a download URL; the server action and the download routes call it.
export async function issueLinkFor(
  user: CurrentUser | null,
  fileId: unknown,
  context: RequestContext,
): Promise<ActionResult<DownloadLink>> {
  const parsed = input.safeParse(fileId);
  if (!parsed.success) return fail("invalid_input", "That download link is malformed.");
  if (!user) return fail("unauthorized", "Sign in to download your files.");

  const file = await findDownloadableFile(parsed.data);
  const entitlement = file ? await findEntitlement(user.id, file.product.id) : null;
  const deny = async (reason: string) =>
    recordDownloadEvent({
      userId: user.id,
      fileId: file?.id ?? null,
      entitlementId: entitlement?.id ?? null,
      outcome: "denied",
      reason,
      ...context,
    });

  // Unknown files and files of products the user does not own answer alike.
  if (!file || !entitlement) {
    await deny(file ? "not_entitled" : `unknown_file:${parsed.data}`);
    return fail("not_found", "This file is not in your library.");
  }
  if (entitlement.status !== "active") {
    await deny(entitlement.status);
    return fail("forbidden", accessMessages[entitlement.status](file.product.name));
  }

  let link;
  try {
    link = await presignDownload(file);
  } catch {
    await recordDownloadEvent({ userId: user.id, fileId: file.id, entitlementId: entitlement.id, outcome: "failed", reason: "presign_failed", ...context });
    return fail("unavailable", "Downloads are unavailable right now. Please try again in a minute.");
  }
  await recordDownloadEvent({ userId: user.id, fileId: file.id, entitlementId: entitlement.id, outcome: "issued", ...context });
  return ok({ url: link.url, filename: file.filename, expiresAt: link.expiresAt.toISOString() });
}

import "server-only";
import { z } from "zod";
import { fail, ok, type ActionResult } from "../actions/result";
import type { CurrentUser } from "../auth/session";
import { recordDenial } from "../dal/audit";
import { findDownloadableFile, markDownloadFailed, recordDownloadEvent, reserveDownload } from "../dal/downloads";
import { findEntitlement } from "../dal/entitlements";
import { env } from "../env";
import { presignDownload } from "../storage/s3";

const fileIdInput = z.string().trim().min(1).max(64).regex(/^[a-z0-9]+$/i);

export type DownloadLink = { url: string; filename: string; expiresAt: string };
export type RequestContext = { ip: string | null; userAgent: string | null };
export type IssueOptions = {
  // The "latest" route names a public product slug, so saying "you don't own it" leaks nothing;
  // for a bare file id, not-yours must look exactly like unknown.
  revealOwnership?: boolean;
};

function accessMessage(status: "revoked" | "suspended", product: string, reason: string | null) {
  return status === "revoked"
    ? `Your access to ${product} was revoked${reason ? ` ${reason}` : ""}.`
    : `Your access to ${product} is suspended while a payment dispute is open.`;
}

// The one path from a file id to a download URL, shared by the server action and the stable
// download routes: input → session → published file → entitlement → rate limit → download cap
// → audit → short-lived presigned GET. Every denial is audited and mints nothing.
export async function issueLinkFor(
  user: CurrentUser | null,
  fileId: unknown,
  context: RequestContext,
  options: IssueOptions = {},
): Promise<ActionResult<DownloadLink>> {
  const parsed = fileIdInput.safeParse(fileId);
  if (!parsed.success) return fail("invalid_input", "That download link is malformed.");
  if (!user) {
    // No user to hang a DownloadEvent on: a bounded audit row instead (see recordDenial).
    await recordDenial("download.denied", { actor: null, surface: "download", reason: "signed_out", ip: context.ip });
    return fail("unauthorized", "Sign in to download your files.");
  }

  const file = await findDownloadableFile(parsed.data);
  const entitlement = file ? await findEntitlement(user.id, file.product.id) : null;
  const audit = { userId: user.id, fileId: file?.id ?? null, entitlementId: entitlement?.id ?? null, ...context };
  const deny = (reason: string) => recordDownloadEvent({ ...audit, outcome: "denied", reason });

  if (!file) {
    await deny(`unknown_file:${parsed.data}`);
    return fail("not_found", "This file is not in your library.");
  }
  if (!entitlement) {
    await deny("not_entitled");
    return options.revealOwnership
      ? fail("forbidden", `You don't own ${file.product.name} yet. Buy it at /products/${file.product.slug}.`)
      : fail("not_found", "This file is not in your library.");
  }
  if (entitlement.status !== "active") {
    await deny(entitlement.status);
    return fail("forbidden", accessMessage(entitlement.status, file.product.name, entitlement.reason));
  }

  const reservation = await reserveDownload(
    { ...audit, entitlementId: entitlement.id, outcome: "issued" },
    { perMinute: env().DOWNLOAD_RATE_LIMIT_PER_MINUTE, cap: file.product.downloadLimit, capResetAt: entitlement.downloadsResetAt },
  );
  if (!reservation.ok) {
    await deny(reservation.reason);
    return reservation.reason === "rate_limited"
      ? fail("rate_limited", `Too many download requests, try again in ${reservation.retryAfterSeconds} s.`, reservation.retryAfterSeconds)
      : fail("forbidden", `You have used all ${reservation.limit} downloads of ${file.product.name}. Contact the seller to reset the limit.`);
  }

  try {
    const link = await presignDownload(file);
    return ok({ url: link.url, filename: file.filename, expiresAt: link.expiresAt.toISOString() });
  } catch {
    await markDownloadFailed(reservation.eventId, "presign_failed");
    return fail("unavailable", "Downloads are unavailable right now. Please try again in a minute.");
  }
}

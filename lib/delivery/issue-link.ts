import "server-only";
import { z } from "zod";
import { storedObject } from "./stored-objects";
import { accessNotice } from "../customers/access-notice";
import { recordDenial } from "../dal/audit";
import {
  markDownloadFailed,
  recordDownloadDenial,
  reportMissingObject,
  type DownloadDenial,
} from "../dal/download-events";
import { findDownloadable, reserveDownload, type FileByName } from "../dal/downloads";
import { productSlug, releaseVersion } from "../schemas/releases";
import { platform, releaseFilename } from "../schemas/uploads";
import { isKnownCaller, type KnownCaller, type LinkCredentials } from "../dal/link-callers";
import { env } from "../env";
import { insideUpdateWindow } from "../licensing/windows";
import { presignDownload } from "../storage/s3";
import { log } from "../log";
import type { RequestContext } from "../request-context";
import { failure, success, type Result } from "../result";

const fileIdInput = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/i);
// A release file by where it sits (app/download/[productSlug]/[version]/[platform]/[filename]).
export const fileByName = z.object({
  productSlug,
  version: releaseVersion,
  platform,
  filename: releaseFilename,
}) satisfies z.ZodType<FileByName>;
const fileRefInput = z.union([fileIdInput, fileByName]);

export type DownloadLink = { url: string; filename: string; expiresAt: string };
export type IssueOptions = {
  // The "latest" route names a public product slug, so saying "you don't own it" leaks nothing;
  // for a bare file id, not-yours must look exactly like unknown.
  revealOwnership?: boolean;
};

const notInLibrary = failure("not_found", "This file is not in your library.");

// The one path from a file id to a download URL, shared by the server action and the stable
// download routes: input → caller → published file → entitlement → rate limit → download cap
// → audit (while the bucket is asked whether the object is there, unless it said so recently)
// → short-lived presigned GET. Every denial and failure is audited and mints nothing. A file an
// admin made for one customer takes the same path with ownership in place of an entitlement.
// A file that is not the caller's is answered, recorded and looked up exactly like an unknown
// id: one query, one "not_in_library" refusal naming neither the file nor its product.
// The caller is a user already known (the server action's session), or the credentials a stable
// link's request carries, which the file lookup resolves in the same query: a link costs two
// round trips to PostgreSQL, that lookup and the reservation (or the refusal's record).
export async function issueLinkFor(
  who: KnownCaller | LinkCredentials | null,
  fileId: unknown,
  context: RequestContext,
  options: IssueOptions = {},
): Promise<Result<DownloadLink>> {
  const parsed = fileRefInput.safeParse(fileId);
  if (!parsed.success) return failure("invalid_input", "That download link is malformed.");
  const { caller: user, found } =
    who && (isKnownCaller(who) || who.sessionToken || who.licenseKey)
      ? await findDownloadable(parsed.data, who)
      : { caller: null, found: null };
  if (!user) {
    // No user to hang a DownloadEvent on: a bounded audit row instead (see recordDenial).
    await recordDenial("download.denied", {
      actor: null,
      surface: "download",
      reason: "signed_out",
      ip: context.ip,
    });
    return failure("unauthorized", "Sign in to download your files.");
  }

  const refusal = { userId: user.id, fileId: null, ...context };
  if (found?.kind === "customer") {
    return deliver(
      { ...found.file, label: found.file.title },
      { ...refusal, customerFileId: found.file.id },
      { cap: null, capResetAt: null },
    );
  }
  if (!found?.entitlement) {
    await recordDownloadDenial({ ...refusal, reason: "not_in_library" });
    return found && options.revealOwnership
      ? failure(
          "forbidden",
          `You don't own ${found.file.product.name} yet. Buy it at /products/${found.file.product.slug}.`,
        )
      : notInLibrary;
  }
  const { file, entitlement } = found;
  const audit = { ...refusal, fileId: file.id, entitlementId: entitlement.id };
  const deny = (reason: string) => recordDownloadDenial({ ...audit, reason });
  if (entitlement.status !== "active") {
    await deny(entitlement.status);
    return failure("forbidden", accessNotice(entitlement.status, file.product.name, entitlement.reason));
  }
  if (!insideUpdateWindow(file.publishedAt, entitlement.updatesUntil)) {
    await deny("outside_update_window");
    const until = entitlement.updatesUntil!.toISOString().slice(0, 10);
    return failure(
      "forbidden",
      `${file.product.name} ${file.version} came out after your updates ended on ${until}. Renew at /account/renew/${entitlement.id}.`,
    );
  }

  return deliver({ ...file, label: file.product.name }, audit, {
    cap: file.product.downloadLimit,
    capResetAt: entitlement.downloadsResetAt,
  });
}

type Deliverable = { id: string; filename: string; objectKey: string; contentType: string; label: string };
type DeliveryAudit = Omit<DownloadDenial, "reason">;

// The shared tail, for a file the user may have: rate limit and download cap → audit → presign.
async function deliver(
  file: Deliverable,
  audit: DeliveryAudit,
  limits: { cap: number | null; capResetAt: Date | null },
): Promise<Result<DownloadLink>> {
  // A bucket check still due runs beside the reservation: it adds max(database, HEAD), not both.
  const [reservation, stored] = await Promise.all([
    reserveDownload(audit, { perMinute: env().DOWNLOAD_RATE_LIMIT_PER_MINUTE, ...limits }),
    storedObject(file.objectKey),
  ]);
  // A refusal here was recorded by the reservation itself, in the same round trip.
  if (!reservation.ok) {
    return reservation.reason === "rate_limited"
      ? failure(
          "rate_limited",
          `Too many download requests, try again in ${reservation.retryAfterSeconds} s.`,
          { retryAfterSeconds: reservation.retryAfterSeconds },
        )
      : failure(
          "forbidden",
          `You have used all ${reservation.limit} downloads of ${file.label}. Contact the seller to reset the limit.`,
        );
  }

  if (stored !== "present")
    return storageFailure(
      reservation.eventId,
      file,
      stored,
      audit.customerFileId ? "CustomerFile" : "ReleaseFile",
    );

  try {
    const link = await presignDownload(file);
    return success({ url: link.url, filename: file.filename, expiresAt: link.expiresAt.toISOString() });
  } catch {
    await markDownloadFailed(reservation.eventId, "presign_failed");
    return failure("unavailable", "Downloads are unavailable right now. Please try again in a minute.", {
      retryAfterSeconds: STORAGE_RETRY_SECONDS,
    });
  }
}

const STORAGE_RETRY_SECONDS = 60;

// The reserved download becomes a failed one (it uses up neither the rate limit nor the cap),
// and no URL is minted for an object that cannot be fetched.
async function storageFailure(
  eventId: string,
  file: { id: string; filename: string },
  stored: "missing" | "unavailable",
  type: "ReleaseFile" | "CustomerFile",
) {
  const reason = stored === "missing" ? "object_missing" : "storage_unavailable";
  await markDownloadFailed(eventId, reason);
  log.warn({ fileId: file.id, reason }, "download refused: the object cannot be fetched");
  if (stored === "unavailable") {
    return failure(
      "unavailable",
      "Downloads are unavailable right now: the file store is not answering. Please try again in a minute.",
      { retryAfterSeconds: STORAGE_RETRY_SECONDS },
    );
  }
  await reportMissingObject(file.id, type);
  return failure(
    "unavailable",
    `${file.filename} is missing from the file store. The seller has been told; please try again later.`,
  );
}

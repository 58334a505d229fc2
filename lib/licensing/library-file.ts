// A licence file from the library, for its owner only: session → the key is theirs → it is live
// → the signed file as an attachment. A key of somebody else answers exactly like an unknown id.
import "server-only";
import { z } from "zod";
import { getCurrentUser } from "../auth/session";
import { recordDenial } from "../dal/audit";
import { findLicenseFacts } from "../dal/license-files";
import { failureResponse, NO_STORE } from "../http/answers";
import type { RequestContext } from "../request-context";
import { failure } from "../result";
import { attachmentDisposition } from "../storage/content-disposition";
import { licenseFileAllowed, signLicenseFile } from "./license-file";

const SURFACE = "GET /download/license/[licenseId]";
const licenseId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/i);

export async function downloadLicenseFile(rawId: string, context: RequestContext): Promise<Response> {
  const id = licenseId.safeParse(rawId);
  if (!id.success) return failureResponse(failure("invalid_input", "That licence link is malformed."));
  const user = await getCurrentUser();
  if (!user) {
    await recordDenial("download.denied", {
      actor: null,
      surface: SURFACE,
      reason: "signed_out",
      ip: context.ip,
    });
    return failureResponse(failure("unauthorized", "Sign in to download your licence file."));
  }
  const license = await findLicenseFacts({ id: id.data });
  if (!license || license.entitlement.userId !== user.id) {
    const actor = { kind: "user" as const, id: user.id, email: user.email };
    await recordDenial("download.denied", {
      actor,
      surface: SURFACE,
      reason: "not_in_library",
      ip: context.ip,
    });
    return failureResponse(failure("not_found", "This licence is not in your library."));
  }
  if (!licenseFileAllowed(license)) {
    return failureResponse(
      failure("not_active", "This licence is no longer active, so it has no licence file."),
    );
  }
  const filename = `${license.entitlement.product.slug}-${license.key}.license`;
  return new Response(`${signLicenseFile(license, null)}\n`, {
    headers: {
      ...NO_STORE,
      "Content-Type": "application/jose; charset=us-ascii",
      "Content-Disposition": attachmentDisposition(filename),
    },
  });
}

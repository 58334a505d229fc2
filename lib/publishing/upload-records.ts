import "server-only";
import { findUpload, type UploadKind } from "../dal/uploads";
import type { Actor } from "./contract";

// Customer files belong to the admin area: a publishing token (or a caller that names no
// actor) finds only release uploads, and a customer file's upload looks like no upload at all.
export async function findUploadFor(fileId: unknown, actor?: Actor) {
  const record = typeof fileId === "string" ? await findUpload(fileId) : null;
  return record && (record.kind === "release" || actor?.kind === "user") ? record : null;
}

export const auditTarget = (record: { kind: UploadKind; fileId: string }) => ({
  type: record.kind === "customer" ? "CustomerFile" : "ReleaseFile",
  id: record.fileId,
});

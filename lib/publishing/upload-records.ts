import "server-only";
import { findUpload, type UploadKind } from "../dal/uploads";
import type { Actor } from "./contract";

// Who may touch which upload: an admin any; a token only the kind its scope covers (release
// builds for "publish", customers' files for "customer-files"); a caller that names no actor
// only release builds. To anyone else the upload does not exist.
const reaches = (kind: UploadKind, actor?: Actor) =>
  actor?.kind === "user" ||
  (kind === "release" ? !actor || actor.scope === "publish" : actor?.scope === "customer-files");

export async function findUploadFor(fileId: unknown, actor?: Actor) {
  const record = typeof fileId === "string" ? await findUpload(fileId) : null;
  return record && reaches(record.kind, actor) ? record : null;
}

export const auditTarget = (record: { kind: UploadKind; fileId: string }) => ({
  type: record.kind === "customer" ? "CustomerFile" : "ReleaseFile",
  id: record.fileId,
});

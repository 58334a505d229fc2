import "server-only";
import { findUpload, findUploadPlan, type UploadKind } from "../dal/uploads";
import type { Actor } from "./contract";

// Who may touch which upload: an admin any; a token only the kind its scope covers (release
// builds for "publish", customers' files for "customer-files"). Every caller names who it acts
// for. To anyone else the upload does not exist.
const reaches = (kind: UploadKind, actor: Actor) =>
  actor.kind === "user" || actor.scope === (kind === "release" ? "publish" : "customer-files");

export async function findUploadFor(fileId: string, actor: Actor) {
  const record = await findUpload(fileId);
  return record && reaches(record.kind, actor) ? record : null;
}

// The same, without the parts recorded so far: for the per-part requests.
export async function findUploadPlanFor(fileId: string, actor: Actor) {
  const plan = await findUploadPlan(fileId);
  return plan && reaches(plan.kind, actor) ? plan : null;
}

export const auditTarget = (record: { kind: UploadKind; fileId: string }) => ({
  type: record.kind === "customer" ? "CustomerFile" : "ReleaseFile",
  id: record.fileId,
});

"use server";

import { z } from "zod";
import { recordAudit } from "../../dal/audit";
import { findFileForShare } from "../../dal/admin-catalog";
import { lineText, recordId } from "../../input-schemas";
import { presignDownload } from "../../storage/s3";
import { failure, success } from "../../result";
import { actorOf, adminFormAction } from "./admin-action";

const SEVEN_DAYS = 7 * 24 * 3600; // the longest a SigV4 presigned URL can live

// `aws s3 presign s3://bucket/key --expires-in N`, for someone who is not a customer.
export const createShareLinkAction = adminFormAction(
  "createShareLinkAction",
  z.object({
    fileId: recordId,
    expiresInSeconds: z.coerce.number().int().min(60, "at least a minute").max(SEVEN_DAYS, "at most 7 days"),
    note: lineText(200).default(""),
  }),
  async ({ fileId, expiresInSeconds, note }, admin) => {
    const file = await findFileForShare(fileId);
    if (!file) return failure("not_found", "That file is not ready for download.");
    const link = await presignDownload(file, expiresInSeconds);
    await recordAudit(
      actorOf(admin),
      "share.create",
      { type: "ReleaseFile", id: file.id },
      {
        filename: file.filename,
        expiresAt: link.expiresAt.toISOString(),
        note,
      },
    );
    return success({ url: link.url, expiresAt: link.expiresAt.toISOString(), filename: file.filename });
  },
);

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { lineText, recordId } from "../../input-schemas";
import { createShareLink } from "../../publishing/share-links";
import { success } from "../../result";
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
    const link = await createShareLink({ fileId }, { expiresIn: expiresInSeconds, note }, actorOf(admin));
    revalidatePath("/admin/share"); // "Recent links" shows the new one in the same answer
    return success(link);
  },
);

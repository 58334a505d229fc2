"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { lineText, recordId } from "../../input-schemas";
import { contentType, releaseFilename } from "../../publishing/api-schemas";
import {
  emailCustomerFile,
  removeCustomerFile,
  startCustomerFileUpload,
} from "../../publishing/customer-files";
import { success } from "../../result";
import { actorOf, adminAction, adminFormAction } from "./admin-action";

// Starts the upload of a file for one customer; its parts, completion and abort go through the
// same actions as release uploads (lib/actions/admin/uploads.ts).
export const startCustomerFileUploadAction = adminAction(
  "startCustomerFileUploadAction",
  z.object({
    userId: recordId,
    title: lineText(120).pipe(z.string().min(1, "give the file a title the customer will see")),
    note: lineText(500).optional(),
    filename: releaseFilename,
    sizeBytes: z.number().int().positive(),
    contentType: contentType.optional(),
  }),
  async (input, admin) => success(await startCustomerFileUpload(input, actorOf(admin))),
);

// An admin's change to one customer's file, named with its customer so a mismatched pair is refused.
const customerFileChange = (name: string, change: typeof removeCustomerFile) =>
  adminFormAction(
    name,
    z.object({ userId: recordId, fileId: recordId }),
    async ({ userId, fileId }, admin) => {
      await change(userId, fileId, actorOf(admin));
      revalidatePath(`/admin/customers/${userId}`);
      return success(null);
    },
  );

export const removeCustomerFileAction = customerFileChange("removeCustomerFileAction", removeCustomerFile);

// Sends the "a file is waiting" email again when it did not go out the first time.
export const emailCustomerFileAction = customerFileChange("emailCustomerFileAction", emailCustomerFile);

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordId } from "../../input-schemas";
import { customerFileInput } from "../../schemas/customers";
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
  customerFileInput,
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

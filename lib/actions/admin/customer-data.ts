"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { eraseCustomer } from "../../customers/data-rights";
import { lineText, recordId } from "../../input-schemas";
import { actorOf, adminFormAction } from "./admin-action";

// Erases a customer (lib/dal/erasure.ts): the admin gives the reason the audit row keeps.
export const eraseCustomerAction = adminFormAction(
  "eraseCustomerAction",
  z.object({
    userId: recordId,
    reason: lineText(300).pipe(z.string().min(3, "give a reason, for the record")),
  }),
  async (input, admin) => {
    const result = await eraseCustomer(input, actorOf(admin));
    if (result.status === "success") revalidatePath(`/admin/customers/${input.userId}`);
    return result;
  },
);

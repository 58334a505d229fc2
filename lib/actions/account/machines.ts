"use server";

import { revalidatePath } from "next/cache";
import { deactivateOwnMachine } from "../../account/portal";
import { deactivateMachineInput } from "../../schemas/account";
import { customerFormAction } from "./customer-action";

// "Deactivate" next to a machine on /account: frees one activation of the buyer's own key.
export const deactivateMachineAction = customerFormAction(
  "deactivateMachineAction",
  deactivateMachineInput,
  async ({ activationId }, user, caller) => {
    const result = await deactivateOwnMachine(user, activationId, caller);
    if (result.status === "success") revalidatePath("/account");
    return result;
  },
);

"use server";

import { revalidatePath } from "next/cache";
import { setEmailPreference } from "../../account/portal";
import { emailPreferenceInput } from "../../schemas/account";
import { customerFormAction } from "./customer-action";

// A toggle on /account/emails: release emails or renewal reminders for one product, on or off.
export const setEmailPreferenceAction = customerFormAction(
  "setEmailPreferenceAction",
  emailPreferenceInput,
  async (input, user, caller) => {
    const result = await setEmailPreference(user, input, caller);
    if (result.status === "success") revalidatePath("/account/emails");
    return result;
  },
);

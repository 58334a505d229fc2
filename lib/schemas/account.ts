// What the customer portal's forms send (/account): a machine of one of the buyer's keys, and
// one email preference of one product they own.
import { z } from "zod";
import { recordId } from "../input-schemas";

export const deactivateMachineInput = z.object({ activationId: recordId });

export const emailPreferenceInput = z.object({
  productId: recordId,
  topic: z.enum(["release", "renewal_reminder"]),
  // What the toggle is set to: "on" sends these emails, "off" stops them.
  emails: z.enum(["on", "off"]),
});
export type EmailPreferenceInput = z.output<typeof emailPreferenceInput>;

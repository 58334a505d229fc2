"use server";

import { optOut, productName } from "../dal/release-notifications";
import { verifyUnsubscribe } from "../notifications/unsubscribe";
import { fail, ok, type ActionResult } from "./result";

// Public on purpose: the signed link from the email is the credential, not a session.
export async function unsubscribeAction(_state: ActionResult<{ product: string }>, form: FormData): Promise<ActionResult<{ product: string }>> {
  const verified = verifyUnsubscribe(form.get("email"), form.get("product"), form.get("token"));
  if (!verified) return fail("invalid_input", "This unsubscribe link is not valid. Use the link from the latest email.");
  const name = await productName(verified.productId);
  if (!name) return fail("not_found", "That product no longer exists, so there is nothing to unsubscribe from.");
  await optOut(verified.email, verified.productId);
  return ok({ product: name });
}

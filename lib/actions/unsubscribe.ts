"use server";

import { recordDenial } from "../dal/audit";
import { optOut, productName } from "../dal/release-notifications";
import { requestContext } from "../request-context";
import { verifyUnsubscribe } from "../notifications/unsubscribe";
import { failure, success, type Result } from "../result";
import { toActionState, type ActionState } from "./action-state";

// Public on purpose: the signed link from the email is the credential, not a session.
export async function unsubscribeAction(
  _state: ActionState<{ product: string }>,
  form: FormData,
): Promise<ActionState<{ product: string }>> {
  return toActionState(await unsubscribe(form));
}

async function unsubscribe(form: FormData): Promise<Result<{ product: string }>> {
  if (!(form instanceof FormData))
    return failure("invalid_input", "Use the unsubscribe link from the email.");
  const verified = verifyUnsubscribe(form.get("email"), form.get("product"), form.get("token"));
  if (!verified) {
    await recordDenial("unsubscribe.denied", {
      actor: null,
      surface: "unsubscribeAction",
      reason: "invalid_link",
      ip: (await requestContext()).ip,
    });
    return failure("forbidden", "This unsubscribe link is not valid. Use the link from the latest email.");
  }
  const name = await productName(verified.productId);
  if (!name)
    return failure("not_found", "That product no longer exists, so there is nothing to unsubscribe from.");
  await optOut(verified.email, verified.productId);
  return success({ product: name });
}

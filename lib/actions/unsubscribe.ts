"use server";

import type { EmailTopic } from "../generated/prisma/client";
import { requestContext } from "../request-context";
import { unsubscribeWithLink } from "../notifications/opt-out";
import { failure, success, type Result } from "../result";
import { toActionState, type ActionState } from "./action-state";

type Unsubscribed = { product: string; topic: EmailTopic };

// Public on purpose: the signed link from the email is the credential, not a session.
export async function unsubscribeAction(
  _state: ActionState<Unsubscribed>,
  form: FormData,
): Promise<ActionState<Unsubscribed>> {
  return toActionState(await unsubscribe(form));
}

async function unsubscribe(form: FormData): Promise<Result<Unsubscribed>> {
  if (!(form instanceof FormData))
    return failure("invalid_input", "Use the unsubscribe link from the email.");
  const link = {
    email: form.get("email"),
    product: form.get("product"),
    token: form.get("token"),
    topic: form.get("topic"),
  };
  const result = await unsubscribeWithLink(link, {
    surface: "unsubscribeAction",
    ip: (await requestContext()).ip,
  });
  if (result.status === "error")
    return failure("forbidden", "This unsubscribe link is not valid. Use the link from the latest email.");
  if (!result.data.product)
    return failure("not_found", "That product no longer exists, so there is nothing to unsubscribe from.");
  return success({ product: result.data.product, topic: result.data.topic });
}

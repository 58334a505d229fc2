// Unsubscribing with the signed link from a release email or a renewal reminder, from the confirmation page or a mail
// client's one-click POST. The link is the credential; a link that does not verify is recorded.
import "server-only";
import { recordDenial } from "../dal/audit";
import { optOut, productName } from "../dal/release-notifications";
import type { EmailTopic } from "../generated/prisma/client";
import { failure, success, type Result } from "../result";
import { verifyUnsubscribe } from "./unsubscribe";

export type UnsubscribeLink = { email: unknown; product: unknown; token: unknown; topic?: unknown };

// `product` is null when the product no longer exists: there is nothing left to opt out of.
export async function unsubscribeWithLink(
  link: UnsubscribeLink,
  caller: { surface: string; ip: string | null },
): Promise<Result<{ product: string | null; topic: EmailTopic }>> {
  const verified = verifyUnsubscribe(link.email, link.product, link.token, link.topic);
  if (!verified) {
    await recordDenial("unsubscribe.denied", { actor: null, reason: "invalid_link", ...caller });
    return failure("invalid_link", "This unsubscribe link is not valid.");
  }
  const name = await productName(verified.productId);
  if (name) await optOut(verified.email, verified.productId, verified.topic);
  return success({ product: name, topic: verified.topic });
}

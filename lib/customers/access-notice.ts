// What a customer is told about access they no longer have. An entitlement's `reason` is written
// for the seller (an admin's note such as "Refunded in Stripe (manual)", or one of the store's own
// causes below) and is never shown to the customer as it is: only a known cause picks a sentence.
export const ACCESS_CAUSES = {
  refunded: "after a refund",
  disputeOpen: "while a payment dispute is open",
  disputeLost: "after a lost payment dispute",
} as const;

export function accessNotice(
  status: "revoked" | "suspended",
  product: string,
  reason: string | null,
  supportEmail?: string | null,
): string {
  const contact = `If you think this is a mistake, contact ${supportEmail ?? "the seller"}.`;
  if (status === "suspended") return `Downloads of ${product} are paused while a payment dispute is open.`;
  if (reason === ACCESS_CAUSES.refunded)
    return `Your purchase of ${product} was refunded, so it can no longer be downloaded. ${contact}`;
  if (reason === ACCESS_CAUSES.disputeLost)
    return `The payment for ${product} was reversed after a dispute, so it can no longer be downloaded. ${contact}`;
  return `The seller has ended your access to ${product}. ${contact}`;
}

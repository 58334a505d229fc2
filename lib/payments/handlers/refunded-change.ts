import "server-only";
import { revertEntitlementChange } from "../../dal/entitlement-changes";
import { log } from "../../log";

// A refunded renewal or upgrade takes back what its order changed on the entitlement (the months
// it added, the tier it replaced), once; a purchase's refund revokes its access instead
// (./charge-refunded.ts). A partial refund changes neither: it is recorded and access stays.
export async function revertRefundedChange(order: { id: string; kind: string }, fullyRefunded: boolean) {
  if (order.kind === "purchase" || !fullyRefunded) return;
  const reverted = await revertEntitlementChange(order.id);
  if (reverted) log.info({ orderId: order.id, kind: reverted }, "refunded change taken back");
}

import "server-only";
import { db } from "../db";

export async function claimEntitlementsByEmail(userId: string, email: string) {
  const claimed = await db.entitlement.updateMany({
    where: { userId: null, purchaseEmail: email.toLowerCase() },
    data: { userId },
  });
  await db.order.updateMany({ where: { userId: null, email: email.toLowerCase() }, data: { userId } });
  return claimed.count;
}

// The end of the user's update window for a product (null: every update, or not owned).
export async function findUpdateWindow(userId: string, productSlug: string): Promise<Date | null> {
  const entitlement = await db.entitlement.findFirst({
    where: { userId, product: { slug: productSlug }, status: "active" },
    orderBy: { updatesUntil: { sort: "desc", nulls: "first" } },
    select: { updatesUntil: true },
  });
  return entitlement?.updatesUntil ?? null;
}

// An owner is someone whose purchase still gives access (not revoked, refunded or suspended).
export async function ownsProduct(userId: string, productId: string): Promise<boolean> {
  const found = await db.entitlement.findFirst({
    where: { userId, productId, status: "active" },
    select: { id: true },
  });
  return !!found;
}

import "server-only";
import { db } from "../db";

const tierTerms = {
  id: true,
  name: true,
  priceCents: true,
  renewalPriceCents: true,
  currency: true,
  updateMonths: true,
  machinesPerSeat: true,
  perSeat: true,
  autoRenew: true,
  minSeats: true,
  maxSeats: true,
  taxBehavior: true,
  stripeProductId: true,
  stripeProductAs: true,
} as const;

export type OwnEntitlement = NonNullable<Awaited<ReturnType<typeof findOwnEntitlement>>>;
export type ChangeableTier = OwnEntitlement["product"]["tiers"][number];

// One of the caller's own entitlements, with what renewing or upgrading it needs: its tier, its
// window, the product's tiers on sale. Anyone else's (or an unknown id) is null, alike.
export async function findOwnEntitlement(userId: string, entitlementId: string) {
  const found = await db.entitlement.findFirst({
    where: { id: entitlementId, userId },
    select: {
      id: true,
      status: true,
      updatesUntil: true,
      seats: true,
      stripeSubscriptionId: true,
      license: { select: { key: true } },
      tier: { select: tierTerms },
      product: {
        select: {
          id: true,
          slug: true,
          name: true,
          tagline: true,
          upgradePricing: true,
          tiers: {
            where: { active: true },
            orderBy: [{ position: "asc" }, { createdAt: "asc" }],
            select: tierTerms,
          },
        },
      },
    },
  });
  return found;
}

const costTerms = { priceCents: true, perSeat: true, maxSeats: true } as const;
const costOf = (tier: { priceCents: number; perSeat: boolean }, seats: number) =>
  tier.priceCents * (tier.perSeat ? seats : 1);

// What the caller can renew or upgrade, per product (the library and the product page link to it).
export async function findChangeableEntitlements(userId: string, productIds?: string[]) {
  const rows = await db.entitlement.findMany({
    where: { userId, status: "active", ...(productIds && { productId: { in: productIds } }) },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      productId: true,
      seats: true,
      tier: { select: { id: true, updateMonths: true, renewalPriceCents: true, ...costTerms } },
      product: { select: { tiers: { where: { active: true }, select: { id: true, ...costTerms } } } },
    },
  });
  return rows.map(({ tier, seats, product, ...row }) => ({
    ...row,
    renewable: !!tier?.updateMonths && tier.renewalPriceCents !== null,
    // Another tier on sale that can cost more than this purchase did (at its most seats).
    upgradable:
      !!tier &&
      product.tiers.some(
        (other) => other.id !== tier.id && costOf(other, other.maxSeats) > costOf(tier, seats),
      ),
  }));
}

export async function linkSubscription(entitlementId: string, subscriptionId: string) {
  await db.entitlement.updateMany({
    where: {
      id: entitlementId,
      OR: [{ stripeSubscriptionId: null }, { stripeSubscriptionId: subscriptionId }],
    },
    data: { stripeSubscriptionId: subscriptionId },
  });
}

// A cancelled subscription renews nothing more; the window it paid for stays as it is.
export async function unlinkSubscription(subscriptionId: string) {
  await db.entitlement.updateMany({
    where: { stripeSubscriptionId: subscriptionId },
    data: { stripeSubscriptionId: null },
  });
}

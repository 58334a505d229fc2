import "server-only";
import { db } from "../db";

// The tiers a discount code may be limited to, with the product each belongs to and the Stripe
// Product it is sold as (lib/payments/stripe-products.ts).
export async function tiersForStripe(tierIds: string[]) {
  return db.productTier.findMany({
    where: { id: { in: tierIds } },
    select: {
      id: true,
      name: true,
      stripeProductId: true,
      stripeProductAs: true,
      product: { select: { id: true, name: true, tagline: true } },
    },
  });
}

// Records a newly created Stripe Product unless a concurrent caller recorded one first; answers
// the one the tier is sold as from now on.
export async function claimStripeProduct(tierId: string, stripeProductId: string, as: string) {
  await db.productTier.updateMany({
    where: { id: tierId, stripeProductId: null },
    data: { stripeProductId, stripeProductAs: as },
  });
  const tier = await db.productTier.findUniqueOrThrow({
    where: { id: tierId },
    select: { stripeProductId: true },
  });
  return tier.stripeProductId!;
}

export async function markStripeProductAs(tierId: string, as: string) {
  await db.productTier.update({ where: { id: tierId }, data: { stripeProductAs: as } });
}

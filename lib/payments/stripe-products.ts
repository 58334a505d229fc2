// The Stripe Product a tier is sold as. Checkout names it by id (`price_data.product`) instead of
// describing it inline, because an inline product is a new one on every session, and a coupon
// limited to products (`applies_to.products`) could then never match a purchase. Created on the
// tier's first sale (or first discount code), renamed once when the tier, its product or the tax
// code changes.
import "server-only";
import { claimStripeProduct, markStripeProductAs } from "../dal/stripe-products";
import { stripe } from "./stripe";

export type StripeSellable = {
  tier: { id: string; name: string; stripeProductId: string | null; stripeProductAs: string | null };
  product: { id: string; name: string; tagline: string };
};

export async function stripeProductFor({ tier, product }: StripeSellable, taxCode: string | null) {
  const name = `${product.name} (${tier.name})`;
  const description = product.tagline || undefined;
  // Stripe Tax reads the tax code from the product; with tax off the product keeps whatever it had.
  const shape = { name, ...(description && { description }), ...(taxCode && { tax_code: taxCode }) };
  const as = JSON.stringify(shape);
  if (tier.stripeProductId && tier.stripeProductAs === as) return tier.stripeProductId;
  if (tier.stripeProductId) {
    await stripe().products.update(tier.stripeProductId, shape);
    await markStripeProductAs(tier.id, as);
    return tier.stripeProductId;
  }
  // Two first sales at once may both create one; the loser's stays unused in Stripe.
  const created = await stripe().products.create({
    ...shape,
    metadata: { product_id: product.id, tier_id: tier.id },
  });
  return claimStripeProduct(tier.id, created.id, as);
}

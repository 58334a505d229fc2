"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser } from "../auth/session";
import { MAX_SEATS, seatsFor } from "../catalog/tiers";
import { getTierForCheckout } from "../dal/catalog";
import { getStoreSettings } from "../dal/store-settings";
import { env } from "../env";
import { recordId } from "../input-schemas";
import { log } from "../log";
import { rememberCheckout } from "../payments/checkout-browser";
import { checkoutBranding } from "../payments/checkout-branding";
import { takeCheckoutQuota } from "../payments/checkout-limit";
import { checkoutParams } from "../payments/checkout-params";
import { checkoutSettings } from "../payments/checkout-settings";
import { stripe } from "../payments/stripe";
import { stripeProductFor } from "../payments/stripe-products";
import { requestContext } from "../request-context";
import { failure, type Failure } from "../result";
import { toActionState, type ActionState } from "./action-state";

// The tier defaults to the product's first on sale, and seats to the tier's minimum.
const input = z.object({
  productId: recordId,
  tierId: recordId.optional(),
  seats: z.coerce.number().int().min(1).max(MAX_SEATS).optional(),
});
const field = (formData: unknown, name: string) =>
  formData instanceof FormData ? (formData.get(name) ?? undefined) : undefined;

// Open to guests: the purchase email ties the order to an account later.
export async function startCheckout(_state: ActionState, formData: FormData): Promise<ActionState> {
  return toActionState(await checkout(formData));
}

// Redirects to the checkout page, or answers why not.
async function checkout(formData: FormData): Promise<Failure> {
  // A server action is a public endpoint: its arguments are whatever the request carried.
  const parsed = input.safeParse({
    productId: field(formData, "productId"),
    tierId: field(formData, "tierId") || undefined,
    seats: field(formData, "seats") || undefined,
  });
  if (!parsed.success) return failure("invalid_input", "Choose a product, a tier and a number of seats.");

  const found = await getTierForCheckout(parsed.data.productId, parsed.data.tierId);
  if (!found) return failure("not_found", "This product is not for sale.");
  const { product, tier } = found;
  const seats = seatsFor(tier, parsed.data.seats);
  if (seats === null) {
    const range = tier.perSeat ? `${tier.minSeats} to ${tier.maxSeats} seats` : "one seat";
    return failure("invalid_input", `${tier.name} is sold as ${range}.`);
  }

  const user = await getCurrentUser();
  // Counted for the checkouts that create a Stripe session; a malformed or unknown id costs a lookup.
  const quota = await takeCheckoutQuota((await requestContext()).ip, user?.id ?? null);
  if (!quota.ok) {
    const wait = quota.retryAfterSeconds;
    const message = `Too many checkouts started; try again in ${wait} s.`;
    return failure("rate_limited", message, { retryAfterSeconds: wait });
  }
  let url: string | null;
  try {
    const config = env();
    const settings = await checkoutSettings();
    const buyer = user?.email ? { id: user.id, email: user.email } : null;
    const stripeProductId = await stripeProductFor(
      { product, tier },
      config.STRIPE_TAX ? config.STRIPE_TAX_CODE : null,
    );
    const session = await stripe().checkout.sessions.create({
      ...checkoutParams({ product, tier, seats, buyer, stripeProductId }, settings),
      branding_settings: checkoutBranding(await getStoreSettings(), config.APP_URL),
    });
    url = session.url;
    await rememberCheckout(session.id);
  } catch (error) {
    log.error({ err: error, productId: product.id }, "checkout session could not be created");
    url = null;
  }
  if (!url) return failure("unavailable", "Checkout is unavailable right now. Please try again in a minute.");
  redirect(url);
}

"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser } from "../auth/session";
import { getProductForCheckout } from "../dal/catalog";
import { env } from "../env";
import { recordId } from "../input-schemas";
import { log } from "../log";
import { takeCheckoutQuota } from "../payments/checkout-limit";
import { stripe } from "../payments/stripe";
import { requestContext } from "../request-context";
import { failure, type Failure } from "../result";
import { toActionState, type ActionState } from "./action-state";

const input = z.object({ productId: recordId });

// Open to guests: the purchase email ties the order to an account later.
export async function startCheckout(_state: ActionState, formData: FormData): Promise<ActionState> {
  return toActionState(await checkout(formData));
}

// Redirects to the checkout page, or answers why not.
async function checkout(formData: FormData): Promise<Failure> {
  // A server action is a public endpoint: its arguments are whatever the request carried.
  const parsed = input.safeParse({
    productId: formData instanceof FormData ? formData.get("productId") : undefined,
  });
  if (!parsed.success) return failure("invalid_input", "Choose a product to buy.");

  const product = await getProductForCheckout(parsed.data.productId);
  if (!product) return failure("not_found", "This product is not for sale.");

  const user = await getCurrentUser();
  // Counted for the checkouts that create a Stripe session; a malformed or unknown id costs a lookup.
  const quota = await takeCheckoutQuota((await requestContext()).ip, user?.id ?? null);
  if (!quota.ok) {
    const wait = quota.retryAfterSeconds;
    const message = `Too many checkouts started; try again in ${wait} s.`;
    return failure("rate_limited", message, { retryAfterSeconds: wait });
  }
  const appUrl = env().APP_URL;
  let url: string | null;
  try {
    const session = await stripe().checkout.sessions.create({
      mode: "payment",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: product.currency,
            unit_amount: product.priceCents,
            product_data: {
              name: product.name,
              description: product.tagline || undefined,
              metadata: { product_id: product.id },
            },
          },
        },
      ],
      client_reference_id: user?.id,
      customer_email: user?.email,
      metadata: { product_id: product.id },
      allow_promotion_codes: true,
      success_url: `${appUrl}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${appUrl}/products/${product.slug}?checkout=cancelled`,
    });
    url = session.url;
  } catch (error) {
    log.error({ err: error, productId: product.id }, "checkout session could not be created");
    url = null;
  }
  if (!url) return failure("unavailable", "Checkout is unavailable right now. Please try again in a minute.");
  redirect(url);
}

// The Checkout Session the Buy button creates: what is sold, and which of Stripe Checkout's
// selling features are asked for (tax, tax IDs, consent, promotion codes the buyer types on
// Stripe's page). Every field is Stripe's own, typed by the SDK, so the local stand-in and a real
// sk_test_ key see the same.
import "server-only";
import type Stripe from "stripe";
import type { TaxBehavior } from "../generated/prisma/enums";

export type CheckoutSale = {
  product: { id: string; slug: string; name: string; tagline: string };
  tier: {
    id: string;
    name: string;
    priceCents: number;
    currency: string;
    taxBehavior: TaxBehavior;
    perSeat: boolean;
    minSeats: number;
    maxSeats: number;
  };
  seats: number;
  buyer: { id: string; email: string } | null;
  // The Stripe Product the tier is sold as (./stripe-products.ts), carrying its name and tax code.
  stripeProductId: string;
};

export type CheckoutSettings = {
  appUrl: string;
  tax: boolean;
  taxCode: string;
  withdrawalConsent: boolean;
  invoices: boolean;
  // Printed on the invoice, where a buyer looks for whom to ask.
  supportEmail: string;
};

// Shown beside the consent checkbox (Stripe's custom text for the terms-of-service consent).
export const WITHDRAWAL_CONSENT_TEXT =
  "I agree that delivery of the download starts immediately and that I thereby lose my right of withdrawal.";

export function checkoutParams(
  sale: CheckoutSale,
  settings: CheckoutSettings,
): Stripe.Checkout.SessionCreateParams {
  const { product, tier, seats, buyer, stripeProductId } = sale;
  const metadata = { product_id: product.id, tier_id: tier.id };
  return {
    mode: "payment",
    line_items: [
      {
        quantity: seats,
        // The buyer may still change the seats on the checkout page, within the tier's range.
        ...(tier.perSeat && {
          adjustable_quantity: { enabled: true, minimum: tier.minSeats, maximum: tier.maxSeats },
        }),
        price_data: {
          currency: tier.currency,
          unit_amount: tier.priceCents,
          ...(settings.tax && { tax_behavior: tier.taxBehavior }),
          product: stripeProductId,
        },
      },
    ],
    // Stripe Tax needs the buyer's address; business buyers add their VAT or GST number.
    ...(settings.tax && {
      automatic_tax: { enabled: true },
      billing_address_collection: "required" as const,
      tax_id_collection: { enabled: true },
    }),
    ...(settings.withdrawalConsent && {
      consent_collection: { terms_of_service: "required" as const },
      custom_text: { terms_of_service_acceptance: { message: WITHDRAWAL_CONSENT_TEXT } },
    }),
    // An invoice the buyer can keep (and a business can book), linked from the receipt.
    ...(settings.invoices && {
      invoice_creation: {
        enabled: true,
        invoice_data: { footer: `Questions? Write to ${settings.supportEmail}.`, metadata },
      },
    }),
    client_reference_id: buyer?.id,
    customer_email: buyer?.email,
    metadata,
    allow_promotion_codes: true,
    success_url: `${settings.appUrl}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${settings.appUrl}/products/${product.slug}?checkout=cancelled`,
  };
}

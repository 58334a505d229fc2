// The Checkout Session of a renewal or an upgrade: the same tax, tax-ID, consent, invoice and
// promotion-code settings as a purchase (./checkout-params.ts), a fixed amount, and metadata that
// names the entitlement it changes, so fulfilment extends or upgrades that one and its key.
//
// Automatic renewal is Checkout in `subscription` mode for the renewal price, recurring every
// `updateMonths` months (`recurring.interval: "month"`, `interval_count` up to 36, Stripe's limit).
// Stripe Checkout supports that directly; starting it at a first purchase instead would need the
// first price as a one-time line item beside a recurring one plus a trial until the window ends,
// so the first recurring charge would not be on the receipt the buyer sees now. Starting it from
// the renewal page charges the first period at once and every later invoice extends once more.
import "server-only";
import type Stripe from "stripe";
import { checkoutParams, type CheckoutSale, type CheckoutSettings } from "./checkout-params";

export type ChangeSale = Omit<CheckoutSale, "seats"> & {
  kind: "renewal" | "upgrade";
  entitlementId: string;
  // What is charged: the renewal price per seat, or the upgrade's whole difference as one unit.
  unitAmount: number;
  quantity: number;
  // Renewal: the months one payment adds. Upgrade: the seats the new tier gets.
  months?: number;
  seats?: number;
  automatic?: boolean;
};

export function changeCheckoutParams(
  sale: ChangeSale,
  settings: CheckoutSettings,
): Stripe.Checkout.SessionCreateParams {
  const { kind, entitlementId, unitAmount, quantity, months, seats, automatic, tier } = sale;
  // A fixed quantity: a renewal covers the seats bought, an upgrade is one difference.
  const fixed = { ...tier, priceCents: unitAmount, perSeat: false };
  const base = checkoutParams({ ...sale, tier: fixed, seats: quantity }, settings);
  const metadata = {
    product_id: sale.product.id,
    tier_id: tier.id,
    kind,
    entitlement_id: entitlementId,
    ...(months && { months: String(months) }),
    ...(seats && { seats: String(seats) }),
  };
  const page = `${settings.appUrl}/account/${kind === "renewal" ? "renew" : "upgrade"}/${entitlementId}`;
  const params = { ...base, metadata, cancel_url: `${page}?checkout=cancelled` };
  if (params.invoice_creation) params.invoice_creation.invoice_data!.metadata = metadata;
  if (!automatic || !months) return params;

  // A subscription's invoices are Stripe's own; invoice_creation is for payment mode only.
  const { invoice_creation: _, line_items, ...subscription } = params;
  return {
    ...subscription,
    mode: "subscription",
    line_items: line_items!.map((item) => ({
      ...item,
      price_data: { ...item.price_data!, recurring: { interval: "month" as const, interval_count: months } },
    })),
    subscription_data: { metadata },
  };
}

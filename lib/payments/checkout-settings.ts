import "server-only";
import { env } from "../env";
import { supportAddress } from "../mail/support-address";
import type { CheckoutSettings } from "./checkout-params";

// What every Checkout Session the store creates asks of Stripe (purchases, renewals, upgrades).
export async function checkoutSettings(): Promise<CheckoutSettings> {
  const config = env();
  return {
    appUrl: config.APP_URL,
    tax: config.STRIPE_TAX,
    taxCode: config.STRIPE_TAX_CODE,
    withdrawalConsent: config.WITHDRAWAL_CONSENT,
    invoices: config.STRIPE_INVOICES,
    supportEmail: await supportAddress(),
  };
}

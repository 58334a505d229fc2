import type Stripe from "stripe";
import type { StoreSettings } from "../dal/store-settings";

// The checkout page in the store's name and colour. Stripe fetches a logo itself, so it gets one
// only from a store on https (a local store's URL means nothing to Stripe's servers).
export function checkoutBranding(
  store: StoreSettings,
  appUrl: string,
): Stripe.Checkout.SessionCreateParams.BrandingSettings {
  const logo = store.logoUrl && appUrl.startsWith("https://") ? new URL(store.logoUrl, appUrl).href : null;
  return {
    display_name: store.name,
    button_color: store.accentColor,
    ...(logo && { logo: { type: "url", url: logo } }),
  };
}

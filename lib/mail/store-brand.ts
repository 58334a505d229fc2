// Who every email says it is from and what it looks like: the store's settings (Admin → Settings).
// The sender's name is the store's, replies go to its support address; the address itself stays
// EMAIL_FROM's, the one the mail provider has verified for this store.
import "server-only";
import { DEFAULT_STORE_SETTINGS, getStoreSettings, type StoreSettings } from "../dal/store-settings";
import { env } from "../env";
import { log } from "../log";
import type { EmailBrand } from "./components/email-layout";

export type EmailSender = { from: { name: string; address: string }; replyTo?: string };
export type StoreBrand = { brand: EmailBrand; sender: EmailSender };

// "Downlink <no-reply@example.com>" or a bare "no-reply@example.com".
export const senderAddress = (emailFrom: string) =>
  emailFrom.match(/<([^<>]+)>\s*$/)?.[1] ?? emailFrom.trim();

export async function storeBrand(): Promise<StoreBrand> {
  // A mail that goes out under the default name beats a sign-in link that never goes out.
  const settings: StoreSettings = await getStoreSettings().catch((error) => {
    log.warn({ err: error }, "store settings unavailable; mailing under the default name");
    return DEFAULT_STORE_SETTINGS;
  });
  const appUrl = env().APP_URL;
  // The logo and policy paths are on this store; an email needs them absolute.
  const absolute = (href: string | null) => (href ? new URL(href, appUrl).toString() : null);
  return {
    brand: {
      name: settings.name,
      appUrl,
      logoUrl: absolute(settings.logoUrl),
      accentColor: settings.accentColor,
      supportEmail: settings.supportEmail,
      links: {
        terms: absolute(settings.links.terms),
        privacy: absolute(settings.links.privacy),
        refund: absolute(settings.links.refund),
      },
    },
    sender: {
      // An object, not a string: nodemailer encodes the name, so quotes or commas in it stay a name.
      from: { name: settings.name, address: senderAddress(env().EMAIL_FROM) },
      ...(settings.supportEmail && { replyTo: settings.supportEmail }),
    },
  };
}

// Who every email says it is from: the store's name (Admin → Settings) as the sender's name, and
// its support address for replies. The address stays EMAIL_FROM's, the one the mail provider
// has verified for this store. Templates call it for the name they print.
import "server-only";
import { DEFAULT_STORE_SETTINGS, getStoreSettings, type StoreSettings } from "../dal/store-settings";
import { env } from "../env";
import { log } from "../log";

export type MailBranding = {
  storeName: string;
  supportEmail: string | null;
  from: { name: string; address: string };
  replyTo?: string;
};

// "Downlink <no-reply@example.com>" or a bare "no-reply@example.com".
export const senderAddress = (emailFrom: string) =>
  emailFrom.match(/<([^<>]+)>\s*$/)?.[1] ?? emailFrom.trim();

export async function mailBranding(): Promise<MailBranding> {
  // A mail that goes out under the default name beats a sign-in link that never goes out.
  const settings: StoreSettings = await getStoreSettings().catch((error) => {
    log.warn({ err: error }, "store settings unavailable; mailing under the default name");
    return DEFAULT_STORE_SETTINGS;
  });
  return {
    storeName: settings.name,
    supportEmail: settings.supportEmail,
    // An object, not a string: nodemailer encodes the name, so quotes or commas in it stay a name.
    from: { name: settings.name, address: senderAddress(env().EMAIL_FROM) },
    ...(settings.supportEmail && { replyTo: settings.supportEmail }),
  };
}

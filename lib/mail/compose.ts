// An email, addressed and branded, ready for sendMail: the one way every email is put together.
import "server-only";
import { renderEmail, type EmailOf } from "./registry";
import type { MailMessage } from "./send";
import { storeBrand, type StoreBrand } from "./store-brand";

// A sender with many emails to write reads the brand once and passes it in.
export async function composeEmail(to: string, email: EmailOf, store?: StoreBrand): Promise<MailMessage> {
  const { brand, sender } = store ?? (await storeBrand());
  return { to, ...sender, ...renderEmail(email, brand) };
}

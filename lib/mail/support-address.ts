import "server-only";
import { env } from "../env";
import { mailBranding, senderAddress } from "./branding";

// The seller's support address, printed on receipts and invoices: the one lookup for it. The
// store's own (Admin → Settings), or while none is set the sender's address (EMAIL_FROM).
export async function supportAddress(): Promise<string> {
  return (await mailBranding()).supportEmail ?? senderAddress(env().EMAIL_FROM);
}

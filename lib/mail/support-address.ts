import "server-only";
import { env } from "../env";
import { senderAddress, storeBrand } from "./store-brand";

// The seller's support address, printed on receipts and invoices: the one lookup for it. The
// store's own (Admin → Settings), or while none is set the sender's address (EMAIL_FROM).
export async function supportAddress(): Promise<string> {
  return (await storeBrand()).brand.supportEmail ?? senderAddress(env().EMAIL_FROM);
}

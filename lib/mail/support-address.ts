import { env } from "../env";

// The seller's support address, printed on receipts and invoices: the one lookup for it. Until the
// store has its own settings it is the sender's address (EMAIL_FROM), where replies already go.
export function supportAddress(): string {
  const from = env().EMAIL_FROM;
  return (/<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? from).trim();
}

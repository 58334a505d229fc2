import { formatMoney } from "../money";
import { emailLayout, escapeHtml } from "./layout";
import type { MailMessage } from "./send";

// What the receipt says; the outbox (lib/notifications/outbox.ts) sends it.
export function receiptEmail(
  order: { email: string; amountTotal: number; currency: string; products: string[] },
  appUrl: string,
): MailMessage {
  const total = formatMoney(order.amountTotal, order.currency);
  const items = order.products.join(", ");
  const library = `${appUrl}/library`;
  return {
    to: order.email,
    subject: `Your Downlink receipt: ${items}`,
    text: `Thank you for your purchase.\n\n${items}: ${total}\n\nDownload it any time from your library: ${library}\nSign in with ${order.email}.\n`,
    html: emailLayout({
      title: "Thank you for your purchase",
      bodyHtml: `<strong>${escapeHtml(items)}</strong> — ${escapeHtml(total)}<br>Download every release from your library. Sign in with ${escapeHtml(order.email)}.`,
      link: { href: library, label: "Open your library" },
    }),
  };
}

export function paymentFailedEmail(email: string, appUrl: string): MailMessage {
  return {
    to: email,
    subject: "Your Downlink payment did not go through",
    text: `Your bank transfer for a Downlink purchase failed, so nothing was charged and no access was granted.\nYou can try again at ${appUrl}.\n`,
    html: emailLayout({
      title: "Your payment did not go through",
      bodyHtml:
        "Your bank transfer failed, so nothing was charged and no access was granted. You can try again with another payment method.",
      link: { href: appUrl, label: "Back to the store" },
    }),
  };
}

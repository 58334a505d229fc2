import { formatPrice } from "../format";
import { sendMail } from "./send";

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function layout(title: string, body: string, link: { href: string; label: string }) {
  return `<!doctype html><html><body style="margin:0;background:#f4f4f5;font-family:system-ui,-apple-system,Segoe UI,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:40px 16px">
<table role="presentation" width="100%" style="max-width:480px;background:#fff;border-radius:12px;padding:32px">
<tr><td style="font-size:20px;font-weight:600;color:#18181b">${escapeHtml(title)}</td></tr>
<tr><td style="padding:12px 0 24px;color:#52525b;font-size:15px;line-height:1.6">${body}</td></tr>
<tr><td><a href="${escapeHtml(link.href)}" style="display:inline-block;background:#4f46e5;color:#fff;text-decoration:none;padding:12px 20px;border-radius:8px;font-weight:600">${escapeHtml(link.label)}</a></td></tr>
</table></td></tr></table></body></html>`;
}

export async function sendReceipt(order: { email: string; amountTotal: number; currency: string; products: string[] }, appUrl: string) {
  const total = formatPrice(order.amountTotal, order.currency);
  const items = order.products.join(", ");
  const library = `${appUrl}/library`;
  await sendMail({
    to: order.email,
    subject: `Your Downlink receipt: ${items}`,
    text: `Thank you for your purchase.\n\n${items}: ${total}\n\nDownload it any time from your library: ${library}\nSign in with ${order.email}.\n`,
    html: layout(
      "Thank you for your purchase",
      `<strong>${escapeHtml(items)}</strong> — ${escapeHtml(total)}<br>Download every release from your library. Sign in with ${escapeHtml(order.email)}.`,
      { href: library, label: "Open your library" },
    ),
  });
}

export async function sendPaymentFailed(email: string, appUrl: string) {
  await sendMail({
    to: email,
    subject: "Your Downlink payment did not go through",
    text: `Your bank transfer for a Downlink purchase failed, so nothing was charged and no access was granted.\nYou can try again at ${appUrl}.\n`,
    html: layout(
      "Your payment did not go through",
      "Your bank transfer failed, so nothing was charged and no access was granted. You can try again with another payment method.",
      { href: appUrl, label: "Back to the store" },
    ),
  });
}

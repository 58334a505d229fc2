import { formatDate } from "../format";
import { formatMoney } from "../money";
import { emailLayout, escapeHtml } from "./layout";
import type { MailMessage } from "./send";

// What a receipt says about one order, every amount in the currency's minor unit.
export type ReceiptView = {
  number: number;
  createdAt: Date;
  email: string;
  currency: string;
  amountSubtotal: number;
  amountDiscount: number;
  amountTax: number;
  amountTotal: number;
  promotionCode: string | null;
  taxCountry: string | null;
  taxRateBasisPoints: number | null;
  taxReverseCharge: boolean;
  customerTaxId: string | null;
  paymentMethod: string | null;
  invoiceNumber: string | null;
  invoiceUrl: string | null;
  invoicePdfUrl: string | null;
  items: { product: string; tier: string | null; seats: number; licenseKey: string | null }[];
};
export type ReceiptStore = { appUrl: string; supportEmail: string };

const itemName = (item: ReceiptView["items"][number]) =>
  `${item.product}${item.tier ? ` (${item.tier})` : ""}${item.seats > 1 ? `, ${item.seats} seats` : ""}`;

// "Tax 19 % (DE)", "Tax (reverse charge, VAT ID DE123…)", or nothing when no tax was computed.
function taxLabel(order: ReceiptView) {
  if (order.taxReverseCharge)
    return `Tax (reverse charge${order.customerTaxId ? `, VAT ID ${order.customerTaxId.split(" ").pop()}` : ""})`;
  if (order.taxRateBasisPoints === null) return order.amountTax > 0 ? "Tax" : null;
  const rate = `${order.taxRateBasisPoints / 100} %`;
  return `Tax ${rate}${order.taxCountry ? ` (${order.taxCountry})` : ""}`;
}

// The lines of the receipt, label and value, in the order both the text and the HTML show them;
// the kind says how the HTML sets them (an item's name across the row, a key on its own line).
type Line = [label: string, value: string, kind: "item" | "key" | "amount" | "text"];
function receiptLines(order: ReceiptView): Line[] {
  const money = (amount: number) => formatMoney(amount, order.currency);
  const tax = taxLabel(order);
  const lines: (Line | false)[] = [
    ["Order", String(order.number), "text"],
    ["Date", formatDate(order.createdAt), "text"],
    ...order.items.flatMap((item): (Line | false)[] => [
      [itemName(item), "", "item"],
      !!item.licenseKey && ["Licence key", item.licenseKey, "key"],
    ]),
    ["Subtotal", money(order.amountSubtotal), "amount"],
    order.amountDiscount > 0 && [
      `Discount${order.promotionCode ? ` (${order.promotionCode})` : ""}`,
      `−${money(order.amountDiscount)}`,
      "amount",
    ],
    !!tax && [tax, money(order.amountTax), "amount"],
    ["Total", money(order.amountTotal), "amount"],
    !!order.paymentMethod && ["Paid with", order.paymentMethod, "text"],
  ];
  return lines.filter((line): line is Line => line !== false);
}

const cell = "padding:4px 0;vertical-align:top";
function htmlRow([label, value, kind]: Line) {
  if (kind === "item")
    return `<tr><td colspan="2" style="${cell};padding-top:12px;font-weight:600;color:#18181b">${escapeHtml(label)}</td></tr>`;
  if (kind === "key")
    return (
      `<tr><td colspan="2" style="${cell}">${escapeHtml(label)}<br>` +
      `<code style="font-family:ui-monospace,monospace;white-space:nowrap;color:#18181b">${escapeHtml(value)}</code></td></tr>`
    );
  const style = kind === "amount" ? ";font-family:ui-monospace,monospace" : "";
  const strong = label === "Total" ? ";font-weight:600;color:#18181b" : "";
  return (
    `<tr><td style="${cell}${strong}">${escapeHtml(label)}</td>` +
    `<td style="${cell};padding-left:12px;text-align:right;white-space:nowrap${style}${strong}">${escapeHtml(value)}</td></tr>`
  );
}

// The receipt as an email, from the order alone: subject, text and HTML say the same. The outbox
// (lib/notifications/outbox.ts) sends it.
export function receiptEmail(order: ReceiptView, store: ReceiptStore): MailMessage {
  const items = order.items.map((item) => item.product).join(", ");
  const library = `${store.appUrl}/library`;
  const lines = receiptLines(order);
  const invoice = order.invoiceUrl && {
    text: `Invoice ${order.invoiceNumber ?? ""}: ${order.invoiceUrl}${order.invoicePdfUrl ? `\nInvoice PDF: ${order.invoicePdfUrl}` : ""}`,
    html:
      `<a href="${escapeHtml(order.invoiceUrl)}">Invoice ${escapeHtml(order.invoiceNumber ?? "")}</a>` +
      (order.invoicePdfUrl ? ` · <a href="${escapeHtml(order.invoicePdfUrl)}">PDF</a>` : ""),
  };
  const text = [
    "Thank you for your purchase.",
    "",
    ...lines.map(([label, value]) => (value ? `${label}: ${value}` : label)),
    ...(invoice ? ["", invoice.text] : []),
    "",
    `Download it any time from your library: ${library}`,
    `Sign in with ${order.email}.`,
    `Questions? Write to ${store.supportEmail}.`,
  ].join("\n");
  const rows = lines.map(htmlRow).join("");
  return {
    to: order.email,
    subject: `Your Downlink receipt: ${items}`,
    text: `${text}\n`,
    html: emailLayout({
      title: "Thank you for your purchase",
      bodyHtml:
        `<table role="presentation" width="100%" style="border-collapse:collapse">${rows}</table>` +
        (invoice ? `<p>${invoice.html}</p>` : "") +
        `<p>Download every release from your library. Sign in with ${escapeHtml(order.email)}.</p>`,
      link: { href: library, label: "Open your library" },
      footer: `Questions? Write to ${store.supportEmail}.`,
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

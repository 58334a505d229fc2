import type { OwnOrder } from "@/lib/dal/account";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";

const STATUS: Record<OwnOrder["status"], string> = {
  paid: "Paid",
  partially_refunded: "Partly refunded",
  refunded: "Refunded",
  disputed: "Payment disputed",
  dispute_lost: "Payment reversed",
};

function taxLabel(order: OwnOrder) {
  if (order.taxReverseCharge) return "Tax (reverse charge)";
  if (order.taxRateBasisPoints === null) return "Tax";
  return `Tax ${order.taxRateBasisPoints / 100} %${order.taxCountry ? ` (${order.taxCountry})` : ""}`;
}

// One order as its receipt tells it: what was bought (tier, seats), the amounts in the order's
// own currency, and the invoice Stripe made for it.
export function OrderCard({ order }: { order: OwnOrder }) {
  const money = (amount: number) => formatMoney(amount, order.currency);
  const lines: [string, string][] = [
    ["Subtotal", money(order.amountSubtotal)],
    ...(order.amountDiscount > 0
      ? [
          [
            `Discount${order.promotionCode ? ` (${order.promotionCode})` : ""}`,
            `−${money(order.amountDiscount)}`,
          ] as [string, string],
        ]
      : []),
    [taxLabel(order), money(order.amountTax)],
    ["Total", money(order.amountTotal)],
    ...(order.amountRefunded > 0
      ? [["Refunded", `−${money(order.amountRefunded)}`] as [string, string]]
      : []),
  ];
  return (
    <article
      className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm"
      data-testid={`order-${order.number}`}
    >
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">Order {order.number}</h3>
        <p className="text-sm text-zinc-500">
          {formatDate(order.createdAt)} ·{" "}
          <span className="font-medium text-zinc-700">{STATUS[order.status]}</span>
        </p>
      </header>
      <ul className="space-y-1 text-sm">
        {order.entitlements.map((item) => (
          <li key={item.id} className="font-medium">
            {item.product.name}
            {item.tier && <span className="font-normal text-zinc-600"> · {item.tier.name}</span>}
            {item.seats > 1 && <span className="font-normal text-zinc-600"> · {item.seats} seats</span>}
          </li>
        ))}
      </ul>
      <dl className="grid grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
        {lines.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className={label === "Total" ? "font-semibold" : "text-zinc-500"}>{label}</dt>
            <dd className={`text-right font-mono ${label === "Total" ? "font-semibold" : ""}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {(order.invoiceUrl || order.invoicePdfUrl) && (
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {order.invoiceUrl && (
            <a
              href={order.invoiceUrl}
              className="font-medium text-indigo-700 hover:underline"
              rel="noreferrer"
            >
              Invoice {order.invoiceNumber ?? ""}
            </a>
          )}
          {order.invoicePdfUrl && (
            <a
              href={order.invoicePdfUrl}
              className="font-medium text-indigo-700 hover:underline"
              rel="noreferrer"
            >
              Download PDF
            </a>
          )}
        </p>
      )}
    </article>
  );
}

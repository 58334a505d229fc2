import type { AdminOrder } from "@/lib/dal/admin-orders";
import { formatMoney } from "@/lib/money";

const time = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const REASONS: Record<string, string> = {
  requested_by_customer: "requested by the customer",
  duplicate: "duplicate payment",
  fraudulent: "fraudulent payment",
};

type Entry = { at: Date | null; what: string; detail: string; testId: string };

// The order's payment, its refunds (from the order page or Stripe's dashboard) and its dispute,
// oldest first, as Stripe's events recorded them.
export function OrderHistory({ order }: { order: AdminOrder }) {
  const money = (amount: number) => formatMoney(amount, order.currency);
  const entries: Entry[] = [
    {
      at: order.createdAt,
      what: "Paid",
      detail: `${money(order.amountTotal)}${order.paymentMethod ? ` · ${order.paymentMethod}` : ""}`,
      testId: "history-payment",
    },
    ...order.refunds.map((refund) => ({
      at: refund.createdAt,
      what: `Refund ${money(refund.amount)}`,
      detail: [
        refund.status,
        refund.reason ? (REASONS[refund.reason] ?? refund.reason) : null,
        refund.note ? `“${refund.note}”` : null,
        refund.requestedByEmail ? `by ${refund.requestedByEmail}` : "in Stripe's dashboard",
      ]
        .filter(Boolean)
        .join(" · "),
      testId: "history-refund",
    })),
    ...(order.stripeDisputeId
      ? [
          {
            at: null,
            what: "Dispute",
            detail: `${order.disputeStatus ?? "open"} · ${order.stripeDisputeId}`,
            testId: "history-dispute",
          },
        ]
      : []),
  ];
  return (
    <section className="space-y-3">
      <h2 className="text-lg font-semibold">History</h2>
      <ol className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white text-sm shadow-sm">
        {entries.map((entry, index) => (
          <li key={index} className="flex flex-wrap gap-x-4 gap-y-1 px-5 py-2.5" data-testid={entry.testId}>
            <span className="w-44 text-zinc-500">{entry.at ? `${time.format(entry.at)} UTC` : "—"}</span>
            <span className="font-medium">{entry.what}</span>
            <span className="break-all text-zinc-600">{entry.detail}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

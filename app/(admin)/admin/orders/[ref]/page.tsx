import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OrderHistory } from "@/components/admin/order-history";
import { OrderStatusPill } from "@/components/admin/order-status";
import { RefundForm } from "@/components/admin/refund-form";
import { checkAdmin } from "@/lib/auth/admin";
import { getOrderForAdmin } from "@/lib/dal/admin-orders";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Admin · Order" };

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 px-5 py-2">
      <dt className="text-zinc-600">{term}</dt>
      <dd className="text-right tabular-nums">{children}</dd>
    </div>
  );
}

// A licence key's state as apps see it: its own revocation, or its purchase's.
const keyState = (revoked: boolean, entitlement: string) =>
  revoked
    ? "key revoked"
    : entitlement === "active"
      ? "key works"
      : `key stopped with the purchase (${entitlement})`;

export default async function OrderPage({ params }: { params: Promise<{ ref: string }> }) {
  if ((await checkAdmin()).status === "error") return null;
  const order = await getOrderForAdmin((await params).ref);
  if (!order) notFound();
  const money = (amount: number) => formatMoney(amount, order.currency);
  const remaining = order.amountTotal - order.amountRefunded;
  const refundable =
    remaining > 0 && order.stripePaymentIntentId && !["open", "lost"].includes(order.disputeStatus ?? "");
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <p className="text-sm">
          <Link href="/admin/orders" className="text-indigo-700 hover:underline">
            ← Orders
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">Order #{order.number}</h1>
          <OrderStatusPill status={order.status} />
        </div>
        <p className="break-all text-sm text-zinc-600">
          {formatDate(order.createdAt)} ·{" "}
          {order.user ? (
            <Link href={`/admin/customers/${order.user.id}`} className="text-indigo-700 hover:underline">
              {order.email}
            </Link>
          ) : (
            `${order.email} (not signed in yet)`
          )}
        </p>
      </header>
      <div className="grid gap-8 lg:grid-cols-2">
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">Payment</h2>
          <dl
            className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white text-sm shadow-sm"
            data-testid="order-amounts"
          >
            <Row term="Subtotal">{money(order.amountSubtotal)}</Row>
            {order.amountDiscount > 0 && (
              <Row term={`Discount${order.promotionCode ? ` (${order.promotionCode})` : ""}`}>
                −{money(order.amountDiscount)}
              </Row>
            )}
            <Row
              term={`Tax${order.taxReverseCharge ? " (reverse charge)" : order.taxRateBasisPoints ? ` (${order.taxRateBasisPoints / 100} %${order.taxCountry ? `, ${order.taxCountry}` : ""})` : ""}`}
            >
              {money(order.amountTax)}
            </Row>
            <Row term="Total">{money(order.amountTotal)}</Row>
            <Row term="Refunded">{money(order.amountRefunded)}</Row>
            <Row term="Paid with">{order.paymentMethod ?? "—"}</Row>
            {order.customerTaxId && <Row term="Tax ID">{order.customerTaxId}</Row>}
            <Row term="Invoice">
              {order.invoiceUrl ? (
                <a
                  href={order.invoiceUrl}
                  className="text-indigo-700 hover:underline"
                  target="_blank"
                  rel="noreferrer"
                >
                  {order.invoiceNumber ?? "Open"}
                </a>
              ) : (
                "—"
              )}
            </Row>
          </dl>
        </section>
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">Access</h2>
          <ul
            className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white text-sm shadow-sm"
            data-testid="order-access"
          >
            {order.entitlements.map((item) => (
              <li key={item.id} className="space-y-1 px-5 py-3">
                <p className="font-medium">
                  {item.product.name}
                  {item.tier && ` · ${item.tier.name}`}
                  {item.seats > 1 && ` · ${item.seats} seats`}
                </p>
                <p
                  className={item.status === "active" ? "text-emerald-700" : "text-red-700"}
                  data-testid="entitlement-status"
                >
                  {item.status}
                  {item.reason ? ` (${item.reason})` : ""}
                </p>
                {item.license && (
                  <p className="text-zinc-600">
                    <code className="break-all font-mono">{item.license.key}</code> ·{" "}
                    <span data-testid="key-status">
                      {keyState(item.license.revokedAt !== null, item.status)}
                    </span>{" "}
                    · {item.license._count.activations} machine
                    {item.license._count.activations === 1 ? "" : "s"}
                  </p>
                )}
                <p className="text-zinc-500">
                  {item.updatesUntil ? `Updates until ${formatDate(item.updatesUntil)}` : "Updates forever"}
                </p>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <OrderHistory order={order} />
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Refund</h2>
        <div className="rounded-xl border border-zinc-200 bg-white p-5 text-sm shadow-sm">
          {refundable ? (
            <>
              <p className="mb-3 text-zinc-600">
                {money(remaining)} can be refunded. Stripe makes the refund; the order and the buyer&apos;s
                access change when its webhook arrives, as for a refund made in Stripe&apos;s dashboard. A
                partial refund keeps access; refunding what remains revokes it.
              </p>
              <RefundForm
                orderId={order.id}
                currency={order.currency}
                remaining={remaining}
                attempt={randomUUID()}
              />
            </>
          ) : (
            <p className="text-zinc-600">
              {remaining <= 0
                ? "This order is refunded in full."
                : order.stripePaymentIntentId
                  ? "The payment is disputed: Stripe refunds it only if the dispute is won."
                  : "This order has no Stripe payment to refund."}
            </p>
          )}
        </div>
      </section>
    </div>
  );
}

import { notFound } from "next/navigation";
import { EntitlementChange, GrantForm } from "@/components/admin/entitlement-controls";
import { checkAdmin } from "@/lib/auth/admin";
import { getCustomer, listProductChoices } from "@/lib/dal/customers";
import { formatDate, formatPrice } from "@/lib/format";

const time = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  if (!(await checkAdmin()).ok) return null;
  const [customer, products] = await Promise.all([getCustomer((await params).id), listProductChoices()]);
  if (!customer) notFound();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{customer.email}</h1>
        <p className="text-sm text-zinc-500">
          Customer since {formatDate(customer.createdAt)} · downloads from {customer.distinctAddresses} distinct IP address
          {customer.distinctAddresses === 1 ? "" : "es"}
        </p>
      </header>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Access</h2>
        <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white shadow-sm" data-testid="entitlements">
          {customer.entitlements.map((entitlement) => (
            <li key={entitlement.id} className="space-y-2 px-5 py-4 text-sm">
              <div className="flex flex-wrap items-center gap-3">
                <span className="font-medium">{entitlement.product.name}</span>
                <span className={entitlement.status === "active" ? "text-emerald-700" : "text-red-700"}>{entitlement.status}</span>
                <span className="text-zinc-500">{entitlement.source}{entitlement.reason ? ` · ${entitlement.reason}` : ""}</span>
                <span className="ml-auto text-zinc-500">
                  {entitlement.downloadsSinceReset} downloads since reset
                  {entitlement.product.downloadLimit ? ` of ${entitlement.product.downloadLimit}` : ""} · {entitlement.downloadsTotal} total
                </span>
              </div>
              <EntitlementChange userId={customer.id} entitlementId={entitlement.id} status={entitlement.status} />
            </li>
          ))}
          <li className="px-5 py-4"><GrantForm userId={customer.id} products={products} /></li>
        </ul>
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Orders</h2>
        <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white text-sm shadow-sm">
          {customer.orders.length === 0 && <li className="px-5 py-3 text-zinc-500">No orders.</li>}
          {customer.orders.map((order) => (
            <li key={order.id} className="flex flex-wrap gap-4 px-5 py-3">
              <span>{formatDate(order.createdAt)}</span>
              <span>{formatPrice(order.amountTotal, order.currency)}</span>
              {order.amountRefunded > 0 && <span className="text-red-700">refunded {formatPrice(order.amountRefunded, order.currency)}</span>}
              <span className="text-zinc-500">{order.status}</span>
              <span className="ml-auto font-mono text-xs text-zinc-500">{order.stripeCheckoutSessionId}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Recent downloads</h2>
        <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white text-sm shadow-sm">
          {customer.recent.map((event) => (
            <li key={event.id} className="flex flex-wrap gap-4 px-5 py-2.5">
              <span className="text-zinc-500">{time.format(event.createdAt)}</span>
              <span className="font-mono">{event.file?.filename ?? "—"}</span>
              <span className={event.outcome === "issued" ? "text-emerald-700" : "text-red-700"}>{event.outcome}{event.reason ? ` (${event.reason.split(":")[0]})` : ""}</span>
              <span className="ml-auto font-mono text-xs text-zinc-500">{event.ip ?? "—"}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

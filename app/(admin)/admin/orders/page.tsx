import type { Metadata } from "next";
import Link from "next/link";
import { OrderSearch } from "@/components/admin/order-search";
import { OrderStatusPill } from "@/components/admin/order-status";
import { checkAdmin } from "@/lib/auth/admin";
import { listOrders, orderFilterChoices, orderItem } from "@/lib/dal/admin-orders";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { orderFilters } from "@/lib/schemas/orders";

export const metadata: Metadata = { title: "Admin · Orders" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function OrdersPage({ searchParams }: Props) {
  if ((await checkAdmin()).status === "error") return null;
  const params = await searchParams;
  const parsed = orderFilters.safeParse(params);
  const { q, product = "", tier = "", status = "" } = parsed.success ? parsed.data : { q: "" };
  const before = /^\d{1,9}$/.test(params.before ?? "") ? Number(params.before) : undefined;
  const filters = {
    q,
    productId: product || undefined,
    tierId: tier || undefined,
    status: status || undefined,
  };
  const [page, products] = await Promise.all([listOrders(filters, before), orderFilterChoices()]);
  const query = new URLSearchParams(
    Object.entries({ q, product, tier, status }).filter((entry) => Boolean(entry[1])),
  );
  const withQuery = (path: string, extra: Record<string, string> = {}) => {
    const all = new URLSearchParams({ ...Object.fromEntries(query), ...extra });
    return all.size ? `${path}?${all}` : path;
  };
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Orders</h1>
        {/* A plain link: the export is a route handler that checks the admin itself. */}
        <a
          href={withQuery("/admin/orders/export")}
          className="rounded-lg border border-zinc-300 px-4 py-2 text-sm"
        >
          Export CSV
        </a>
      </header>
      <OrderSearch filters={{ q, product, tier, status }} products={products} />
      <table
        className="block w-full overflow-x-auto sm:table sm:overflow-hidden rounded-xl border border-zinc-200 bg-white text-left text-sm shadow-sm"
        data-testid="orders"
      >
        <thead className="bg-zinc-50 text-xs uppercase text-zinc-500">
          <tr>
            <th className="px-4 py-2 font-medium">Order</th>
            <th className="hidden px-4 py-2 font-medium md:table-cell">Date</th>
            <th className="px-4 py-2 font-medium">Email</th>
            <th className="hidden px-4 py-2 font-medium md:table-cell">Product</th>
            <th className="hidden px-4 py-2 font-medium md:table-cell">Kind</th>
            <th className="px-4 py-2 font-medium">Status</th>
            <th className="px-4 py-2 text-right font-medium">Total</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {page.orders.length === 0 && (
            <tr>
              <td colSpan={7} className="px-4 py-3 text-zinc-500">
                No orders match.
              </td>
            </tr>
          )}
          {page.orders.map((order) => {
            const item = orderItem(order);
            const product = item
              ? `${item.product.name}${item.tier ? ` · ${item.tier.name}` : ""}${item.seats > 1 ? ` · ${item.seats} seats` : ""}`
              : "—";
            return (
              <tr key={order.id}>
                <td className="px-4 py-2.5">
                  <Link
                    href={`/admin/orders/${order.number}`}
                    className="font-medium text-indigo-700 hover:underline"
                  >
                    #{order.number}
                  </Link>
                </td>
                <td className="hidden whitespace-nowrap px-4 py-2.5 text-zinc-600 md:table-cell">
                  {formatDate(order.createdAt)}
                </td>
                <td className="px-4 py-2.5 [overflow-wrap:anywhere]">
                  {order.email}
                  {/* On a phone the date and product go under the email instead of their columns. */}
                  <span className="block text-xs text-zinc-500 md:hidden">
                    {formatDate(order.createdAt)} · {product}
                  </span>
                </td>
                <td className="hidden px-4 py-2.5 md:table-cell">{product}</td>
                <td className="hidden px-4 py-2.5 capitalize text-zinc-600 md:table-cell">{order.kind}</td>
                <td className="px-4 py-2.5">
                  <OrderStatusPill status={order.status} />
                </td>
                <td className="whitespace-nowrap px-4 py-2.5 text-right tabular-nums">
                  {formatMoney(order.amountTotal, order.currency)}
                  {order.amountRefunded > 0 && (
                    <span className="block text-xs text-red-700">
                      −{formatMoney(order.amountRefunded, order.currency)}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {before !== undefined ? (
          <Link href={withQuery("/admin/orders")} className="text-indigo-700 hover:underline">
            Newest orders
          </Link>
        ) : (
          <span />
        )}
        {page.next !== null && (
          <Link
            href={withQuery("/admin/orders", { before: String(page.next) })}
            className="text-indigo-700 hover:underline"
          >
            Older orders
          </Link>
        )}
      </nav>
    </div>
  );
}

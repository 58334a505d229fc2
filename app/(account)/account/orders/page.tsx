import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccountHeader } from "@/components/account/account-nav";
import { OrderCard } from "@/components/account/order-card";
import { getCurrentUser } from "@/lib/auth/session";
import { listOwnOrders } from "@/lib/dal/account";

export const metadata: Metadata = { title: "Orders" };

export default async function AccountOrdersPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=/account/orders");
  const orders = await listOwnOrders(user.id);
  return (
    <div className="space-y-8">
      <AccountHeader email={user.email} current="/account/orders" />
      <section className="space-y-4" aria-labelledby="orders-heading">
        <h2 id="orders-heading" className="text-xl font-semibold">
          Orders
        </h2>
        {orders.length === 0 ? (
          <p className="rounded-xl border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500">
            No orders with {user.email} yet.
          </p>
        ) : (
          <div className="grid gap-4 lg:grid-cols-2">
            {orders.map((order) => (
              <OrderCard key={order.id} order={order} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}

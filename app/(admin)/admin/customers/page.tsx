import type { Metadata } from "next";
import { AdminTable } from "@/components/admin/admin-table";
import Link from "next/link";
import { inputClass } from "@/components/admin/form-message";
import { checkAdmin } from "@/lib/auth/admin";
import { searchCustomers } from "@/lib/dal/customers";

export const metadata: Metadata = { title: "Admin · Customers" };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  if ((await checkAdmin()).status === "error") return null;
  const query = ((await searchParams).q ?? "").trim().slice(0, 200);
  const customers = await searchCustomers(query);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Customers</h1>
      {/* A search, so GET on purpose: the query stays in the URL for back and reload. */}
      <form method="get" className="flex gap-2">
        <input
          name="q"
          defaultValue={query}
          placeholder="Search by email"
          aria-label="Search by email"
          className={`${inputClass} max-w-sm`}
        />
        <button type="submit" className="rounded-lg border border-zinc-300 px-4 py-2 text-sm">
          Search
        </button>
      </form>
      <AdminTable columns={["Email", "Products", "Orders", "Downloads"]}>
        {customers.map((customer) => (
          <tr key={customer.id}>
            <td className="px-4 py-2.5">
              <Link href={`/admin/customers/${customer.id}`} className="text-indigo-700 hover:underline">
                {customer.email}
              </Link>
            </td>
            <td className="px-4 py-2.5">{customer.entitlements}</td>
            <td className="px-4 py-2.5">{customer.orders}</td>
            <td className="px-4 py-2.5">{customer.downloads}</td>
          </tr>
        ))}
      </AdminTable>
    </div>
  );
}

import type { Metadata } from "next";
import { AdminTable } from "@/components/admin/admin-table";
import Link from "next/link";
import { checkAdmin } from "@/lib/auth/admin";
import { listProductsForAdmin } from "@/lib/dal/admin-catalog";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Admin · Products" };

export default async function AdminProductsPage() {
  if ((await checkAdmin()).status === "error") return null;
  const products = await listProductsForAdmin();
  return (
    <div className="space-y-6">
      <header className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Products</h1>
        <Link
          href="/admin/products/new"
          className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500"
        >
          New product
        </Link>
      </header>
      <AdminTable columns={["Product", "Price", "Releases", "Customers", "Status"]}>
        {products.map((product) => (
          <tr key={product.id}>
            <td className="px-4 py-3">
              <Link
                href={`/admin/products/${product.id}`}
                className="font-medium text-indigo-700 hover:underline"
              >
                {product.name}
              </Link>
              <span className="ml-2 font-mono text-xs text-zinc-500">{product.slug}</span>
            </td>
            <td className="px-4 py-3">
              {product.price ? formatMoney(product.price.priceCents, product.price.currency) : "no tier"}
              {product.tiers > 1 && <span className="text-zinc-500"> · {product.tiers} tiers</span>}
            </td>
            <td className="px-4 py-3">{product.releases}</td>
            <td className="px-4 py-3">{product.customers}</td>
            <td className="px-4 py-3">
              {product.active ? (
                <span className="text-emerald-700">on sale</span>
              ) : (
                <span className="text-zinc-500">hidden</span>
              )}
            </td>
          </tr>
        ))}
      </AdminTable>
    </div>
  );
}

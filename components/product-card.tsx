import Link from "next/link";
import type { CatalogProduct } from "@/lib/dal/catalog";
import { formatMoney } from "@/lib/money";

export function ProductCard({ product }: { product: CatalogProduct }) {
  return (
    <Link
      href={`/products/${product.slug}`}
      className="flex h-full flex-col rounded-xl border border-zinc-200 bg-white p-6 shadow-sm transition hover:border-indigo-300 hover:shadow-md"
    >
      <div className="flex items-start justify-between gap-4">
        <h2 className="text-lg font-semibold">{product.name}</h2>
        <span className="rounded-full bg-indigo-50 px-2.5 py-0.5 text-sm font-medium text-indigo-700">
          {product.moreTiers && "from "}
          {formatMoney(product.priceCents, product.currency)}
        </span>
      </div>
      <p className="mt-2 flex-1 text-sm text-zinc-600">{product.tagline}</p>
      <div className="mt-5 flex flex-wrap items-center gap-2 text-xs text-zinc-500">
        {product.latestVersion && <span className="font-mono">v{product.latestVersion}</span>}
        {product.platforms.map((platform) => (
          <span key={platform} className="rounded bg-zinc-100 px-2 py-0.5 text-zinc-700">
            {platform}
          </span>
        ))}
      </div>
    </Link>
  );
}

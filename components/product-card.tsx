import Link from "next/link";
import type { CatalogProduct } from "@/lib/dal/catalog";
import { formatMoney } from "@/lib/money";

// `eager`: the cards the first screen shows load at once; the rest wait until scrolled near.
export function ProductCard({ product, eager = false }: { product: CatalogProduct; eager?: boolean }) {
  const { cover } = product;
  return (
    <Link
      href={`/products/${product.slug}`}
      className="flex h-full flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm transition hover:border-indigo-300 hover:shadow-md"
    >
      {cover && (
        // The stored width and height reserve the box before the image arrives (no layout shift);
        // the box keeps one shape across cards whatever each cover's proportions.
        // eslint-disable-next-line @next/next/no-img-element -- immutable images of our own, measured when stored
        <img
          src={cover.url}
          alt={cover.alt}
          width={cover.width}
          height={cover.height}
          loading={eager ? "eager" : "lazy"}
          decoding="async"
          className="aspect-[1200/630] w-full border-b border-zinc-100 bg-zinc-100 object-cover"
          data-testid="card-cover"
        />
      )}
      <div className="flex flex-1 flex-col p-6">
        <div className="flex items-start justify-between gap-4">
          <h2 className="text-lg font-semibold">{product.name}</h2>
          <span className="shrink-0 rounded-full bg-indigo-50 px-2.5 py-0.5 text-sm font-medium text-indigo-700">
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
      </div>
    </Link>
  );
}

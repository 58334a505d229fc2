import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Markdown } from "@/components/markdown";
import { ProductCover, ProductGallery } from "@/components/product-gallery";
import { TierPicker } from "@/components/tier-picker";
import { ProductJsonLd } from "@/components/product-json-ld";
import { getCurrentUser } from "@/lib/auth/session";
import { getProductPage } from "@/lib/dal/catalog";
import { ownsProduct } from "@/lib/dal/entitlements";
import { findChangeableEntitlements } from "@/lib/dal/renewals";
import { getStoreSettings } from "@/lib/dal/store-settings";
import { env } from "@/lib/env";
import { formatDate } from "@/lib/format";
import { priceInputValue } from "@/lib/money";
import { shareImageOf, shareMetadata } from "@/lib/seo/share-metadata";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ checkout?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [product, store] = await Promise.all([getProductPage((await params).slug), getStoreSettings()]);
  if (!product) return { title: "Not found" };
  return shareMetadata(store, {
    title: product.name,
    description: product.tagline || `${product.name} from ${store.name}`,
    path: `/products/${product.slug}`,
    image: product.cover ?? undefined,
  });
}

export default async function ProductPage({ params, searchParams }: Props) {
  const [product, store, user] = await Promise.all([
    getProductPage((await params).slug),
    getStoreSettings(),
    getCurrentUser(),
  ]);
  if (!product) notFound();
  const cancelled = (await searchParams).checkout === "cancelled";
  const owned = user ? await ownsProduct(user.id, product.id) : false;
  // The owner's purchase that can be renewed or upgraded, if any.
  const changeable = owned && user ? (await findChangeableEntitlements(user.id, [product.id]))[0] : undefined;
  const { latest } = product;
  const url = new URL(`/products/${product.slug}`, env().APP_URL).href;

  return (
    <div className="grid gap-10 lg:grid-cols-[1fr_300px]">
      <ProductJsonLd
        data={{
          "@type": "Product",
          name: product.name,
          description: product.tagline || undefined,
          url,
          image: (product.cover
            ? [product.cover, ...product.screenshots]
            : [{ url: shareImageOf(store) }]
          ).map((image) => new URL(image.url, env().APP_URL).href),
          brand: { "@type": "Brand", name: store.name },
          // One offer per tier on sale (a per-seat tier's price is per seat).
          offers: product.tiers.map((tier) => ({
            "@type": "Offer",
            name: tier.name,
            url,
            price: priceInputValue(tier.priceCents, tier.currency),
            priceCurrency: tier.currency.toUpperCase(),
            availability: "https://schema.org/InStock",
          })),
        }}
      />
      <article className="min-w-0 space-y-8">
        <header className="space-y-2">
          <h1 className="break-words text-3xl font-semibold tracking-tight">{product.name}</h1>
          <p className="text-lg text-zinc-600">{product.tagline}</p>
        </header>
        {product.cover && <ProductCover cover={product.cover} />}
        <Markdown>{product.description}</Markdown>
        <ProductGallery screenshots={product.screenshots} />
        {product.releases.length > 0 && (
          <section className="space-y-4">
            <h2 className="text-lg font-semibold">Changelog</h2>
            {product.releases.map((release) => (
              <div key={release.version} className="rounded-lg border border-zinc-200 bg-white p-4">
                <div className="flex items-center gap-3 text-sm">
                  <span className="font-mono font-semibold">v{release.version}</span>
                  {release.channel !== "stable" && (
                    <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800">
                      {release.channel}
                    </span>
                  )}
                  <span className="text-zinc-500">{formatDate(release.publishedAt)}</span>
                </div>
                <Markdown>{release.notes}</Markdown>
              </div>
            ))}
          </section>
        )}
      </article>
      <aside className="h-fit space-y-4 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm lg:sticky lg:top-6">
        <p className="text-sm text-zinc-500">One-time purchase · every release in your library</p>
        {cancelled && (
          <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-800">
            Checkout was cancelled. You were not charged.
          </p>
        )}
        {owned ? (
          <div
            className="space-y-3 rounded-lg bg-emerald-50 p-4 text-sm text-emerald-900"
            data-testid="owned"
          >
            <p className="font-semibold">You own this</p>
            <p>Every release you are entitled to is in your library.</p>
            <Link
              href="/library"
              className="block rounded-lg bg-accent px-5 py-2.5 text-center font-semibold text-white hover:opacity-90"
            >
              Open your library
            </Link>
            {(changeable?.renewable || changeable?.upgradable) && (
              <p className="flex flex-wrap justify-center gap-x-4 gap-y-1" data-testid="owner-changes">
                {changeable.renewable && (
                  <Link href={`/account/renew/${changeable.id}`} className="font-medium underline">
                    Renew updates
                  </Link>
                )}
                {changeable.upgradable && (
                  <Link href={`/account/upgrade/${changeable.id}`} className="font-medium underline">
                    Upgrade your tier
                  </Link>
                )}
              </p>
            )}
          </div>
        ) : (
          <TierPicker
            product={{ id: product.id, name: product.name }}
            tiers={product.tiers}
            taxAtCheckout={product.taxAtCheckout}
          />
        )}
        {(latest || product.platforms.length > 0) && (
          <dl className="space-y-1 border-t border-zinc-100 pt-4 text-sm">
            {latest && (
              <div className="flex justify-between gap-4">
                <dt className="text-zinc-500">Latest</dt>
                <dd className="font-mono">v{latest.version}</dd>
              </div>
            )}
            {product.platforms.length > 0 && (
              <div className="flex justify-between gap-4">
                <dt className="text-zinc-500">Platforms</dt>
                <dd className="text-right" data-testid="platforms">
                  {product.platforms.join(", ")}
                </dd>
              </div>
            )}
          </dl>
        )}
      </aside>
    </div>
  );
}

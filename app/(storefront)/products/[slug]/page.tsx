import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Markdown } from "@/components/markdown";
import { TierPicker } from "@/components/tier-picker";
import { getProductPage } from "@/lib/dal/catalog";
import { formatDate } from "@/lib/format";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ checkout?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await getProductPage((await params).slug);
  return { title: product?.name ?? "Not found" };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const product = await getProductPage((await params).slug);
  if (!product) notFound();
  const cancelled = (await searchParams).checkout === "cancelled";
  const { latest } = product;

  return (
    <div className="grid gap-10 lg:grid-cols-[1fr_300px]">
      <article className="space-y-8">
        <header className="space-y-2">
          <h1 className="text-3xl font-semibold tracking-tight">{product.name}</h1>
          <p className="text-lg text-zinc-600">{product.tagline}</p>
        </header>
        <Markdown>{product.description}</Markdown>
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
        <TierPicker
          product={{ id: product.id, name: product.name }}
          tiers={product.tiers}
          taxAtCheckout={product.taxAtCheckout}
        />
        {latest && (
          <dl className="space-y-1 border-t border-zinc-100 pt-4 text-sm">
            <div className="flex justify-between">
              <dt className="text-zinc-500">Latest</dt>
              <dd className="font-mono">v{latest.version}</dd>
            </div>
            <div className="flex justify-between">
              <dt className="text-zinc-500">Platforms</dt>
              <dd>{latest.platforms.join(", ")}</dd>
            </div>
          </dl>
        )}
      </aside>
    </div>
  );
}

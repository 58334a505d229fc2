import Link from "next/link";
import { notFound } from "next/navigation";
import { ProductForm } from "@/components/admin/product-form";
import { ProductMediaEditor } from "@/components/admin/product-media-editor";
import { NewReleaseForm } from "@/components/admin/release-form";
import { TierEditor } from "@/components/admin/tier-editor";
import { checkAdmin } from "@/lib/auth/admin";
import { getProductForAdmin } from "@/lib/dal/admin-catalog";
import { formatDate } from "@/lib/format";
import { priceInputValue } from "@/lib/money";

const statusStyle = {
  draft: "bg-zinc-100 text-zinc-700",
  published: "bg-emerald-100 text-emerald-800",
  yanked: "bg-red-100 text-red-800",
};

export default async function AdminProductPage({ params }: { params: Promise<{ id: string }> }) {
  if ((await checkAdmin()).status === "error") return null;
  const product = await getProductForAdmin((await params).id);
  if (!product) notFound();
  const [first] = product.tiers;
  const values = {
    id: product.id,
    name: product.name,
    slug: product.slug,
    tagline: product.tagline,
    description: product.description,
    price: first ? priceInputValue(first.priceCents, first.currency) : "",
    currency: first?.currency ?? "usd",
    active: product.active,
    downloadLimit: product.downloadLimit?.toString() ?? "",
    activationLimit: first?.machinesPerSeat?.toString() ?? "",
    updateMonths: first?.updateMonths?.toString() ?? "",
    upgradePricing: product.upgradePricing,
  };
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">{product.name}</h1>
      <ProductForm values={values} />
      <ProductMediaEditor productId={product.id} productName={product.name} images={product.images} />
      <TierEditor productId={product.id} tiers={product.tiers} />
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Releases</h2>
        <NewReleaseForm productId={product.id} />
        <ul className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm">
          {product.releases.map((release) => (
            <li key={release.id} className="flex items-center gap-3 px-5 py-3 text-sm">
              <Link
                href={`/admin/releases/${release.id}`}
                className="font-mono font-semibold text-indigo-700 hover:underline"
              >
                v{release.version}
              </Link>
              <span className={`rounded px-2 py-0.5 text-xs ${statusStyle[release.status]}`}>
                {release.status}
              </span>
              <span className="text-zinc-500">{release.channel}</span>
              <span className="text-zinc-500">{release._count.files} files</span>
              <span className="ml-auto text-zinc-500">
                {formatDate(release.publishedAt ?? release.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

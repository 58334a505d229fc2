import type { Metadata } from "next";
import { connection } from "next/server";
import { ProductCard } from "@/components/product-card";
import { listCatalog } from "@/lib/dal/catalog";
import { getStoreSettings } from "@/lib/dal/store-settings";
import { shareMetadata, STORE_DESCRIPTION } from "@/lib/seo/share-metadata";

export async function generateMetadata(): Promise<Metadata> {
  const store = await getStoreSettings();
  return {
    ...shareMetadata(store, { title: store.name, description: STORE_DESCRIPTION, path: "/" }),
    title: { absolute: store.name },
  };
}

export default async function StorePage() {
  await connection();
  const [products, store] = await Promise.all([listCatalog(), getStoreSettings()]);
  return (
    <div className="space-y-10">
      <section className="space-y-3">
        <p className="text-sm font-medium uppercase tracking-wide text-zinc-500">{store.name}</p>
        <h1 className="text-3xl font-semibold tracking-tight">Software, straight from the makers</h1>
        <p className="max-w-2xl text-zinc-600">
          Buy once, download every release. Your library keeps every version, platform and checksum in one
          place.
        </p>
      </section>
      {products.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-10 text-center text-zinc-500">
          No products are for sale yet.
        </p>
      ) : (
        <ul className="grid gap-6 sm:grid-cols-2">
          {products.map((product, index) => (
            <li key={product.id} className="min-w-0">
              <ProductCard product={product} eager={index < 2} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

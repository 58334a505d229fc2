import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { listCatalogPaths } from "@/lib/dal/catalog";
import { env } from "@/lib/env";

// The store front and every product on sale, as they are now (read per request, not at build).
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  await connection();
  const appUrl = env().APP_URL;
  const products = await listCatalogPaths();
  return [
    { url: new URL("/", appUrl).href, changeFrequency: "daily" },
    ...products.map((product) => ({
      url: new URL(`/products/${product.slug}`, appUrl).href,
      lastModified: product.updatedAt,
      changeFrequency: "weekly" as const,
    })),
  ];
}

import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { env } from "@/lib/env";

// The store front and product pages are for search engines; accounts, admin, checkout results,
// downloads and the APIs are not (they answer per visitor, or need a session or a key).
export default async function robots(): Promise<MetadataRoute.Robots> {
  await connection(); // APP_URL is read at run time, never baked in at build
  const appUrl = env().APP_URL;
  return {
    rules: {
      userAgent: "*",
      allow: ["/", "/products/"],
      disallow: [
        "/admin",
        "/account",
        "/library",
        "/checkout",
        "/download",
        "/api/",
        "/signin",
        "/unsubscribe",
      ],
    },
    sitemap: new URL("/sitemap.xml", appUrl).href,
  };
}

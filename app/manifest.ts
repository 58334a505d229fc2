import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { getStoreSettings } from "@/lib/dal/store-settings";

// "Add to home screen" names the store as its settings do, with the icons in public/.
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  await connection();
  const store = await getStoreSettings();
  return {
    name: store.name,
    short_name: store.name.slice(0, 12),
    start_url: "/",
    display: "browser",
    theme_color: store.accentColor,
    background_color: "#fafafa",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
    ],
  };
}

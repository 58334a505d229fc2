import type { Metadata, Viewport } from "next";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { getStoreSettings } from "@/lib/dal/store-settings";
import { env } from "@/lib/env";
import { shareMetadata, STORE_DESCRIPTION } from "@/lib/seo/share-metadata";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const store = await getStoreSettings();
  return {
    ...shareMetadata(store, { title: store.name, description: STORE_DESCRIPTION }),
    metadataBase: new URL(env().APP_URL),
    title: { default: store.name, template: `%s · ${store.name}` },
    applicationName: store.name,
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "32x32" },
        { url: "/icon.svg", type: "image/svg+xml" },
      ],
      apple: "/apple-touch-icon.png",
    },
    manifest: "/manifest.webmanifest",
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const store = await getStoreSettings();
  return (
    // The accent is a validated #rrggbb (lib/schemas/store-settings.ts); Tailwind's accent utilities read it.
    <html lang="en" style={{ "--color-accent": store.accentColor } as React.CSSProperties}>
      <body className="min-h-screen font-sans">
        <a
          href="#content"
          className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-700 focus:not-sr-only focus:absolute focus:left-4 focus:top-3 focus:z-10"
        >
          Skip to content
        </a>
        <SiteHeader store={store} />
        <main id="content" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-10 outline-none sm:px-6">
          {children}
        </main>
        <SiteFooter store={store} />
      </body>
    </html>
  );
}

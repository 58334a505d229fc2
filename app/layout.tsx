import type { Metadata } from "next";
import { SiteHeader } from "@/components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Downlink", template: "%s · Downlink" },
  description: "Software you buy, delivered straight from the source.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <a
          href="#content"
          className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-700 focus:not-sr-only focus:absolute focus:left-4 focus:top-3 focus:z-10"
        >
          Skip to content
        </a>
        <SiteHeader />
        <main id="content" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-10 outline-none sm:px-6">
          {children}
        </main>
        <footer className="mx-auto max-w-5xl px-4 pb-10 text-xs text-zinc-500 sm:px-6">
          Downloads are served from private storage through links that expire within minutes.
        </footer>
      </body>
    </html>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ChannelFilter } from "@/components/channel-filter";
import { LibraryFiles } from "@/components/library-files";
import { LibraryProduct } from "@/components/library-product";
import { getCurrentUser } from "@/lib/auth/session";
import { listLibraryFiles } from "@/lib/dal/customer-files";
import { getLibrary } from "@/lib/dal/library";
import { getStoreSettings } from "@/lib/dal/store-settings";

export const metadata: Metadata = { title: "Your library" };

type Props = { searchParams: Promise<{ channel?: string }> };

export default async function LibraryPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=/library");
  const requested = (await searchParams).channel;
  const channel = requested === "stable" || requested === "beta" ? requested : undefined;
  const [items, files, store] = await Promise.all([
    getLibrary(user.id, channel),
    listLibraryFiles(user.id),
    getStoreSettings(),
  ]);

  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-3xl font-semibold tracking-tight">Your library</h1>
          <p className="text-zinc-600">
            Every release of everything you bought. Download links are made when you click and expire within
            minutes.
          </p>
        </div>
        {items.some((item) => item.hasBeta) && <ChannelFilter current={channel} />}
      </header>
      {files.length > 0 && <LibraryFiles files={files} />}
      {items.length === 0 && files.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center">
          <p className="font-medium">Nothing here yet</p>
          <p className="mt-1 text-sm text-zinc-500">Purchases made with {user.email} show up here.</p>
          <Link href="/" className="mt-4 inline-block text-sm font-medium text-indigo-600 hover:underline">
            Browse the store
          </Link>
        </div>
      ) : (
        items.map((item) => (
          <LibraryProduct key={item.productId} item={item} supportEmail={store.supportEmail} />
        ))
      )}
    </div>
  );
}

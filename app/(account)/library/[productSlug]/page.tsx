import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ChannelFilter } from "@/components/channel-filter";
import { libraryHref, Pager } from "@/components/library-nav";
import { LibraryProduct } from "@/components/library-product";
import { getCurrentUser } from "@/lib/auth/session";
import { getLibraryProduct } from "@/lib/dal/library";
import { getStoreSettings } from "@/lib/dal/store-settings";
import { libraryParams, type LibrarySearchParams } from "../params";

export const metadata: Metadata = { title: "Your library" };

type Props = { params: Promise<{ productSlug: string }>; searchParams: Promise<LibrarySearchParams> };

// Every release of one product the customer owns, a page at a time. A product they do not own is
// not found, exactly like one that does not exist.
export default async function LibraryProductPage({ params, searchParams }: Props) {
  const { productSlug } = await params;
  const path = `/library/${encodeURIComponent(productSlug)}`;
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  const { channel, page } = libraryParams(await searchParams);
  const [owned, store] = await Promise.all([
    getLibraryProduct(user.id, productSlug, { channel, page }),
    getStoreSettings(),
  ]);
  if (!owned) notFound();
  const { item } = owned;

  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <Link href="/library" className="text-sm text-indigo-600 hover:underline">
            ← Your library
          </Link>
          <h1 className="text-3xl font-semibold tracking-tight">{item.name}</h1>
          <p className="text-zinc-600">
            {item.releaseCount} version{item.releaseCount === 1 ? "" : "s"}
            {channel ? ` in the ${channel} channel` : ""}, newest first.
          </p>
        </div>
        {(item.hasBeta || channel) && <ChannelFilter base={path} params={{ channel }} />}
      </header>
      <LibraryProduct item={item} supportEmail={store.supportEmail} />
      <Pager
        base={path}
        params={{ channel }}
        page={owned.page}
        pageCount={owned.pageCount}
        label={`Versions of ${item.name}`}
      />
      {owned.page === 1 && owned.pageCount === 1 ? null : (
        <p className="text-center text-sm text-zinc-500">
          <Link href={libraryHref(path, { channel })} className="hover:underline">
            Newest first
          </Link>
        </p>
      )}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ChannelFilter } from "@/components/channel-filter";
import { LibraryFiles } from "@/components/library-files";
import { LibrarySearch, libraryHref, Pager, type LibraryParams } from "@/components/library-nav";
import { LibraryProduct } from "@/components/library-product";
import { getCurrentUser } from "@/lib/auth/session";
import { listLibraryFiles } from "@/lib/dal/customer-files";
import { getLibrary } from "@/lib/dal/library";
import { getStoreSettings } from "@/lib/dal/store-settings";
import { libraryParams, type LibrarySearchParams } from "./params";

export const metadata: Metadata = { title: "Your library" };

type Props = { searchParams: Promise<LibrarySearchParams> };

// A page of products, each with its newest releases; every older version is one click away on the
// product's own library page (library/[productSlug]).
export default async function LibraryPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=/library");
  const params = libraryParams(await searchParams);
  const [library, files, store] = await Promise.all([
    getLibrary(user.id, { ...params, query: params.q }),
    // Files made for the customer come first, on the first page only.
    params.page > 1 || params.q ? [] : listLibraryFiles(user.id),
    getStoreSettings(),
  ]);
  const { items, total } = library;
  const current: LibraryParams = { ...params, page: library.page };

  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-3xl font-semibold tracking-tight">Your library</h1>
          <p className="text-zinc-600">
            Everything you bought, with its newest releases; every version is one click away. Download links
            are made when you click and expire within minutes.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {(total > 1 || params.q) && <LibrarySearch query={params.q} channel={params.channel} />}
          {(items.some((item) => item.hasBeta) || params.channel) && <ChannelFilter params={current} />}
        </div>
      </header>
      {files.length > 0 && <LibraryFiles files={files} />}
      {params.q && (
        <p className="text-sm text-zinc-600" data-testid="library-search-result">
          {total} product{total === 1 ? "" : "s"} matching “{params.q}”.{" "}
          <Link
            href={libraryHref("/library", { channel: params.channel })}
            className="text-indigo-600 hover:underline"
          >
            Show everything
          </Link>
        </p>
      )}
      {items.length === 0 && files.length === 0 && !params.q ? (
        <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center">
          <p className="font-medium">Nothing here yet</p>
          <p className="mt-1 text-sm text-zinc-500">Purchases made with {user.email} show up here.</p>
          <Link href="/" className="mt-4 inline-block text-sm font-medium text-indigo-600 hover:underline">
            Browse the store
          </Link>
        </div>
      ) : (
        items.map((item) => (
          <LibraryProduct
            key={item.productId}
            item={item}
            supportEmail={store.supportEmail}
            allVersions={libraryHref(`/library/${item.slug}`, { channel: params.channel })}
          />
        ))
      )}
      <Pager
        base="/library"
        params={current}
        page={library.page}
        pageCount={library.pageCount}
        label="Library pages"
      />
    </div>
  );
}

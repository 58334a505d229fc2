import Link from "next/link";

export type LibraryParams = { channel?: "stable" | "beta"; q?: string; page?: number };

// A library address that keeps the other filters: the channel, the search and the page.
export function libraryHref(base: string, params: LibraryParams) {
  const search = new URLSearchParams();
  if (params.q) search.set("q", params.q);
  if (params.channel) search.set("channel", params.channel);
  if (params.page && params.page > 1) search.set("page", String(params.page));
  const query = search.toString();
  return query ? `${base}?${query}` : base;
}

// A plain GET form: searching works before (and without) JavaScript, and the address can be shared.
export function LibrarySearch({ query, channel }: { query?: string; channel?: string }) {
  return (
    <form method="get" action="/library" role="search" className="flex gap-2">
      <label className="sr-only" htmlFor="library-search">
        Search your library
      </label>
      <input
        id="library-search"
        type="search"
        name="q"
        defaultValue={query}
        maxLength={100}
        placeholder="Search your products"
        className="w-56 min-w-0 rounded-lg border border-zinc-300 px-3 py-1.5 text-sm"
      />
      {channel && <input type="hidden" name="channel" value={channel} />}
      <button
        type="submit"
        className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100"
      >
        Search
      </button>
    </form>
  );
}

export function Pager({
  base,
  params,
  page,
  pageCount,
  label,
}: {
  base: string;
  params: LibraryParams;
  page: number;
  pageCount: number;
  label: string;
}) {
  if (pageCount <= 1) return null;
  const link = "rounded-md border border-zinc-300 px-3 py-1.5 hover:bg-zinc-100";
  return (
    <nav aria-label={label} className="flex items-center justify-center gap-3 text-sm" data-testid="pager">
      {page > 1 && (
        <Link href={libraryHref(base, { ...params, page: page - 1 })} rel="prev" className={link}>
          Previous
        </Link>
      )}
      <span className="text-zinc-600">
        Page {page} of {pageCount}
      </span>
      {page < pageCount && (
        <Link href={libraryHref(base, { ...params, page: page + 1 })} rel="next" className={link}>
          Next
        </Link>
      )}
    </nav>
  );
}

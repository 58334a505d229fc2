// The library's address: ?channel=stable|beta, ?q= (a product's name or slug), ?page=. Anything else
// is ignored rather than refused: these are links a customer bookmarks, not an API.
export type LibrarySearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function libraryParams(search: LibrarySearchParams) {
  const channel: string | undefined = first(search.channel);
  const page = Number(first(search.page));
  return {
    channel: channel === "stable" || channel === "beta" ? (channel as "stable" | "beta") : undefined,
    q: first(search.q)?.trim().slice(0, 100) || undefined,
    page: Number.isSafeInteger(page) && page > 1 ? page : 1,
  };
}

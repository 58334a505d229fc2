import Link from "next/link";
import { libraryHref, type LibraryParams } from "./library-nav";

const options = [
  { label: "All", value: undefined },
  { label: "Stable", value: "stable" },
  { label: "Beta", value: "beta" },
] as const;

// Choosing a channel keeps the search and starts again at the first page.
export function ChannelFilter({ base = "/library", params }: { base?: string; params: LibraryParams }) {
  const current = params.channel;
  return (
    <nav
      aria-label="Release channel"
      className="flex rounded-lg border border-zinc-200 bg-white p-0.5 text-sm"
    >
      {options.map((option) => (
        <Link
          key={option.label}
          href={libraryHref(base, { q: params.q, channel: option.value })}
          aria-current={current === option.value ? "page" : undefined}
          className={`rounded-md px-3 py-1 ${current === option.value ? "bg-zinc-900 text-white" : "text-zinc-600 hover:bg-zinc-100"}`}
        >
          {option.label}
        </Link>
      ))}
    </nav>
  );
}

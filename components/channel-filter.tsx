import Link from "next/link";

const options = [
  { label: "All", value: undefined },
  { label: "Stable", value: "stable" },
  { label: "Beta", value: "beta" },
] as const;

export function ChannelFilter({ current }: { current?: "stable" | "beta" }) {
  return (
    <nav
      aria-label="Release channel"
      className="flex rounded-lg border border-zinc-200 bg-white p-0.5 text-sm"
    >
      {options.map((option) => (
        <Link
          key={option.label}
          href={option.value ? `/library?channel=${option.value}` : "/library"}
          aria-current={current === option.value ? "page" : undefined}
          className={`rounded-md px-3 py-1 ${current === option.value ? "bg-zinc-900 text-white" : "text-zinc-600 hover:bg-zinc-100"}`}
        >
          {option.label}
        </Link>
      ))}
    </nav>
  );
}

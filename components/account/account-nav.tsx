import Link from "next/link";

const SECTIONS = [
  { href: "/account", label: "Licences and downloads" },
  { href: "/account/orders", label: "Orders" },
  { href: "/account/emails", label: "Emails" },
] as const;

export type AccountSection = (typeof SECTIONS)[number]["href"];

// The portal's sub-pages; each page names itself, so the renewal and upgrade pages under /account
// (which have their own layout needs) are not wrapped in it.
export function AccountHeader({ email, current }: { email: string; current: AccountSection }) {
  return (
    <header className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-3xl font-semibold tracking-tight">Account</h1>
        <p className="break-all text-zinc-600">Signed in as {email}.</p>
      </div>
      <nav aria-label="Account" className="flex flex-wrap gap-2 border-b border-zinc-200 pb-3 text-sm">
        {SECTIONS.map((section) => (
          <Link
            key={section.href}
            href={section.href}
            aria-current={section.href === current ? "page" : undefined}
            className={`rounded-lg px-3 py-1.5 font-medium ${
              section.href === current ? "bg-zinc-900 text-white" : "text-zinc-600 hover:bg-zinc-100"
            }`}
          >
            {section.label}
          </Link>
        ))}
      </nav>
    </header>
  );
}

import Link from "next/link";
import { redirect } from "next/navigation";
import { checkAdmin } from "@/lib/auth/admin";

const sections = [
  { href: "/admin", label: "Products" },
  { href: "/admin/orders", label: "Orders" },
  { href: "/admin/customers", label: "Customers" },
  { href: "/admin/discounts", label: "Discounts" },
  { href: "/admin/analytics", label: "Analytics" },
  { href: "/admin/share", label: "Share links" },
  { href: "/admin/tokens", label: "API tokens" },
  { href: "/admin/webhooks", label: "Webhooks" },
  { href: "/admin/settings", label: "Settings" },
];

// Navigation and a first check only: every admin page, action and route checks again itself.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const check = await checkAdmin();
  if (check.status === "error" && check.code === "unauthorized") redirect("/signin?callbackUrl=/admin");
  if (check.status === "error") {
    return (
      <div className="mx-auto max-w-md rounded-xl border border-zinc-200 bg-white p-8 text-center shadow-sm">
        <h1 className="text-xl font-semibold">Admins only</h1>
        <p className="mt-2 text-sm text-zinc-600">{check.message}</p>
      </div>
    );
  }
  return (
    <div className="space-y-8">
      <nav
        className="flex flex-wrap items-center gap-1 border-b border-zinc-200 pb-3 text-sm"
        aria-label="Admin"
      >
        <span className="mr-3 rounded bg-zinc-900 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-white">
          Admin
        </span>
        {sections.map((section) => (
          <Link
            key={section.href}
            href={section.href}
            className="rounded-md px-3 py-1.5 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900"
          >
            {section.label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}

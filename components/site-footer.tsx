import type { StoreSettings } from "@/lib/dal/store-settings";

export function SiteFooter({ store }: { store: StoreSettings }) {
  const links = [
    { href: store.links.terms, label: "Terms" },
    { href: store.links.privacy, label: "Privacy" },
    { href: store.links.refund, label: "Refunds" },
  ].filter((link): link is { href: string; label: string } => !!link.href);
  return (
    <footer
      className="mx-auto max-w-5xl space-y-2 px-4 pb-10 text-xs text-zinc-500 sm:px-6"
      data-testid="site-footer"
    >
      <nav aria-label="Store policies" className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <span className="font-medium text-zinc-600">© {store.name}</span>
        {links.map((link) => (
          <a key={link.label} href={link.href} className="underline-offset-2 hover:underline">
            {link.label}
          </a>
        ))}
        {store.supportEmail && (
          <a href={`mailto:${store.supportEmail}`} className="break-all underline-offset-2 hover:underline">
            {store.supportEmail}
          </a>
        )}
      </nav>
      <p>Downloads are served from private storage through links that expire within minutes.</p>
    </footer>
  );
}

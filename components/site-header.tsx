import Link from "next/link";
import { signInFormCsrfToken } from "@/lib/auth/form-csrf";
import { getCurrentUser } from "@/lib/auth/session";
import type { StoreSettings } from "@/lib/dal/store-settings";
import { SignOutButton } from "./sign-out-button";

// On a phone the navigation takes a row of its own under the name and the sign-in button, and
// scrolls sideways rather than pushing the page wider than the screen.
export async function SiteHeader({ store }: { store: StoreSettings }) {
  const user = await getCurrentUser();
  const links = [
    { href: "/", label: "Store", show: true },
    { href: "/library", label: "Library", show: !!user },
    { href: "/account", label: "Account", show: !!user },
    { href: "/admin", label: "Admin", show: !!user?.isAdmin },
  ].filter((link) => link.show);
  return (
    <header className="border-b border-zinc-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2.5 sm:flex-nowrap sm:px-6">
        <Link
          href="/"
          className="flex min-w-0 items-center gap-2 font-semibold tracking-tight"
          data-testid="store-name"
        >
          {store.logoUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- a small immutable image served by app/media
            <img
              src={store.logoUrl}
              alt=""
              width={28}
              height={28}
              className="size-7 shrink-0 rounded-md object-contain"
            />
          ) : (
            <span
              className="grid size-7 shrink-0 place-items-center rounded-md bg-accent text-sm text-white"
              aria-hidden
            >
              ↓
            </span>
          )}
          <span className="truncate">{store.name}</span>
        </Link>
        <nav
          aria-label="Main"
          className="order-last -mx-1 flex w-full items-center gap-4 overflow-x-auto px-1 text-sm text-zinc-600 sm:order-none sm:mx-0 sm:w-auto sm:flex-1 sm:px-0"
        >
          {links.map((link) => (
            <Link key={link.href} href={link.href} className="shrink-0 py-1 hover:text-zinc-900">
              {link.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex shrink-0 items-center gap-3 text-sm">
          {user ? (
            <>
              <span className="hidden text-zinc-500 md:inline" data-testid="signed-in-as">
                {user.email}
              </span>
              <SignOutButton csrfToken={await signInFormCsrfToken()} />
            </>
          ) : (
            <Link
              href="/signin"
              className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700"
            >
              Sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}

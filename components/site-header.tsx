import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { SignOutButton } from "./sign-out-button";

export async function SiteHeader() {
  const user = await getCurrentUser();
  return (
    <header className="border-b border-zinc-200 bg-white">
      <div className="mx-auto flex h-14 max-w-5xl items-center gap-6 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm text-white">
            ↓
          </span>
          Downlink
        </Link>
        <nav className="flex flex-1 items-center gap-4 text-sm text-zinc-600">
          <Link href="/" className="hover:text-zinc-900">
            Store
          </Link>
          {user && (
            <Link href="/library" className="hover:text-zinc-900">
              Library
            </Link>
          )}
          {user && (
            <Link href="/account" className="hover:text-zinc-900">
              Account
            </Link>
          )}
          {user?.isAdmin && (
            <Link href="/admin" className="hover:text-zinc-900">
              Admin
            </Link>
          )}
        </nav>
        {user ? (
          <div className="flex items-center gap-3 text-sm">
            <span className="hidden text-zinc-500 sm:inline" data-testid="signed-in-as">
              {user.email}
            </span>
            <SignOutButton />
          </div>
        ) : (
          <Link
            href="/signin"
            className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700"
          >
            Sign in
          </Link>
        )}
      </div>
    </header>
  );
}

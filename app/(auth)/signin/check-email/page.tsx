import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { describeLinkLifetime } from "@/lib/auth/sign-in-messages";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Check your email" };

// No address in the URL (it would reach browser history and access logs), so none on the page.
export default async function CheckEmailPage() {
  await connection(); // the lifetime is the running server's setting, not the build's
  const lifetime = describeLinkLifetime(env().SIGN_IN_LINK_TTL_SECONDS);
  return (
    <div className="mx-auto max-w-sm space-y-4 rounded-xl border border-zinc-200 bg-white p-8 text-center shadow-sm">
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-indigo-100 text-2xl">✉</div>
      <h1 className="text-2xl font-semibold">Check your email</h1>
      <p className="text-sm text-zinc-600">
        We sent you a sign-in link. It works once and expires in {lifetime}; signing in with it voids any
        earlier links.
      </p>
      <Link href="/signin" className="inline-block text-sm text-indigo-600 hover:underline">
        Use a different address
      </Link>
    </div>
  );
}

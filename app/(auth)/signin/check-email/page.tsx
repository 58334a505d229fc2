import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Check your email" };

type Props = { searchParams: Promise<{ email?: string }> };

export default async function CheckEmailPage({ searchParams }: Props) {
  const { email } = await searchParams;
  return (
    <div className="mx-auto max-w-sm space-y-4 rounded-xl border border-zinc-200 bg-white p-8 text-center shadow-sm">
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-indigo-100 text-2xl">✉</div>
      <h1 className="text-2xl font-semibold">Check your email</h1>
      <p className="text-sm text-zinc-600">
        We sent a sign-in link{email ? <> to <strong className="text-zinc-900">{email}</strong></> : null}. It works once and
        expires in 24 hours.
      </p>
      <Link href="/signin" className="inline-block text-sm text-indigo-600 hover:underline">Use a different address</Link>
    </div>
  );
}

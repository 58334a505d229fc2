import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";

// The session id in the URL is not trusted: access is granted by the signed webhook only.
export default async function CheckoutSuccessPage() {
  const user = await getCurrentUser();
  return (
    <div className="mx-auto max-w-lg space-y-4 rounded-xl border border-zinc-200 bg-white p-8 text-center shadow-sm">
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-emerald-100 text-2xl text-emerald-700">✓</div>
      <h1 className="text-2xl font-semibold">Thank you for your purchase</h1>
      <p className="text-zinc-600">
        Your payment went through. Your download appears in your library as soon as the payment is confirmed —
        usually within seconds.
      </p>
      <Link href={user ? "/library" : "/signin?callbackUrl=/library"} className="inline-block rounded-lg bg-indigo-600 px-5 py-2.5 font-semibold text-white hover:bg-indigo-500">
        {user ? "Go to your library" : "Sign in with your purchase email"}
      </Link>
    </div>
  );
}

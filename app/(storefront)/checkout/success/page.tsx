import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { fulfillCheckout } from "@/lib/payments/fulfill-checkout";

export const metadata: Metadata = { title: "Thank you" };

const SESSION_ID = /^cs_(test|live)_[A-Za-z0-9]{8,200}$/;

type Props = { searchParams: Promise<{ session_id?: string }> };

// Anyone can open this URL with any session id: it only asks Stripe whether that checkout was
// paid and fulfils it for the buyer Stripe names. The visitor gains nothing and learns nothing
// beyond "paid" or "not yet".
async function confirm(sessionId: string | undefined) {
  if (!sessionId || !SESSION_ID.test(sessionId)) return "unknown";
  try {
    return (await fulfillCheckout(sessionId)).status === "fulfilled" ? "confirmed" : "processing";
  } catch {
    return "processing"; // the webhook (or reconcile) completes it
  }
}

export default async function CheckoutSuccessPage({ searchParams }: Props) {
  const [state, user] = await Promise.all([confirm((await searchParams).session_id), getCurrentUser()]);
  return (
    <div className="mx-auto max-w-lg space-y-4 rounded-xl border border-zinc-200 bg-white p-8 text-center shadow-sm">
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-emerald-100 text-2xl text-emerald-700">
        ✓
      </div>
      <h1 className="text-2xl font-semibold">Thank you for your purchase</h1>
      <p className="text-zinc-600" data-testid="checkout-state" data-state={state}>
        {state === "confirmed"
          ? "Your payment is confirmed and a receipt is on its way. Sign in with the email address you paid with to download."
          : "Your payment is being confirmed. Your download appears in your library as soon as it is — usually within seconds."}
      </p>
      <Link
        href={user ? "/library" : "/signin?callbackUrl=/library"}
        className="inline-block rounded-lg bg-indigo-600 px-5 py-2.5 font-semibold text-white hover:bg-indigo-500"
      >
        {user ? "Go to your library" : "Sign in with your purchase email"}
      </Link>
    </div>
  );
}

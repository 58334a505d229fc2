import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { CHECKOUT_SESSION_ID, purchaseEmailForThisBrowser } from "@/lib/payments/checkout-browser";
import { fulfillCheckout } from "@/lib/payments/fulfill-checkout";

export const metadata: Metadata = { title: "Your purchase", robots: { index: false } };

type Props = { searchParams: Promise<{ session_id?: string }> };
type State = "confirmed" | "processing" | "not_found";

// Anyone can open this URL with any session id: it only asks Stripe whether that checkout was
// paid and fulfils it for the buyer Stripe names. The visitor learns "paid", "not yet" or "no such
// checkout"; only the browser that started the checkout is told which address it was paid with.
async function confirm(sessionId: string | undefined): Promise<State> {
  if (!sessionId || !CHECKOUT_SESSION_ID.test(sessionId)) return "not_found";
  try {
    return (await fulfillCheckout(sessionId)).status === "fulfilled" ? "confirmed" : "processing";
  } catch (error) {
    // Stripe knows no such session: a made-up or mistyped link, not a payment on its way.
    if ((error as { statusCode?: number }).statusCode === 404) return "not_found";
    return "processing"; // the webhook (or reconcile) completes it
  }
}

export default async function CheckoutSuccessPage({ searchParams }: Props) {
  const sessionId = (await searchParams).session_id;
  const [state, user] = await Promise.all([confirm(sessionId), getCurrentUser()]);
  const email = state === "confirmed" && !user ? await purchaseEmailForThisBrowser(sessionId) : null;
  const card =
    "mx-auto max-w-lg space-y-4 rounded-xl border border-zinc-200 bg-white p-8 text-center shadow-sm";
  const button = "inline-block rounded-lg bg-accent px-5 py-2.5 font-semibold text-white hover:opacity-90";
  if (state === "not_found") {
    return (
      <div className={card}>
        <h1 className="text-2xl font-semibold">No purchase found</h1>
        <p className="text-zinc-600" data-testid="checkout-state" data-state={state}>
          This link names no checkout we know of, so nothing was bought through it. If you paid, your receipt
          email links to your library.
        </p>
        <Link href="/" className={button}>
          Back to the store
        </Link>
      </div>
    );
  }
  return (
    <div className={card}>
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-emerald-100 text-2xl text-emerald-700">
        ✓
      </div>
      <h1 className="text-2xl font-semibold">Thank you for your purchase</h1>
      <p className="text-zinc-600" data-testid="checkout-state" data-state={state}>
        {state === "confirmed"
          ? "Your payment is confirmed and a receipt is on its way."
          : "Your payment is being confirmed. Your download appears in your library as soon as it is — usually within seconds."}
      </p>
      {!user && (
        <p className="text-sm text-zinc-600" data-testid="sign-in-hint">
          {email ? (
            <>
              Sign in with <strong className="break-all">{email}</strong> to download.
            </>
          ) : (
            "Sign in with the email address you paid with to download."
          )}
        </p>
      )}
      <Link href={user ? "/library" : "/signin?callbackUrl=/library"} className={button}>
        {user ? "Go to your library" : "Sign in to download"}
      </Link>
    </div>
  );
}

// The checkout this browser started, kept in an HttpOnly cookie, so that the success page and the
// sign-in page may name its purchase email to this browser alone. A success URL opened anywhere
// else still only confirms that it was paid, and the address never travels in a URL.
import "server-only";
import { cookies } from "next/headers";
import { purchaseEmailOf } from "../dal/orders";
import { env } from "../env";

const COOKIE = "downlink-checkout";
export const CHECKOUT_SESSION_ID = /^cs_(test|live)_[A-Za-z0-9]{8,200}$/;

// Never fails the checkout: without the cookie the buyer only types their address themselves.
export async function rememberCheckout(sessionId: string) {
  try {
    (await cookies()).set(COOKIE, sessionId, {
      httpOnly: true,
      sameSite: "lax", // sent on the redirect back from the checkout page, a top-level GET
      secure: env().APP_URL.startsWith("https://"),
      path: "/",
      maxAge: 7 * 24 * 3600,
    });
  } catch {
    // outside a request (scripts, tests that call the action directly): nothing to remember
  }
}

// The purchase email of the checkout this browser started: of `sessionId` only, when given.
export async function purchaseEmailForThisBrowser(sessionId?: string): Promise<string | null> {
  const started = (await cookies()).get(COOKIE)?.value;
  if (!started || !CHECKOUT_SESSION_ID.test(started)) return null;
  if (sessionId !== undefined && sessionId !== started) return null;
  return purchaseEmailOf(started);
}

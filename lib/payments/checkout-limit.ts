import "server-only";
import { hitRateLimit, type RateLimitResult } from "../dal/rate-limit";
import { limitSubject } from "../http/client-address";

// Every checkout creates a Stripe session: one client address, and one signed-in account from
// wherever it connects, gets this many per window, counted in PostgreSQL so the budget is shared
// by every app instance. An office behind one address gets more room than one account.
export const CHECKOUT_WINDOW_SECONDS = 600;
export const CHECKOUTS_PER_ADDRESS = 30;
export const CHECKOUTS_PER_ACCOUNT = 10;

// Counts this checkout against both budgets. Clients whose address is unknown share one bucket,
// so an unidentified flood is limited too.
export async function takeCheckoutQuota(ip: string | null, userId: string | null): Promise<RateLimitResult> {
  const [byAddress, byAccount] = await Promise.all([
    hitRateLimit(`checkout:ip:${limitSubject(ip)}`, CHECKOUTS_PER_ADDRESS, CHECKOUT_WINDOW_SECONDS),
    userId
      ? hitRateLimit(`checkout:user:${userId}`, CHECKOUTS_PER_ACCOUNT, CHECKOUT_WINDOW_SECONDS)
      : ({ ok: true } as const),
  ]);
  return byAddress.ok ? byAccount : byAddress;
}

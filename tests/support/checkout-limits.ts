// Calls the startCheckout action as a form would, and records what its rate limit answered.
import { vi } from "vitest";
import { startCheckout } from "../../lib/actions/start-checkout";
import { CHECKOUT_WINDOW_SECONDS } from "../../lib/payments/checkout-limit";
import { recordSecurityEvidence } from "./security-evidence";

// Fixed windows: the clock stands still in the middle of one, so no test straddles two.
export function midWindow() {
  const window = CHECKOUT_WINDOW_SECONDS * 1000;
  const start = (Math.floor(Date.now() / window) + 2) * window;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(start + window / 2);
  return {
    retryAfter: CHECKOUT_WINDOW_SECONDS / 2,
    next: () => vi.setSystemTime(start + window + 1000),
    stop: () => vi.useRealTimers(),
  };
}

type CheckoutAnswer = { status: string; code?: string; message?: string; retryAfterSeconds?: number };
export async function callStartCheckout(productId: string): Promise<CheckoutAnswer> {
  const form = new FormData();
  form.set("productId", productId);
  try {
    return await startCheckout({ status: "idle" }, form);
  } catch (error) {
    // redirect() to the Stripe-hosted page throws; its digest carries the target.
    if ((error as { digest?: string }).digest?.startsWith("NEXT_REDIRECT")) return { status: "redirect" };
    throw error;
  }
}
export const kinds = (answers: CheckoutAnswer[]) => answers.map((answer) => answer.code ?? answer.status);

const limitRows: (string | number)[][] = [];
export function limitEvidence(caller: string, answers: CheckoutAnswer[]) {
  const limited = answers.filter((answer) => answer.code === "rate_limited");
  const sessions = answers.filter((answer) => answer.status === "redirect").length;
  limitRows.push([caller, answers.length, sessions, limited.length, limited[0]?.message ?? "—"]);
  recordSecurityEvidence({
    section: "access-control",
    title: "Checkouts started per client address and per account",
    columns: ["caller", "checkouts tried", "Stripe sessions created", "refused as rate_limited", "answer"],
    rows: limitRows,
    note: "Counted in PostgreSQL (RateLimitCounter, the table behind the sign-in and licence limits), so every app instance shares one budget.",
  });
  return limited;
}

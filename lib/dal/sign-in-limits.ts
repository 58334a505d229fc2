import "server-only";
import { createHash } from "node:crypto";
import { inboxOf } from "../auth/email-address";
import { limitSubject } from "../http/client-address";
import { countHit, pruneRateLimits } from "./rate-limit";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

export type SignInLimits = { perAddress: number; perIp: number };
export type SignInQuota =
  { ok: true } | { ok: false; limitedBy: "address" | "ip"; retryAfterSeconds: number };

// Counted per inbox (tags and Gmail's dots reach the same one), stored hashed: the table only
// needs to tell requests apart, not who made them.
export const signInAddressKey = (email: string) =>
  `signin:address:${createHash("sha256").update(inboxOf(email)).digest("hex")}`;

// Counts this request against both limits. A client without a known address shares one bucket,
// so an unidentified flood is limited too; an IPv6 client is its /64.
export async function takeSignInQuota(
  email: string,
  ip: string | null,
  limits: SignInLimits,
  now = new Date(),
): Promise<SignInQuota> {
  const windowStart = new Date(Math.floor(now.getTime() / SIGN_IN_WINDOW_MS) * SIGN_IN_WINDOW_MS);
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + SIGN_IN_WINDOW_MS - now.getTime()) / 1000);
  const [byIp, byAddress] = await Promise.all([
    countHit(`signin:ip:${limitSubject(ip)}`, windowStart),
    countHit(signInAddressKey(email), windowStart),
    pruneSignInQuotas(now), // past windows are never read again; keeps the table at one window's size
  ]);
  if (byIp > limits.perIp) return { ok: false, limitedBy: "ip", retryAfterSeconds };
  if (byAddress > limits.perAddress) return { ok: false, limitedBy: "address", retryAfterSeconds };
  return { ok: true };
}

export async function pruneSignInQuotas(now = new Date()) {
  await pruneRateLimits(new Date(now.getTime() - SIGN_IN_WINDOW_MS), "signin:");
}

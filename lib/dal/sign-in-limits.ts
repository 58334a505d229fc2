import "server-only";
import { createHash } from "node:crypto";
import { db } from "../db";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

export type SignInLimits = { perAddress: number; perIp: number };
export type SignInQuota = { ok: true } | { ok: false; limitedBy: "address" | "ip"; retryAfterSeconds: number };

// The address is stored hashed: the table only needs to tell requests apart, not who made them.
const addressKey = (email: string) => `address:${createHash("sha256").update(email).digest("hex")}`;

// One statement per key: the insert-or-increment is atomic in PostgreSQL, so concurrent
// requests on any number of app instances each see their own count.
async function take(key: string, windowStart: Date): Promise<number> {
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "SignInRateLimit" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "SignInRateLimit"."count" + 1
    RETURNING "count"`;
  return Number(rows[0].count);
}

// Counts this request against both limits. A client without a known address shares one bucket,
// so an unidentified flood is limited too.
export async function takeSignInQuota(email: string, ip: string | null, limits: SignInLimits, now = new Date()): Promise<SignInQuota> {
  const windowStart = new Date(Math.floor(now.getTime() / SIGN_IN_WINDOW_MS) * SIGN_IN_WINDOW_MS);
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + SIGN_IN_WINDOW_MS - now.getTime()) / 1000);
  const [byIp, byAddress] = await Promise.all([
    take(`ip:${ip ?? "unknown"}`, windowStart),
    take(addressKey(email), windowStart),
    pruneSignInQuotas(now), // past windows are never read again; keeps the table at one window's size
  ]);
  if (byIp > limits.perIp) return { ok: false, limitedBy: "ip", retryAfterSeconds };
  if (byAddress > limits.perAddress) return { ok: false, limitedBy: "address", retryAfterSeconds };
  return { ok: true };
}

export async function pruneSignInQuotas(now = new Date()) {
  await db.signInRateLimit.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - SIGN_IN_WINDOW_MS) } } });
}

import "server-only";
import { db } from "../db";

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

// Counts one hit for `key` in the window starting at `windowStart` and returns the window's count.
// The insert-or-increment is one atomic statement in PostgreSQL, so every app instance counts
// against the same limit.
export async function countHit(key: string, windowStart: Date): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
    RETURNING "count"`;
  return Number(row.count);
}

// Deletes windows that ended before `before` (all of them, or those whose key has a prefix).
export async function pruneRateLimits(before: Date, keyPrefix?: string) {
  await db.rateLimitCounter.deleteMany({
    where: { windowStart: { lt: before }, ...(keyPrefix && { key: { startsWith: keyPrefix } }) },
  });
}

// A fixed-window limit: `limit` hits per `windowSeconds`. Old windows are swept now and then by
// whichever request lands.
export async function hitRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
  now = new Date(),
): Promise<RateLimitResult> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const count = await countHit(key, windowStart);
  if (Math.random() < 0.01) await pruneRateLimits(new Date(now.getTime() - 86_400_000));
  if (count <= limit) return { ok: true };
  return {
    ok: false,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)),
  };
}

import "server-only";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";

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

// One hit of a fixed-window limit (`limit` hits per window), before it is counted.
export type RateLimitHit = { key: string; limit: number; windowStart: Date; windowMs: number; now: Date };

export function rateLimitWindow(key: string, limit: number, windowSeconds: number, now = new Date()) {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  return { key, limit, windowStart, windowMs, now } satisfies RateLimitHit;
}

// countHit's statement as the CTE `hit` ("count"), for a caller that reads what it needs in the
// same round trip (the licence checks and feeds); `rateLimitVerdict` then reads the count. Old
// windows are swept in the same statement now and then (skipped at once when not).
export const rateLimitHitCte = (hit: RateLimitHit) => Prisma.sql`hit AS (
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count") VALUES (${hit.key}, ${hit.windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
    RETURNING "count"),
  swept AS (
    DELETE FROM "RateLimitCounter" WHERE ${Math.random() < SWEEP_SHARE}::boolean AND "windowStart" < ${sweepBefore(hit.now)}
    RETURNING 1)`;

export function rateLimitVerdict(hit: RateLimitHit, count: number): RateLimitResult {
  if (count <= hit.limit) return { ok: true };
  const { windowStart, windowMs, now } = hit;
  return {
    ok: false,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)),
  };
}

// A fixed-window limit: `limit` hits per `windowSeconds`. Old windows are swept now and then by
// whichever request lands.
export async function hitRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
  now = new Date(),
): Promise<RateLimitResult> {
  const hit = rateLimitWindow(key, limit, windowSeconds, now);
  const count = await countHit(key, hit.windowStart);
  if (Math.random() < SWEEP_SHARE) await pruneRateLimits(sweepBefore(now));
  return rateLimitVerdict(hit, count);
}

const SWEEP_SHARE = 0.01; // of requests
const sweepBefore = (now: Date) => new Date(now.getTime() - 86_400_000);

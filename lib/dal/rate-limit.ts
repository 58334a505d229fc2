import "server-only";
import { db } from "../db";

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

// A fixed-window counter in PostgreSQL, so every app instance counts against the same limit:
// one upsert per hit. Old windows are swept now and then by whichever request lands.
export async function hitRateLimit(key: string, limit: number, windowSeconds: number, now = new Date()): Promise<RateLimitResult> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
    RETURNING "count"`;
  if (Math.random() < 0.01) {
    await db.rateLimitCounter.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 86_400_000) } } });
  }
  if (row.count <= limit) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)) };
}

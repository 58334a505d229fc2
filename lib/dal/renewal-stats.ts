import "server-only";
import { db } from "../db";

// Renewals for the admin's analytics: of the update windows that came to their end in the period,
// how many were renewed, per product; and how many purchases renew automatically right now.
// A window is the entitlement's end date as it stood: a renewal records the end it moved
// (EntitlementChange.previousUntil), so a renewed window is counted once, by that end, and a window
// still ended is its entitlement's updatesUntil. Refunded renewals and revoked purchases count
// for neither side.

export type RenewalRow = { productId: string; name: string; ended: number; renewed: number };

export async function renewalStats(days: number, now = new Date()) {
  const since = new Date(now.getTime() - days * 86_400_000);
  const [windows, subscriptions] = await Promise.all([
    db.$queryRaw<{ productId: string; name: string; ended: bigint; renewed: bigint }[]>`
      SELECT p."id" AS "productId", p."name", count(*) AS ended, count(*) FILTER (WHERE w.renewed) AS renewed
      FROM (
        SELECT e."productId", false AS renewed FROM "Entitlement" e
        WHERE e."status" = 'active' AND e."updatesUntil" >= ${since} AND e."updatesUntil" <= ${now}
        UNION ALL
        SELECT e."productId", true FROM "EntitlementChange" c JOIN "Entitlement" e ON e."id" = c."entitlementId"
        WHERE c."kind" = 'renewal' AND c."revertedAt" IS NULL AND e."status" = 'active'
          AND c."previousUntil" >= ${since} AND c."previousUntil" <= ${now}
      ) w JOIN "Product" p ON p."id" = w."productId"
      GROUP BY p."id" ORDER BY ended DESC, p."name"`,
    db.entitlement.groupBy({
      by: ["productId"],
      where: { stripeSubscriptionId: { not: null }, status: "active" },
      _count: { _all: true },
    }),
  ]);
  const rows: RenewalRow[] = windows.map((row) => ({
    productId: row.productId,
    name: row.name,
    ended: Number(row.ended),
    renewed: Number(row.renewed),
  }));
  const ended = rows.reduce((sum, row) => sum + row.ended, 0);
  const renewed = rows.reduce((sum, row) => sum + row.renewed, 0);
  return {
    days,
    ended,
    renewed,
    // Whole per cent, rounded down; null when no window ended in the period.
    ratePercent: ended ? Math.floor((renewed * 100) / ended) : null,
    perProduct: rows,
    activeSubscriptions: subscriptions.reduce((sum, row) => sum + row._count._all, 0),
    subscriptionsPerProduct: new Map(subscriptions.map((row) => [row.productId, row._count._all])),
  };
}

export type RenewalStats = Awaited<ReturnType<typeof renewalStats>>;

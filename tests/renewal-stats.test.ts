// The admin's renewal figures equal what the entitlements and their recorded renewals say.
import { afterAll, describe, expect, it } from "vitest";
import { recordEntitlementChange, revertEntitlementChange } from "../lib/dal/entitlement-changes";
import { renewalStats } from "../lib/dal/renewal-stats";
import { createUser, prisma, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";

afterAll(() => prisma.$disconnect());
const day = 86_400_000;

describe("renewal analytics", () => {
  it("counts the windows that ended in the period, those renewed, and automatic renewals, per product", async () => {
    const product = await prisma.product.create({
      data: {
        slug: unique("stats"),
        name: "Stats",
        tiers: { create: { name: "Personal", priceCents: 4900, updateMonths: 12 } },
      },
      include: { tiers: true },
    });
    const windowEnded = async (daysAgo: number, subscription?: string) =>
      prisma.entitlement.create({
        data: {
          userId: (await createUser()).id,
          productId: product.id,
          tierId: product.tiers[0].id,
          source: "manual",
          updatesUntil: new Date(Date.now() - daysAgo * day),
          stripeSubscriptionId: subscription ?? null,
        },
      });
    const renew = (entitlementId: string) =>
      recordEntitlementChange(
        { kind: "renewal", entitlementId, months: 12 },
        {
          checkoutSessionId: unique("cs_test"),
          paymentIntentId: null,
          email: "buyer@example.com",
          amountTotal: 2450,
          currency: "usd",
        },
      );
    await windowEnded(5); // ended, not renewed
    await renew((await windowEnded(3)).id); // ended, renewed
    await windowEnded(40); // ended before the period
    const refunded = await renew((await windowEnded(10)).id); // renewed, then refunded: ended again
    await revertEntitlementChange(refunded.order.id);
    await windowEnded(-100, unique("sub_test")); // renews automatically, window still running

    const stats = await renewalStats(30);
    const row = stats.perProduct.find((item) => item.productId === product.id);
    recordSecurityEvidence({
      section: "payments",
      title: "Renewal rate in the admin",
      columns: ["windows of one product", "ended in the last 30 days", "renewed", "renewing automatically"],
      rows: [
        [
          "ended 5 days ago; ended 3 days ago and renewed; ended 40 days ago; renewed 10 days ago then refunded; a subscriber",
          row?.ended ?? 0,
          row?.renewed ?? 0,
          stats.subscriptionsPerProduct.get(product.id) ?? 0,
        ],
      ],
    });
    expect(row).toEqual({ productId: product.id, name: "Stats", ended: 3, renewed: 1 });
    expect(stats.subscriptionsPerProduct.get(product.id)).toBe(1);
    expect(stats.ended).toBeGreaterThanOrEqual(3);
  });
});

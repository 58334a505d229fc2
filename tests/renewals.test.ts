// Renewals that extend the same entitlement and licence key, through the real renewal action, the
// stand-in's checkout and signed webhook events; and what a refund of a renewal takes back.
import { afterAll, describe, expect, it, vi } from "vitest";
import { renewedUntil } from "../lib/catalog/renewal-terms";
import { issueLinkFor } from "../lib/delivery/issue-link";
import { prisma } from "./support/fixtures";
import {
  changeAndPay,
  entitlementOf,
  feedFor,
  lapsedOwner,
  licenseCall,
  payOnly,
  standIn,
  startChange,
} from "./support/renewals";
import { recordSecurityEvidence } from "./support/security-evidence";
import { retryUntilAcknowledged, send, tally } from "./support/webhook-races";
import { deliver } from "./support/stripe";

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.60", "user-agent": "vitest" }),
}));
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn(async () => null) }));
afterAll(() => prisma.$disconnect());

const client = { ip: "203.0.113.60", userAgent: "vitest" };
const newestIn = (feed: Awaited<ReturnType<typeof feedFor>>) => feed.body?.version ?? feed.body?.error;
const lockedFileOf = (productId: string) =>
  prisma.releaseFile.findFirstOrThrow({ where: { release: { productId, version: "2.0.0" } } });

describe("renewals", () => {
  it("extend the same entitlement and key: its feed, its downloads and its validation see the new window at once", async () => {
    const owner = await lapsedOwner();
    const { user, entitlement, key, product } = owner;
    const locked = await lockedFileOf(product.id);
    const before = {
      feed: await feedFor(product.slug, key),
      download: await issueLinkFor(user, locked.id, client),
      validate: await licenseCall("validate", { key, product: product.slug }),
    };
    expect(before.download).toMatchObject({ status: "error", code: "forbidden" });

    const paidFrom = new Date();
    const { session } = await changeAndPay("renewal", user, { entitlementId: entitlement.id });
    const after = {
      feed: await feedFor(product.slug, key),
      download: await issueLinkFor(user, locked.id, client),
      validate: await licenseCall("validate", { key, product: product.slug }),
      revalidated: await feedFor(product.slug, key, before.feed.etag!),
    };
    const renewed = await entitlementOf(entitlement.id);
    const owned = await prisma.entitlement.count({ where: { userId: user.id } });
    const keys = await prisma.license.count({ where: { entitlement: { userId: user.id } } });
    const order = await prisma.order.findUniqueOrThrow({ where: { stripeCheckoutSessionId: session.id } });

    recordSecurityEvidence({
      section: "payments",
      title: "A renewal extends the same key",
      columns: ["", "before the renewal", "after it"],
      rows: [
        ["entitlements / licence keys of the buyer", "1 / 1", `${owned} / ${keys}`],
        ["licence key", key, renewed.license!.key],
        ["update window ends", entitlement.updatesUntil!.toISOString(), renewed.updatesUntil!.toISOString()],
        ["the key's feed offers", newestIn(before.feed), newestIn(after.feed)],
        ["feed ETag", before.feed.etag ?? "—", after.feed.etag ?? "—"],
        ["feed with the old ETag as If-None-Match", "—", String(after.revalidated.status)],
        ["Download of 2.0.0", before.download.status, after.download.status],
        [
          "validate: updatesUntil",
          String(before.validate.json.updatesUntil),
          String(after.validate.json.updatesUntil),
        ],
      ],
      note: "The renewal's Checkout Session was created by the renewal page's action, paid on the local checkout and its signed checkout.session.completed delivered to the webhook.",
    });
    expect(order).toMatchObject({ kind: "renewal", amountTotal: 2450, userId: user.id });
    expect([owned, keys]).toEqual([1, 1]);
    expect(renewed.license!.key).toBe(key);
    expect(renewed.changes).toMatchObject([
      { kind: "renewal", orderId: order.id, previousUntil: entitlement.updatesUntil },
    ]);
    // The window had ended: twelve months from the payment, not from the old end.
    expect(renewed.updatesUntil!.getTime()).toBeGreaterThanOrEqual(
      renewedUntil(null, 12, paidFrom).getTime(),
    );
    expect(renewed.updatesUntil!.getTime()).toBeLessThanOrEqual(renewedUntil(null, 12).getTime());
    expect(newestIn(before.feed)).toBe("1.0.0");
    expect(newestIn(after.feed)).toBe("2.0.0");
    expect(after.feed.etag).not.toBe(before.feed.etag);
    expect(after.revalidated.status).toBe(200);
    expect(after.download.status).toBe("success");
    expect(after.validate.json.updatesUntil).toBe(renewed.updatesUntil!.toISOString());
  });

  it("refunded in full, takes exactly its months back; refunded in part, keeps them", async () => {
    const { user, entitlement } = await lapsedOwner({ endedDaysAgo: -40 });
    const first = await changeAndPay("renewal", user, { entitlementId: entitlement.id });
    const second = await changeAndPay("renewal", user, { entitlementId: entitlement.id });
    const renewedTwice = (await entitlementOf(entitlement.id)).updatesUntil!;

    await deliver(await standIn(`sessions/${second.session.id}/refund`, { amount: "500" }));
    const afterPartial = (await entitlementOf(entitlement.id)).updatesUntil!;
    const fullRefund = await standIn(`sessions/${first.session.id}/refund`);
    await deliver(fullRefund);
    // The same refund once more, as another event (a replay, reconcile): it takes nothing more.
    await deliver({ ...fullRefund, id: `${fullRefund.id}again` });
    const afterFull = await entitlementOf(entitlement.id);
    const refunds = await prisma.order.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "asc" },
    });

    const start = entitlement.updatesUntil!;
    const firstAdded = renewedUntil(start, 12).getTime() - start.getTime();
    recordSecurityEvidence({
      section: "payments",
      title: "A refunded renewal shrinks the window back",
      columns: ["step", "update window ends", "entitlement"],
      rows: [
        ["bought (40 days left)", start.toISOString(), entitlement.status],
        ["renewed twice", renewedTwice.toISOString(), "active"],
        ["second renewal refunded in part (500 of 2450)", afterPartial.toISOString(), "active"],
        ["first renewal refunded in full", afterFull.updatesUntil!.toISOString(), afterFull.status],
      ],
    });
    expect(renewedTwice).toEqual(renewedUntil(renewedUntil(start, 12), 12));
    expect(afterPartial).toEqual(renewedTwice);
    expect(afterFull.updatesUntil!.getTime()).toBe(renewedTwice.getTime() - firstAdded);
    expect(afterFull.status).toBe("active");
    expect(afterFull.changes.filter((change) => change.revertedAt)).toHaveLength(1);
    expect(refunds.map((order) => order.status)).toEqual(["refunded", "partially_refunded"]);
  });

  it("concurrent: two renewals paid at once, each delivered three times, extend exactly twice", async () => {
    const { user, entitlement } = await lapsedOwner({ endedDaysAgo: -30 });
    const started = await Promise.all(
      [1, 2].map(() => startChange("renewal", user, { entitlementId: entitlement.id })),
    );
    const paid = [];
    for (const { sessionId } of started) paid.push(await payOnly(sessionId!, user.email));
    const events = paid.flatMap(({ events }) => events);
    const deliveries = [...events, ...events, ...events];
    const answers = await Promise.all(deliveries.map((event) => send(event)));
    // What Stripe does with a 409 (another delivery is running it): it delivers again later.
    const retried = await Promise.all(
      events.map((event) =>
        retryUntilAcknowledged(
          event,
          answers.filter((_, i) => deliveries[i].id === event.id),
        ),
      ),
    );

    const renewed = await entitlementOf(entitlement.id);
    const orders = await prisma.order.count({ where: { userId: user.id, kind: "renewal" } });
    const expected = renewedUntil(renewedUntil(entitlement.updatesUntil!, 12), 12);
    recordSecurityEvidence({
      section: "payments",
      title: "Concurrent renewals",
      columns: [
        "paid checkouts",
        "deliveries at once",
        "answers",
        "renewal orders",
        "changes",
        "window end",
        "expected",
      ],
      rows: [
        [
          2,
          deliveries.length,
          tally(answers),
          orders,
          renewed.changes.length,
          renewed.updatesUntil!.toISOString(),
          expected.toISOString(),
        ],
      ],
      note: "The entitlement row is locked (FOR UPDATE) before its window is read; a redelivered payment loses on its order's unique checkout session id, and a delivery that meets another one running the same event answers 409, which Stripe retries. Proven on PostgreSQL 15, where the deliveries really run at once.",
    });
    expect(retried.map(({ pending }) => pending)).toEqual(events.map(() => 0));
    expect(orders).toBe(2);
    expect(renewed.changes).toHaveLength(2);
    expect(renewed.updatesUntil).toEqual(expected);
  });

  it("are refused for a lifetime tier, with no checkout made", async () => {
    const { user, entitlement } = await lapsedOwner();
    await prisma.productTier.update({ where: { id: entitlement.tierId! }, data: { updateMonths: null } });
    const started = await startChange("renewal", user, { entitlementId: entitlement.id });
    expect(started.sessionId).toBeNull();
    expect(started.result).toMatchObject({ status: "error", code: "invalid_input" });
    expect(await prisma.order.count({ where: { userId: user.id } })).toBe(0);
  });
});

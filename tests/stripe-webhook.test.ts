import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "../app/api/webhooks/stripe/route";
import { claimEntitlementsByEmail } from "../lib/dal/entitlements";
import { fulfillCheckout } from "../lib/payments/fulfill-checkout";
import { stripe } from "../lib/payments/stripe";
import { createProductWithFile, createUser, prisma, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";
import { admin, completedEvent, deliver, paidSession, sign } from "./support/stripe";

// The store's key, switchable to a live one for the livemode tests. Built at run time, so the
// repository holds nothing that looks like a live key.
const storeKey = vi.hoisted(() => ({ live: false }));
vi.mock("../lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../lib/env")>();
  const liveKey = ["sk", "live", "downlinkwebhooktests"].join("_");
  return { env: () => (storeKey.live ? { ...actual.env(), STRIPE_SECRET_KEY: liveKey } : actual.env()) };
});

beforeAll(() => void stripe()); // the API client keeps the stand-in's test key throughout
afterAll(() => prisma.$disconnect());

describe("POST /api/webhooks/stripe", () => {
  it("grants the signed-in buyer the product exactly once, however often the event arrives", async () => {
    const user = await createUser();
    const { product } = await createProductWithFile();
    const session = await paidSession(product.id, { email: user.email, userId: user.id });
    const payload = completedEvent(session);

    const first = await deliver(payload);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: "processed" });
    const again = await deliver(payload);
    expect(await again.json()).toMatchObject({ outcome: "duplicate" });
    // A different event about the same checkout (e.g. async_payment_succeeded) adds nothing either.
    expect((await deliver(completedEvent(session))).status).toBe(200);

    const orders = await prisma.order.findMany({
      where: { stripeCheckoutSessionId: session.id },
      include: { entitlements: true },
    });
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ userId: user.id, amountTotal: 1500, currency: "usd", status: "paid" });
    expect(orders[0].entitlements).toMatchObject([
      { userId: user.id, productId: product.id, status: "active", source: "stripe" },
    ]);
  });

  it("keeps a guest purchase for whoever later signs in with the purchase email", async () => {
    const { product } = await createProductWithFile();
    const email = `${unique("guest")}@example.com`;
    const session = await paidSession(product.id, { email });
    expect((await deliver(completedEvent(session))).status).toBe(200);
    const pending = await prisma.entitlement.findFirstOrThrow({ where: { purchaseEmail: email } });
    expect(pending.userId).toBeNull();

    const user = await createUser(email);
    expect(await claimEntitlementsByEmail(user.id, email)).toBe(1);
    expect(await prisma.entitlement.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      userId: user.id,
    });
  });

  it("creates one order when fulfilment races with itself", async () => {
    const user = await createUser();
    const { product } = await createProductWithFile();
    const session = await paidSession(product.id, { email: user.email, userId: user.id });
    const results = await Promise.all(Array.from({ length: 5 }, () => fulfillCheckout(session.id)));
    expect(results.filter((result) => result.status === "fulfilled" && result.created)).toHaveLength(1);
    expect(await prisma.order.count({ where: { stripeCheckoutSessionId: session.id } })).toBe(1);
  });

  it("rejects unsigned, forged, tampered, stale and re-serialised deliveries without touching data", async () => {
    const user = await createUser();
    const { product } = await createProductWithFile();
    const session = await paidSession(product.id, { email: user.email, userId: user.id });
    const payload = completedEvent(session);
    const forged = sign(payload, { secret: "not-the-secret" });
    const tampered = payload.replace(user.id, "someone-else");

    expect(
      (await POST(new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: payload })))
        .status,
    ).toBe(400);
    expect((await deliver(payload, forged)).status).toBe(400);
    expect((await deliver(tampered, sign(payload))).status).toBe(400);
    const stale = sign(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect((await deliver(payload, stale)).status).toBe(400);
    const reserialised = JSON.stringify(JSON.parse(payload), null, 2);
    expect((await deliver(reserialised, sign(payload))).status).toBe(400);
    expect(await prisma.order.count({ where: { stripeCheckoutSessionId: session.id } })).toBe(0);
  });

  it("answers 500 when fulfilment fails so Stripe retries, and records the failure", async () => {
    const session = await paidSession("no-such-product", { email: `${unique("x")}@example.com` });
    const id = `evt_test_${randomBytes(8).toString("hex")}`;
    const response = await deliver(completedEvent(session, id));
    expect(response.status).toBe(500);
    const ledger = await prisma.stripeEvent.findUniqueOrThrow({ where: { id } });
    expect(ledger.processedAt).toBeNull();
    expect(ledger.lastError).toContain("no known product");
  });

  it("acknowledges event types it does not handle", async () => {
    const payload = JSON.stringify({
      id: `evt_test_${randomBytes(8).toString("hex")}`,
      object: "event",
      type: "customer.created",
      data: { object: {} },
    });
    const response = await deliver(payload);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: "ignored" });
  });

  it("ignores events from the other mode: test events on a live key and live events on a test key", async () => {
    const mismatches = async () => {
      const rows = await prisma.auditLog.findMany({
        where: { action: "webhook.denied", data: { path: ["reason"], equals: "livemode_mismatch" } },
      });
      return rows.reduce((sum, row) => sum + ((row.data as { count?: number }).count ?? 1), 0);
    };
    const attempt = async (key: "live" | "test", livemode: boolean | undefined) => {
      const user = await createUser();
      const session = await paidSession((await createProductWithFile()).product.id, {
        email: user.email,
        userId: user.id,
      });
      const event = { ...(JSON.parse(completedEvent(session)) as { id: string }), livemode };
      const audited = await mismatches();
      storeKey.live = key === "live";
      try {
        const response = await deliver(JSON.stringify(event));
        const body = (await response.json()) as { outcome?: string; message?: string };
        const [orders, ledger] = await Promise.all([
          prisma.order.count({ where: { stripeCheckoutSessionId: session.id } }),
          prisma.stripeEvent.count({ where: { id: event.id } }),
        ]);
        return { status: response.status, ...body, orders, ledger, audited: (await mismatches()) - audited };
      } finally {
        storeKey.live = false;
      }
    };
    const cases = [
      { key: "live", livemode: false, wants: "wrong_mode" },
      { key: "live", livemode: undefined, wants: "wrong_mode" },
      { key: "test", livemode: true, wants: "wrong_mode" },
      { key: "test", livemode: false, wants: "processed" }, // the control: the same event in its own mode
    ] as const;
    const seen = [];
    for (const { key, livemode, wants } of cases)
      seen.push({ key, livemode, wants, ...(await attempt(key, livemode)) });

    recordSecurityEvidence({
      section: "access-control",
      title: "Stripe events from the other mode",
      columns: [
        "store's key",
        "event's livemode",
        "answer",
        "orders created",
        "ledger rows",
        "mismatches audited",
        "result",
      ],
      rows: seen.map((s) => [
        `${s.key} (${s.key === "live" ? "sk_live_…" : "sk_test_…"})`,
        String(s.livemode ?? "absent"),
        `${s.status} ${s.outcome}`,
        s.orders,
        s.ledger,
        s.audited,
        s.outcome === s.wants ? "pass" : "FAIL",
      ]),
      counts: { "mismatched events": seen.filter((s) => s.wants === "wrong_mode").length },
      note: "A mismatch is answered 200 (Stripe retries anything else for up to three days), audited as webhook.denied/livemode_mismatch and logged with the event id; it grants and revokes nothing.",
    });
    for (const s of seen.filter((s) => s.wants === "wrong_mode")) {
      expect(s).toMatchObject({ status: 200, outcome: "wrong_mode", orders: 0, ledger: 0, audited: 1 });
      expect(s.message).toMatch(/mode Stripe key; it was ignored/);
    }
    expect(seen.at(-1)).toMatchObject({ status: 200, outcome: "processed", orders: 1, audited: 0 });
  });

  it("handles live events on a live key", async () => {
    const user = await createUser();
    const session = await paidSession((await createProductWithFile()).product.id, {
      email: user.email,
      userId: user.id,
    });
    await deliver(completedEvent(session));
    // Its order exists, so the handler needs nothing from the (test-mode) API.
    const dispute = { ...(await admin(`sessions/${session.id}/dispute`)), livemode: true };
    storeKey.live = true;
    try {
      expect(await (await deliver(JSON.stringify(dispute))).json()).toMatchObject({ outcome: "processed" });
    } finally {
      storeKey.live = false;
    }
    expect(await prisma.entitlement.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({
      status: "suspended",
    });
  });
});

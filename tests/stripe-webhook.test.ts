import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { POST } from "../app/api/webhooks/stripe/route";
import { claimEntitlementsByEmail } from "../lib/dal/entitlements";
import { fulfillCheckout } from "../lib/payments/fulfill-checkout";
import { createProductWithFile, createUser, prisma, unique } from "./support/fixtures";
import { completedEvent, deliver, paidSession, sign } from "./support/stripe";

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

    const orders = await prisma.order.findMany({ where: { stripeCheckoutSessionId: session.id }, include: { entitlements: true } });
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ userId: user.id, amountTotal: 1500, currency: "usd", status: "paid" });
    expect(orders[0].entitlements).toMatchObject([{ userId: user.id, productId: product.id, status: "active", source: "stripe" }]);
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
    expect(await prisma.entitlement.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ userId: user.id });
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

    expect((await POST(new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: payload }))).status).toBe(400);
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
    const payload = JSON.stringify({ id: `evt_test_${randomBytes(8).toString("hex")}`, object: "event", type: "customer.created", data: { object: {} } });
    const response = await deliver(payload);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: "ignored" });
  });
});

// Stripe's API failing during fulfilment: the checkout stand-in is told to fail its next API
// answers, real signed events go through the real webhook route, and a redelivery of the same
// event (what Stripe does after a 500) or reconcile finishes the job, once.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { reconcile } from "../lib/payments/reconcile";
import { config, createProductWithFile, createUser, prisma } from "./support/fixtures";
import { faultEvidence } from "./support/faults";
import { admin, completedEvent, deliver, paidSession } from "./support/stripe";

const evidence = faultEvidence("Stripe API failing during fulfilment");
const api = new URL(config.STRIPE_API_URL!);

type FaultState = { failNext: number; status: number; drop: boolean; injected: number };
async function faults(body?: Record<string, unknown>): Promise<FaultState> {
  const response = await fetch(`${api.origin}/__admin/faults`, {
    method: body ? "POST" : "GET",
    headers: { authorization: `Bearer ${config.STRIPE_SECRET_KEY}`, "content-type": "application/json" },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`stand-in faults: ${response.status} ${await response.text()}`);
  return (await response.json()) as FaultState;
}

afterEach(async () => {
  await faults({ failNext: 0 });
});
afterAll(async () => {
  evidence.write();
  await prisma.$disconnect();
});

type Message = { to: { address: string }[]; subject: string };
async function receiptsTo(email: string) {
  const messages = (await (await fetch(`${process.env.MAIL_UI_URL}/email`)).json()) as Message[];
  return messages.filter(
    (message) => message.to.some((to) => to.address === email) && /^Your .+ receipt: /.test(message.subject),
  ).length;
}

async function purchase() {
  const user = await createUser();
  const { product } = await createProductWithFile();
  const session = await paidSession(product.id, { email: user.email, userId: user.id });
  return { user, product, session };
}

async function grants(sessionId: string, userId: string) {
  const [orders, entitlements] = await Promise.all([
    prisma.order.count({ where: { stripeCheckoutSessionId: sessionId } }),
    prisma.entitlement.findMany({ where: { userId }, select: { status: true } }),
  ]);
  return { orders, entitlements: entitlements.map((entitlement) => entitlement.status) };
}

const shown = (statuses: number[]) => statuses.join(", ");

describe("Stripe failing during fulfilment", () => {
  // The Stripe SDK itself retries a request once when its connection is dropped (a stale
  // keep-alive socket looks the same), so one drop costs nothing and two fail a delivery.
  it.each([
    { label: "one 500", failNext: 1, status: 500, drop: false, failedDeliveries: 1 },
    { label: "three 503s in a row", failNext: 3, status: 503, drop: false, failedDeliveries: 3 },
    { label: "two 429 rate limits", failNext: 2, status: 429, drop: false, failedDeliveries: 2 },
    { label: "one dropped connection", failNext: 1, status: 500, drop: true, failedDeliveries: 0 },
    { label: "two dropped connections", failNext: 2, status: 500, drop: true, failedDeliveries: 1 },
  ])(
    "answers 500 while the API fails ($label) and grants once on Stripe's redelivery",
    async ({ label, failNext, status, drop, failedDeliveries }) => {
      const { user, session } = await purchase();
      const payload = completedEvent(session);
      const eventId = (JSON.parse(payload) as { id: string }).id;
      await faults({ failNext, status, drop });

      const failing: number[] = [];
      for (let i = 0; i < failedDeliveries; i++) failing.push((await deliver(payload)).status);
      const during = await grants(session.id, user.id);
      const ledger = (await prisma.stripeEvent.findUnique({ where: { id: eventId } })) ?? {
        processedAt: null,
        lastError: null,
      };
      const retried = await deliver(payload);
      const retriedOutcome = ((await retried.json()) as { outcome?: string }).outcome;
      const again = ((await (await deliver(payload)).json()) as { outcome?: string }).outcome;
      const after = await grants(session.id, user.id);
      await expect.poll(() => receiptsTo(user.email)).toBe(1);
      const injected = (await faults()).injected;

      const ok =
        failing.every((code) => code === 500) &&
        during.orders === 0 &&
        during.entitlements.length === 0 &&
        ledger.processedAt === null &&
        (failedDeliveries === 0 || ledger.lastError !== null) &&
        injected === failNext &&
        retried.status === 200 &&
        retriedOutcome === "processed" &&
        again === "duplicate" &&
        after.orders === 1 &&
        after.entitlements.join() === "active";
      evidence.row(
        `Stripe API: ${label} while the webhook fulfils checkout.session.completed`,
        `${injected} API calls failed; webhook answered ${failing.length ? shown(failing) : "nothing but the final 200"}; ${during.orders} orders meanwhile${ledger.lastError ? `, the ledger keeps the event unprocessed ("${ledger.lastError}")` : ""}; delivery → ${retried.status} ${retriedOutcome}, again → ${again}; ${after.orders} order, entitlements [${after.entitlements.join()}], 1 receipt`,
        failedDeliveries
          ? "500 per failed attempt, nothing half-written; the redelivered event grants once, one receipt"
          : "absorbed by the SDK's one retry on a dropped connection: granted once, one receipt",
        ok,
      );
      expect(failing).toEqual(Array.from({ length: failedDeliveries }, () => 500));
      expect(injected).toBe(failNext);
      expect(during).toMatchObject({ orders: 0, entitlements: [] });
      expect(ledger.processedAt).toBeNull();
      if (failedDeliveries) expect(ledger.lastError).toBeTruthy();
      expect([retried.status, retriedOutcome, again]).toEqual([200, "processed", "duplicate"]);
      expect(after).toMatchObject({ orders: 1, entitlements: ["active"] });
      expect(ok).toBe(true);
    },
  );

  it("completes a failed fulfilment by reconcile, which itself survives a failing API, and a late redelivery adds nothing", async () => {
    const since = new Date(); // Stripe's `created` is in whole seconds, so this session counts
    const { user, session } = await purchase();
    const payload = completedEvent(session);
    await faults({ failNext: 1, status: 500 });
    const webhook = (await deliver(payload)).status;

    await faults({ failNext: 1, status: 502 });
    const interrupted = await reconcile({ since }).then(
      () => "completed",
      (error: Error) => `threw ${error.constructor.name}`,
    );
    const between = await grants(session.id, user.id);
    const report = await reconcile({ since });
    const redelivered = await deliver(payload);
    const outcome = ((await redelivered.json()) as { outcome?: string }).outcome;
    const after = await grants(session.id, user.id);
    await expect.poll(() => receiptsTo(user.email)).toBe(1);

    const ok =
      webhook === 500 &&
      interrupted !== "completed" &&
      between.orders === 0 &&
      report.failed.length === 0 &&
      report.fulfilled === 1 &&
      redelivered.status === 200 &&
      after.orders === 1 &&
      after.entitlements.join() === "active";
    evidence.row(
      "Stripe API 500 during the webhook, then 502 during the first reconcile run",
      `webhook ${webhook}; reconcile ${interrupted}, ${between.orders} orders; reconcile again → ${report.fulfilled} fulfilled, ${report.failed.length} failed; late redelivery → ${redelivered.status} ${outcome}; ${after.orders} order, entitlements [${after.entitlements.join()}], 1 receipt`,
      "reconcile stops with an error while the API fails, then fulfils once; a later redelivery grants nothing more",
      ok,
    );
    expect(webhook).toBe(500);
    expect(interrupted).not.toBe("completed");
    expect(between.orders).toBe(0);
    expect(report).toMatchObject({ fulfilled: 1, failed: [] });
    expect(redelivered.status).toBe(200);
    expect(after).toMatchObject({ orders: 1, entitlements: ["active"] });
  });

  it("applies a refund whose handler met a failing API once the event is redelivered", async () => {
    const { user, session } = await purchase();
    const refund = await admin(`sessions/${session.id}/refund`); // arrives before the checkout event
    await faults({ failNext: 1, status: 500 });
    const first = (await deliver(refund)).status;
    const during = await grants(session.id, user.id);
    const second = (await deliver(refund)).status;
    const late = (await deliver(completedEvent(session))).status;
    const after = await grants(session.id, user.id);

    const ok =
      first === 500 &&
      during.orders === 0 &&
      second === 200 &&
      late === 200 &&
      after.orders === 1 &&
      after.entitlements.join() === "revoked";
    evidence.row(
      "Stripe API 500 while charge.refunded looks up its checkout (refund before the checkout event)",
      `webhook ${first}, ${during.orders} orders; redelivery ${second}; checkout event ${late}; ${after.orders} order, entitlements [${after.entitlements.join()}]`,
      "500 and nothing written; on redelivery the order exists once and its access is revoked, and the late checkout event does not restore it",
      ok,
    );
    expect([first, second, late]).toEqual([500, 200, 200]);
    expect(during.orders).toBe(0);
    expect(after).toMatchObject({ orders: 1, entitlements: ["revoked"] });
  });

  it("refuses fault settings it does not understand, and needs the key", async () => {
    const bad = await fetch(`${api.origin}/__admin/faults`, {
      method: "POST",
      headers: { authorization: `Bearer ${config.STRIPE_SECRET_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ failNext: 1, status: 200 }),
    });
    expect(bad.status).toBe(400);
    const anonymous = await fetch(`${api.origin}/__admin/faults`, {
      method: "POST",
      body: JSON.stringify({ failNext: 5 }),
    });
    expect(anonymous.status).toBe(401);
    expect(await faults()).toMatchObject({ failNext: 0 });
  });
});

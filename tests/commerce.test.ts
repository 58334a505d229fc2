import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { getCurrentUser } from "../lib/auth/session";
import {
  CHECKOUT_WINDOW_SECONDS,
  CHECKOUTS_PER_ACCOUNT,
  CHECKOUTS_PER_ADDRESS,
} from "../lib/payments/checkout-limit";
import { fulfillCheckout } from "../lib/payments/fulfill-checkout";
import { reconcile } from "../lib/payments/reconcile";
import { createProductWithFile, createUser, prisma, unique } from "./support/fixtures";
import { callStartCheckout, kinds, limitEvidence, midWindow } from "./support/checkout-limits";
import { admin, checkoutSession, completedEvent, deliver, paidSession, pay } from "./support/stripe";

// Server actions read the session and the client address from the request, which only Next.js has.
const client = vi.hoisted(() => ({ ip: "203.0.113.1" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": client.ip }) }));
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn(async () => null) }));

const checkout = (productId: string, ip: string) => ((client.ip = ip), callStartCheckout(productId));
afterEach(() => void vi.useRealTimers());
afterAll(() => prisma.$disconnect());

type Message = { to: { address: string }[]; subject: string };
async function mailTo(email: string) {
  const messages = (await (await fetch(`${process.env.MAIL_UI_URL}/email`)).json()) as Message[];
  return messages.filter((message) => message.to.some((to) => to.address === email));
}

async function entitlementsOf(checkoutSessionId: string) {
  const order = await prisma.order.findUniqueOrThrow({
    where: { stripeCheckoutSessionId: checkoutSessionId },
    include: { entitlements: true },
  });
  return { order, statuses: order.entitlements.map((entitlement) => entitlement.status) };
}

async function purchase() {
  const user = await createUser();
  const { product } = await createProductWithFile();
  const session = await paidSession(product.id, { email: user.email, userId: user.id });
  return { user, product, session };
}

describe("commerce", () => {
  it("grants once and sends one receipt when 5 webhook deliveries race 2 success-page calls", async () => {
    const { user, session } = await purchase();
    const payload = completedEvent(session);
    const responses = await Promise.all([
      ...Array.from({ length: 5 }, () => deliver(payload)),
      ...Array.from({ length: 2 }, () => fulfillCheckout(session.id)),
    ]);
    // One delivery runs the handler; the others find it done (200 duplicate) or still running
    // (409 in_progress: Stripe retries it, and the retry finds it done).
    const answers = await Promise.all(
      (responses.slice(0, 5) as Response[]).map(
        async (response) => `${response.status} ${((await response.json()) as { outcome: string }).outcome}`,
      ),
    );
    expect(answers.filter((answer) => answer === "200 processed")).toHaveLength(1);
    expect(
      answers.filter((answer) => !["200 processed", "200 duplicate", "409 in_progress"].includes(answer)),
    ).toEqual([]);
    const retried = answers.filter((answer) => answer.startsWith("409")).map(() => deliver(payload));
    for (const retry of await Promise.all(retried))
      expect(await retry.json()).toMatchObject({ outcome: "duplicate" });
    expect(await prisma.order.count({ where: { stripeCheckoutSessionId: session.id } })).toBe(1);
    expect(await prisma.entitlement.count({ where: { userId: user.id } })).toBe(1);
    await expect.poll(async () => (await mailTo(user.email)).length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500)); // a second receipt would have landed by now
    const receipts = (await mailTo(user.email)).filter((message) =>
      /^Your .+ receipt: /.test(message.subject),
    );
    expect(receipts).toHaveLength(1);
  });

  it("revokes on a full refund and records a partial one", async () => {
    const { session } = await purchase();
    await deliver(completedEvent(session));
    expect((await deliver(await admin(`sessions/${session.id}/refund`, { amount: "500" }))).status).toBe(200);
    let state = await entitlementsOf(session.id);
    expect(state.order).toMatchObject({ status: "partially_refunded", amountRefunded: 500 });
    expect(state.statuses).toEqual(["active"]);

    expect((await deliver(await admin(`sessions/${session.id}/refund`))).status).toBe(200);
    state = await entitlementsOf(session.id);
    expect(state.order).toMatchObject({ status: "refunded", amountRefunded: 1500 });
    expect(state.statuses).toEqual(["revoked"]);
    expect(state.order.entitlements[0].reason).toBe("after a refund");
  });

  it("leaves no access when the refund arrives before the checkout event", async () => {
    const { session } = await purchase();
    const refund = await admin(`sessions/${session.id}/refund`);
    expect((await deliver(refund)).status).toBe(200);
    expect((await entitlementsOf(session.id)).statuses).toEqual(["revoked"]);
    expect((await deliver(completedEvent(session))).status).toBe(200);
    expect((await entitlementsOf(session.id)).statuses).toEqual(["revoked"]);
    expect(await prisma.order.count({ where: { stripeCheckoutSessionId: session.id } })).toBe(1);
  });

  it("suspends during a dispute, restores when it is won and revokes when it is lost", async () => {
    for (const outcome of ["won", "lost"] as const) {
      const { session } = await purchase();
      await deliver(completedEvent(session));
      const opened = await admin(`sessions/${session.id}/dispute`);
      await deliver(opened);
      expect((await entitlementsOf(session.id)).statuses).toEqual(["suspended"]);
      const disputeId = (opened.data.object as { id: string }).id;
      await deliver(await admin(`disputes/${disputeId}/close`, { outcome }));
      const state = await entitlementsOf(session.id);
      expect(state.statuses).toEqual([outcome === "won" ? "active" : "revoked"]);
      expect(state.order.status).toBe(outcome === "won" ? "paid" : "dispute_lost");
    }
  });

  it("keeps a dispute closed when its events arrive in reverse order", async () => {
    const { session } = await purchase();
    await deliver(completedEvent(session));
    const opened = await admin(`sessions/${session.id}/dispute`);
    const closed = await admin(`disputes/${(opened.data.object as { id: string }).id}/close`, {
      outcome: "won",
    });
    await deliver(closed);
    await deliver(opened);
    expect((await entitlementsOf(session.id)).statuses).toEqual(["active"]);
  });

  it("grants a bank transfer only when it settles, and tells the buyer when it fails", async () => {
    const user = await createUser();
    const { product } = await createProductWithFile();
    for (const outcome of ["succeeded", "failed"] as const) {
      const started = await checkoutSession(product.id, { email: user.email, userId: user.id });
      const pending = await pay(started.id, user.email, "bank_transfer");
      expect(pending.payment_status).toBe("unpaid");
      expect((await deliver(completedEvent(pending))).status).toBe(200);
      expect(await prisma.order.count({ where: { stripeCheckoutSessionId: started.id } })).toBe(0);

      expect((await deliver(await admin(`sessions/${started.id}/settle`, { outcome }))).status).toBe(200);
      expect(await prisma.order.count({ where: { stripeCheckoutSessionId: started.id } })).toBe(
        outcome === "succeeded" ? 1 : 0,
      );
    }
    await expect
      .poll(async () => (await mailTo(user.email)).map((message) => message.subject).sort())
      .toEqual([
        expect.stringMatching(/^Your .+ payment did not go through$/),
        expect.stringMatching(/^Your .+ receipt: /),
      ]);
  });

  it("answers 500 while fulfilment cannot succeed and completes on Stripe's redelivery", async () => {
    const productId = unique("later").replace(/-/g, "");
    const email = `${unique("buyer")}@example.com`;
    const session = await paidSession(productId, { email });
    const payload = completedEvent(session);
    expect((await deliver(payload)).status).toBe(500);
    await prisma.product.create({
      data: {
        id: productId,
        slug: productId,
        name: "Late product",
        tiers: { create: { name: "Standard", priceCents: 1500 } },
      },
    });
    expect((await deliver(payload)).status).toBe(200);
    expect(await prisma.entitlement.count({ where: { purchaseEmail: email, productId } })).toBe(1);
  });

  it("reconcile fulfils checkouts and applies refunds whose webhooks never arrived", async () => {
    const since = new Date(Date.now() - 1000);
    const { session: missed } = await purchase();
    const { session: refunded } = await purchase();
    await admin(`sessions/${refunded.id}/refund`); // delivered to nowhere: the app is not running
    const report = await reconcile({ since });
    expect(report.failed).toEqual([]);
    expect(report.fulfilled).toBeGreaterThanOrEqual(2);
    expect((await entitlementsOf(missed.id)).statuses).toEqual(["active"]);
    expect((await entitlementsOf(refunded.id)).statuses).toEqual(["revoked"]);

    const again = await reconcile({ since });
    expect(again).toMatchObject({ fulfilled: 0, applied: 0, failed: [] });
  });

  it("limits checkouts per client address across concurrent requests, then lets the next window in", async () => {
    const { product } = await createProductWithFile();
    const ip = `203.0.113.${unique("ip")}`;
    const clock = midWindow();
    const burst = await Promise.all(
      Array.from({ length: CHECKOUTS_PER_ADDRESS + 5 }, () => checkout(product.id, ip)),
    );
    const elsewhere = await checkout(product.id, `${ip}-other`);
    clock.next();
    const nextWindow = await checkout(product.id, ip);
    clock.stop();

    const limited = limitEvidence(
      `one address, ${CHECKOUTS_PER_ADDRESS} per ${CHECKOUT_WINDOW_SECONDS} s, all at once`,
      burst,
    );
    expect(kinds(burst).filter((kind) => kind === "redirect")).toHaveLength(CHECKOUTS_PER_ADDRESS);
    expect(limited).toHaveLength(5);
    expect(limited[0]).toMatchObject({
      message: `Too many checkouts started; try again in ${clock.retryAfter} s.`,
      retryAfterSeconds: clock.retryAfter,
    });
    expect(kinds([elsewhere, nextWindow])).toEqual(["redirect", "redirect"]);
  });

  it("limits one signed-in account wherever it connects from", async () => {
    const { product } = await createProductWithFile();
    const user = await createUser();
    vi.mocked(getCurrentUser).mockResolvedValue(user);
    const clock = midWindow();
    const tries = [];
    for (let i = 0; i < CHECKOUTS_PER_ACCOUNT + 2; i++)
      tries.push(await checkout(product.id, `198.18.7.${unique("ip")}`));
    vi.mocked(getCurrentUser).mockResolvedValue(null);
    const guest = await checkout(product.id, `198.18.7.${unique("ip")}`);
    clock.stop();

    const limited = limitEvidence(
      `one account, ${CHECKOUTS_PER_ACCOUNT} per ${CHECKOUT_WINDOW_SECONDS} s, a new address each time`,
      tries,
    );
    expect(kinds(tries)).toEqual([
      ...Array(CHECKOUTS_PER_ACCOUNT).fill("redirect"),
      "rate_limited",
      "rate_limited",
    ]);
    expect(limited[0]).toMatchObject({ retryAfterSeconds: clock.retryAfter });
    expect(kinds([guest])).toEqual(["redirect"]);
  });
});

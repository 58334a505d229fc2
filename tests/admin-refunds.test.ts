// Refunds from the admin's order page: the action asks Stripe (the stand-in, through the real SDK)
// and changes nothing itself; the signed events Stripe then sends change the order and access,
// exactly as for a refund made in Stripe's dashboard.
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getCurrentUser } from "../lib/auth/session";
import { refundOrderAction } from "../lib/actions/admin/orders";
import { ACCESS_CAUSES } from "../lib/customers/access-notice";
import { dispatchApiRequest } from "./support/api-routes";
import { createUser, prisma, unique } from "./support/fixtures";
import { deliverRefundEvents, paidOrder, refundEventsOf, refundsAtStripe } from "./support/orders";
import { recordSecurityEvidence } from "./support/security-evidence";
import { deliver, admin as standIn } from "./support/stripe";

vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.9", "user-agent": "vitest" }),
}));

afterAll(() => prisma.$disconnect());

const asAdmin = async () => {
  const row = await createUser(`${unique("admin")}@example.com`);
  vi.mocked(getCurrentUser).mockResolvedValue({ ...row, isAdmin: true });
  return row;
};

const refundForm = (orderId: string, amount: string, extra: Record<string, string> = {}) => {
  const form = new FormData();
  for (const [key, value] of Object.entries({
    orderId,
    amount,
    reason: "requested_by_customer",
    attempt: randomUUID(),
    ...extra,
  }))
    form.set(key, value);
  return form;
};

const refund = (form: FormData) => refundOrderAction({ status: "idle" }, form);

async function stateOf(orderId: string) {
  const order = await prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    include: { entitlements: { include: { license: true } }, refunds: { orderBy: { createdAt: "asc" } } },
  });
  const [item] = order.entitlements;
  const product = await prisma.product.findUniqueOrThrow({ where: { id: item.productId } });
  // What an app in the field is told about the order's key.
  const response = await dispatchApiRequest(
    new Request("http://localhost/api/v1/licenses/validate", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${randomInt(250)}` },
      body: JSON.stringify({ key: item.license!.key, product: product.slug }),
    }),
  );
  const check = (await response.json()) as { valid?: boolean };
  return {
    status: order.status,
    amountRefunded: order.amountRefunded,
    access: item.status,
    reason: item.reason,
    keyValid: check.valid === true,
    refunds: order.refunds,
  };
}

describe("refunds from the order page", () => {
  it("a partial refund is recorded and keeps access; the one that makes it full revokes, through the webhook", async () => {
    const { order, paymentIntent } = await paidOrder({ unitAmount: 1500 });
    const admin = await asAdmin();

    const first = await refund(refundForm(order.id, "5.00", { note: "late delivery" }));
    expect(first).toMatchObject({ status: "success", data: { amount: 500, currency: "usd" } });
    // The button asked Stripe; nothing changes before Stripe's events arrive.
    expect(await stateOf(order.id)).toMatchObject({ status: "paid", amountRefunded: 0, access: "active" });

    const seen = new Set<string>();
    expect(await deliverRefundEvents(paymentIntent, seen)).toEqual(["charge.refunded", "refund.created"]);
    const partial = await stateOf(order.id);
    expect(partial).toMatchObject({
      status: "partially_refunded",
      amountRefunded: 500,
      access: "active",
      keyValid: true,
    });
    expect(partial.refunds).toMatchObject([
      {
        amount: 500,
        currency: "usd",
        status: "succeeded",
        reason: "requested_by_customer",
        note: "late delivery",
        requestedById: admin.id,
        requestedByEmail: admin.email,
      },
    ]);

    // The rest: 10.00 of 15.00 makes the refund full, and the webhook revokes access and the key.
    expect(await refund(refundForm(order.id, "10", { reason: "duplicate" }))).toMatchObject({
      status: "success",
    });
    await deliverRefundEvents(paymentIntent, seen);
    const full = await stateOf(order.id);
    expect(full).toMatchObject({
      status: "refunded",
      amountRefunded: 1500,
      access: "revoked",
      reason: ACCESS_CAUSES.refunded,
      keyValid: false,
    });
    expect(full.refunds.map((row) => [row.amount, row.reason])).toEqual([
      [500, "requested_by_customer"],
      [1000, "duplicate"],
    ]);
    expect((await refundsAtStripe(paymentIntent)).map((r) => r.amount).sort()).toEqual([1000, 500].sort());
  });

  it("a refund in full revokes at once; its events delivered twice and out of order change nothing more", async () => {
    const { order, paymentIntent } = await paidOrder({ currency: "jpy", unitAmount: 1900 });
    await asAdmin();
    expect(await refund(refundForm(order.id, "1900"))).toMatchObject({
      status: "success",
      data: { amount: 1900 },
    });
    const seen = new Set<string>();
    await deliverRefundEvents(paymentIntent, seen);
    // Stripe retries and reorders: the same events again, newest first.
    for (const event of (await refundEventsOf(paymentIntent)).reverse())
      expect((await deliver(event)).status).toBe(200);
    expect(await stateOf(order.id)).toMatchObject({
      status: "refunded",
      amountRefunded: 1900,
      access: "revoked",
      keyValid: false,
      refunds: [expect.objectContaining({ amount: 1900, currency: "jpy", status: "succeeded" })],
    });
  });

  it("a refund made in Stripe's dashboard behaves the same", async () => {
    const { order, session, paymentIntent } = await paidOrder({ unitAmount: 1500 });
    await standIn(`sessions/${session.id}/refund`, { amount: "700" });
    await deliverRefundEvents(paymentIntent);
    expect(await stateOf(order.id)).toMatchObject({
      status: "partially_refunded",
      amountRefunded: 700,
      access: "active",
      keyValid: true,
      refunds: [expect.objectContaining({ amount: 700, requestedById: null, reason: null })],
    });
    await standIn(`sessions/${session.id}/refund`);
    await deliverRefundEvents(paymentIntent);
    expect(await stateOf(order.id)).toMatchObject({ status: "refunded", access: "revoked", keyValid: false });
  });

  it("a double submit refunds once", async () => {
    const { order, paymentIntent } = await paidOrder({ unitAmount: 1500 });
    await asAdmin();
    const form = refundForm(order.id, "5.00");
    // Two clicks at once, then the browser resending the same form.
    const answers = [...(await Promise.all([refund(form), refund(form)])), await refund(form)];
    await deliverRefundEvents(paymentIntent);
    const atStripe = await refundsAtStripe(paymentIntent);
    const state = await stateOf(order.id);
    recordSecurityEvidence({
      section: "payments",
      title: "A refund form sent more than once",
      columns: [
        "refund of $5.00 sent",
        "answers",
        "refunds at Stripe",
        "refunded on the order",
        "refund rows",
      ],
      rows: [
        [
          "3 times (2 at once, then again)",
          answers.map((answer) => answer.status).join(", "),
          atStripe.length,
          state.amountRefunded,
          state.refunds.length,
        ],
      ],
      note: "The form carries an attempt id rendered with the page; with what is asked it makes the idempotency key, so Stripe runs the refund once and replays its answer.",
    });
    expect(atStripe).toHaveLength(1);
    expect(state).toMatchObject({ status: "partially_refunded", amountRefunded: 500, access: "active" });
    expect(state.refunds).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === "success").length).toBeGreaterThanOrEqual(1);
    // A new form (the page re-rendered) is a new refund.
    expect(await refund(refundForm(order.id, "5.00"))).toMatchObject({ status: "success" });
    expect(await refundsAtStripe(paymentIntent)).toHaveLength(2);
  });
});

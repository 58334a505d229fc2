// Events of every type the store handles, each about a fresh sale on the checkout stand-in, what
// one handling of each leaves behind, and a sender that retries the way Stripe does.
import type Stripe from "stripe";
import { expect } from "vitest";
import { createProductWithFile, prisma, unique } from "./fixtures";
import { admin, checkoutSession, completedEvent, deliver, paidSession, pay } from "./stripe";

export type Answer = { status: number; outcome?: string };
export async function send(event: Stripe.Event): Promise<Answer> {
  const response = await deliver(JSON.stringify(event));
  return { status: response.status, outcome: ((await response.json()) as { outcome?: string }).outcome };
}

export type Sale = { event: Stripe.Event; email: string; sessionId: string };
async function sale(): Promise<Sale> {
  const email = `${unique("race")}@example.com`;
  const session = await paidSession((await createProductWithFile()).product.id, { email });
  return { event: JSON.parse(completedEvent(session)) as Stripe.Event, email, sessionId: session.id };
}
// A paid sale whose checkout event was handled, then one more event about it from Stripe.
async function afterSale(next: (sessionId: string) => Promise<Stripe.Event>): Promise<Sale> {
  const paid = await sale();
  expect((await send(paid.event)).outcome).toBe("processed");
  return { ...paid, event: await next(paid.sessionId) };
}
async function bankTransfer(outcome: "succeeded" | "failed"): Promise<Sale> {
  const email = `${unique("race")}@example.com`;
  const started = await checkoutSession((await createProductWithFile()).product.id, { email });
  await pay(started.id, email, "bank_transfer");
  return { event: await admin(`sessions/${started.id}/settle`, { outcome }), email, sessionId: started.id };
}
async function lostDispute(sessionId: string) {
  const opened = await admin(`sessions/${sessionId}/dispute`);
  expect((await send(opened)).outcome).toBe("processed");
  return admin(`disputes/${(opened.data.object as { id: string }).id}/close`, { outcome: "lost" });
}

export type Effects = { orders: number; access: string[]; receipts: number; failures: number };
const leaves = (orders: number, access: string[], receipts: number, failures: number): Effects => ({
  orders,
  access,
  receipts,
  failures,
});

export const eventCases: { type: string; prepare: () => Promise<Sale>; leaves: Effects }[] = [
  { type: "checkout.session.completed", prepare: sale, leaves: leaves(1, ["active"], 1, 0) },
  {
    type: "checkout.session.async_payment_succeeded",
    prepare: () => bankTransfer("succeeded"),
    leaves: leaves(1, ["active"], 1, 0),
  },
  {
    type: "checkout.session.async_payment_failed",
    prepare: () => bankTransfer("failed"),
    leaves: leaves(0, [], 0, 1),
  },
  {
    type: "charge.refunded",
    prepare: () => afterSale((id) => admin(`sessions/${id}/refund`)),
    leaves: leaves(1, ["revoked"], 1, 0),
  },
  {
    type: "charge.dispute.created",
    prepare: () => afterSale((id) => admin(`sessions/${id}/dispute`)),
    leaves: leaves(1, ["suspended"], 1, 0),
  },
  {
    type: "charge.dispute.closed",
    prepare: () => afterSale(lostDispute),
    leaves: leaves(1, ["revoked"], 1, 0),
  },
];

type Message = { to: { address: string }[]; subject: string };
export async function effectsOf({ email, sessionId }: Sale): Promise<Effects> {
  const orders = await prisma.order.findMany({
    where: { stripeCheckoutSessionId: sessionId },
    include: { entitlements: true },
  });
  const inbox = ((await (await fetch(`${process.env.MAIL_UI_URL}/email`)).json()) as Message[]).filter((m) =>
    m.to.some((to) => to.address === email),
  );
  return {
    orders: orders.length,
    access: orders.flatMap((order) => order.entitlements.map((entitlement) => entitlement.status as string)),
    receipts: inbox.filter((m) => /^Your .+ receipt: /.test(m.subject)).length,
    failures: inbox.filter((m) => /^Your .+ payment did not go through$/.test(m.subject)).length,
  };
}

// Mail is sent before a handler returns, but the catcher may list it a moment later.
export async function settledEffects(sale: Sale, expected: Effects) {
  const mails = async () => ((seen) => seen.receipts + seen.failures)(await effectsOf(sale));
  await expect.poll(mails).toBeGreaterThanOrEqual(expected.receipts + expected.failures);
  return effectsOf(sale);
}

// What Stripe does with an answer that is not a 2xx: it delivers the event again, later.
export async function retryUntilAcknowledged(event: Stripe.Event, answers: Answer[]) {
  let pending = answers.filter((answer) => answer.status !== 200).length;
  const retries: Answer[] = [];
  for (let round = 0; pending > 0 && round < 5; round++) {
    const batch = await Promise.all(Array.from({ length: pending }, () => send(event)));
    retries.push(...batch);
    pending = batch.filter((answer) => answer.status !== 200).length;
  }
  return { retries, pending };
}

export function tally(answers: Answer[]) {
  const counts = new Map<string, number>();
  for (const { status, outcome } of answers)
    counts.set(`${status} ${outcome}`, (counts.get(`${status} ${outcome}`) ?? 0) + 1);
  return [...counts].map(([answer, count]) => `${count}× ${answer}`).join(", ");
}

export const describeEffects = (got: Effects) =>
  `${got.orders} order(s), entitlements [${got.access.join()}], ${got.receipts} receipt(s), ${got.failures} payment-failed mail(s)`;

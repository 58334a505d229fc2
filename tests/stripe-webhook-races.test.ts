// Duplicates of one Stripe event delivered at once, for every event type the store handles: the
// handler runs once, every other delivery answers "duplicate" (200) or "in progress" (409, which
// Stripe retries), and a handler that fails is run again by a redelivery. Concurrency shows only
// on real PostgreSQL: run this file with DATABASE_URL set as well.
import type Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { EVENT_CLAIM_SECONDS } from "../lib/dal/stripe-events";
import { handlers } from "../lib/payments/webhook";
import { prisma } from "./support/fixtures";
import { faultEvidence } from "./support/faults";
import * as race from "./support/webhook-races";

const DELIVERIES = 8;
const evidence = faultEvidence("Duplicate Stripe deliveries racing each other");
afterAll(async () => {
  evidence.write();
  await prisma.$disconnect();
});

// Counts how often each event's handler runs, and fails the next run of chosen events.
const runs = new Map<string, number>();
const failNextRun = new Set<string>();
for (const [type, handler] of Object.entries(handlers)) {
  handlers[type as Stripe.Event.Type] = async (event) => {
    runs.set(event.id, (runs.get(event.id) ?? 0) + 1);
    if (failNextRun.delete(event.id)) throw new Error("injected: the handler failed");
    return handler!(event);
  };
}
const burst = (event: Stripe.Event) =>
  Promise.all(Array.from({ length: DELIVERIES }, () => race.send(event)));
const waitsOrSkips = (a: race.Answer) =>
  (a.status === 200 && a.outcome === "duplicate") || (a.status === 409 && a.outcome === "in_progress");

describe.each(race.eventCases)("$type", ({ type, prepare, leaves }) => {
  it(`runs the handler once for ${DELIVERIES} concurrent deliveries; the others are duplicates or retried`, async () => {
    const sale = await prepare();
    expect(sale.event.type).toBe(type);
    const answers = await burst(sale.event);
    const { retries, pending } = await race.retryUntilAcknowledged(sale.event, answers);
    const got = await race.settledEffects(sale, leaves);
    const handled = runs.get(sale.event.id) ?? 0;
    const processed = answers.filter((answer) => answer.outcome === "processed");
    const others = answers.filter((answer) => answer.outcome !== "processed");

    const ok =
      handled === 1 &&
      processed.length === 1 &&
      others.every(waitsOrSkips) &&
      pending === 0 &&
      retries.every((a) => a.outcome === "duplicate") &&
      JSON.stringify(got) === JSON.stringify(leaves);
    evidence.row(
      `${DELIVERIES} concurrent deliveries of one ${type} event`,
      `handler ran ${handled}×; answers ${race.tally(answers)}${retries.length ? `; Stripe's retries ${race.tally(retries)}` : ""}; ${race.describeEffects(got)}`,
      "handler runs once; the rest answer 200 duplicate or 409 in progress (retried → duplicate); one effect, at most one mail",
      ok,
    );
    expect(handled).toBe(1);
    expect(processed).toHaveLength(1);
    expect(others.filter((answer) => !waitsOrSkips(answer))).toEqual([]);
    expect({ pending, retried: retries.filter((a) => a.outcome !== "duplicate") }).toEqual({
      pending: 0,
      retried: [],
    });
    expect(got).toEqual(leaves);
  });

  it("runs a handler that failed once again on Stripe's redelivery, while duplicates race it", async () => {
    const sale = await prepare();
    failNextRun.add(sale.event.id);
    const answers = await burst(sale.event);
    const { retries, pending } = await race.retryUntilAcknowledged(sale.event, answers);
    const all = [...answers, ...retries];
    const got = await race.settledEffects(sale, leaves);
    const handled = runs.get(sale.event.id);

    const ok =
      handled === 2 &&
      all.filter((a) => a.status === 500).length === 1 &&
      all.filter((a) => a.outcome === "processed").length === 1 &&
      pending === 0 &&
      JSON.stringify(got) === JSON.stringify(leaves);
    evidence.row(
      `${type}: the first run of the handler fails while ${DELIVERIES - 1} duplicates race it`,
      `handler ran ${handled}×; answers ${race.tally(answers)}; Stripe's retries ${race.tally(retries)}; ${race.describeEffects(got)}`,
      "one 500 releases the claim; one later delivery runs the handler again and succeeds; one effect",
      ok,
    );
    expect(all.filter((a) => a.status === 500)).toHaveLength(1);
    expect(all.filter((a) => a.outcome === "processed")).toHaveLength(1);
    expect(handled).toBe(2);
    expect(pending).toBe(0);
    expect(got).toEqual(leaves);
  });
});

describe("an event claimed by a delivery whose process died", () => {
  it("answers 409 while the claim holds, and runs the handler once it lapsed", async () => {
    const sale = await race.eventCases[0].prepare();
    const id = sale.event.id;
    const claim = (seconds: number) => ({
      claimToken: "crashed",
      claimExpiresAt: new Date(Date.now() + seconds * 1000),
    });
    await prisma.stripeEvent.create({ data: { id, type: sale.event.type, ...claim(EVENT_CLAIM_SECONDS) } });
    const whileHeld = await race.send(sale.event);
    const before = await race.effectsOf(sale);
    await prisma.stripeEvent.update({ where: { id }, data: claim(-1) });
    const afterLapse = await race.send(sale.event);

    const ok =
      whileHeld.status === 409 &&
      before.orders === 0 &&
      afterLapse.outcome === "processed" &&
      runs.get(id) === 1;
    evidence.row(
      "A process died while holding an event's claim",
      `while the claim holds: ${whileHeld.status} ${whileHeld.outcome}, ${before.orders} orders; after it lapsed: ${afterLapse.status} ${afterLapse.outcome}, handler ran ${runs.get(id)}×`,
      `409 until the claim lapses (${EVENT_CLAIM_SECONDS} s after it was taken), then Stripe's retry runs the handler`,
      ok,
    );
    expect([whileHeld.status, whileHeld.outcome, before.orders]).toEqual([409, "in_progress", 0]);
    expect([afterLapse.status, afterLapse.outcome, runs.get(id)]).toEqual([200, "processed", 1]);
  });
});

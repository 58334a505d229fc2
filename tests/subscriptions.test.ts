// Automatic renewal: a Stripe subscription per entitlement, started from the renewal page. Each
// paid invoice (invoice.paid and invoice.payment_succeeded, both sent for one invoice) extends the
// window once; a failed payment and a cancellation leave it where it is.
import { afterAll, describe, expect, it, vi } from "vitest";
import { cancelAutoRenewalAction } from "../lib/actions/renewals";
import { getCurrentUser } from "../lib/auth/session";
import { renewedUntil } from "../lib/catalog/renewal-terms";
import { prisma } from "./support/fixtures";
import {
  deliverAll,
  entitlementOf,
  lapsedOwner,
  payOnly,
  sentEvents,
  standIn,
  startChange,
  stripe,
} from "./support/renewals";
import { recordSecurityEvidence } from "./support/security-evidence";

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.61", "user-agent": "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn(async () => null) }));
afterAll(() => prisma.$disconnect());

// What the stand-in sent after `step`, delivered to the webhook (each event twice, concurrently).
async function eventsOf(step: () => Promise<unknown>) {
  const before = (await sentEvents()).length;
  await step();
  const events = (await sentEvents()).slice(before);
  await deliverAll([...events, ...events]);
  return events.map((event) => event.type);
}

describe("automatic renewal", () => {
  it("extends once per paid invoice; a failed payment and a cancellation leave the window", async () => {
    const { user, entitlement } = await lapsedOwner({ endedDaysAgo: -20 });
    const started = await startChange("renewal", user, { entitlementId: entitlement.id, automatic: "on" });
    const checkout = await stripe.checkout.sessions.retrieve(started.sessionId!, { expand: ["line_items"] });
    expect(checkout.mode).toBe("subscription");
    expect(checkout.line_items!.data[0].price).toMatchObject({
      unit_amount: 2450,
      recurring: { interval: "month", interval_count: 12 },
    });

    const steps: [string, string[], Date][] = [["bought (20 days left)", [], entitlement.updatesUntil!]];
    const window = async () => (await entitlementOf(entitlement.id)).updatesUntil!;
    const { session, events } = await payOnly(started.sessionId!, user.email);
    await deliverAll([...events, ...events]);
    steps.push(["subscribed: first invoice paid", events.map((event) => event.type), await window()]);
    const subscriptionId = session.subscription as string;
    expect((await entitlementOf(entitlement.id)).stripeSubscriptionId).toBe(subscriptionId);

    const billed = (outcome: string) => () => standIn(`subscriptions/${subscriptionId}/bill`, { outcome });
    steps.push(["next period: invoice paid", await eventsOf(billed("paid")), await window()]);
    steps.push(["next period: payment failed", await eventsOf(billed("failed")), await window()]);
    vi.mocked(getCurrentUser).mockResolvedValue(user);
    const cancel = () => cancelAutoRenewalAction({ status: "idle" }, formOf(entitlement.id));
    const cancelled = await eventsOf(async () => {
      expect(await cancel()).toMatchObject({ status: "success" });
      await expect.poll(async () => (await sentEvents()).at(-1)?.type).toBe("customer.subscription.deleted");
    });
    steps.push(["cancelled by the buyer", cancelled, await window()]);

    const after = await entitlementOf(entitlement.id);
    const orders = await prisma.order.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    recordSecurityEvidence({
      section: "payments",
      title: "Automatic renewal: invoices and the update window",
      columns: ["step", "events (each delivered twice at once)", "window ends"],
      rows: steps.map(([step, types, until]) => [step, types.join(", ") || "—", until.toISOString()]),
      note: "A subscription for the renewal price, every 12 months, started from the renewal page on the local checkout; later periods billed by the stand-in as Stripe's billing cycle would.",
    });
    const start = entitlement.updatesUntil!;
    expect(steps.map(([, , until]) => until)).toEqual([
      start,
      renewedUntil(start, 12),
      renewedUntil(renewedUntil(start, 12), 12),
      renewedUntil(renewedUntil(start, 12), 12),
      renewedUntil(renewedUntil(start, 12), 12),
    ]);
    expect(orders.map((order) => [order.kind, order.amountTotal])).toEqual([
      ["renewal", 2450],
      ["renewal", 2450],
    ]);
    expect(after.changes).toHaveLength(2);
    expect(after.stripeSubscriptionId).toBeNull();
    expect((await stripe.subscriptions.retrieve(subscriptionId)).status).toBe("canceled");
  });

  it("is offered only where the tier allows it", async () => {
    const { user, entitlement, personal } = await lapsedOwner();
    await prisma.productTier.update({ where: { id: personal.id }, data: { autoRenew: false } });
    const started = await startChange("renewal", user, { entitlementId: entitlement.id, automatic: "on" });
    expect(started.result).toMatchObject({ status: "error", code: "invalid_input" });
    expect(started.sessionId).toBeNull();
  });
});

function formOf(entitlementId: string) {
  const form = new FormData();
  form.set("entitlementId", entitlementId);
  return form;
}

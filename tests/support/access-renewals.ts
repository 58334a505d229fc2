// The access matrix rows of the renewal and upgrade pages' actions: only the owner of a purchase
// may start its renewal or upgrade checkout or end its automatic renewal. Anyone else (another
// customer, the admin) is answered like an unknown purchase and audited, and no Checkout Session
// is created for the purchase nor anything changed on it.
import { newLicenseKey } from "../../lib/licensing/keys";
import { callAction, actAs } from "./access-run";
import { cell, form, sessions, type Expectation } from "./access-cases";
import type { Caller, World } from "./access-world";
import { prisma, unique } from "./fixtures";
import { payOnly, deliverAll, stripe } from "./renewals";
import type { Callable } from "./surfaces";

const DENY = ["unauthorized", "not_found"];

// A purchase of the customer's whose window ends in 30 days: renewable, automatically too, and
// upgradable to Team.
export async function renewable(world: World) {
  const product = await prisma.product.create({
    data: {
      slug: unique("renew"),
      name: "Renewable",
      tiers: {
        create: [
          { name: "Personal", priceCents: 4900, renewalPriceCents: 2450, updateMonths: 12, autoRenew: true },
          { name: "Team", priceCents: 9900, renewalPriceCents: 4950, updateMonths: 12, position: 1 },
        ],
      },
    },
    include: { tiers: { orderBy: { position: "asc" } } },
  });
  const entitlement = await prisma.entitlement.create({
    data: {
      userId: world.customer.id,
      productId: product.id,
      tierId: product.tiers[0].id,
      source: "manual",
      updatesUntil: new Date(Date.now() + 30 * 86_400_000),
      license: { create: { key: newLicenseKey() } },
    },
  });
  return { entitlement, team: product.tiers[1] };
}

// The same, renewing automatically: a real subscription on the stand-in, its first invoice paid.
// Made straight through Stripe's API, so it takes nothing from the customer's checkout budget.
export async function subscribed(world: World) {
  const made = await renewable(world);
  const { entitlement } = made;
  const metadata = {
    kind: "renewal",
    entitlement_id: entitlement.id,
    product_id: entitlement.productId,
    months: "12",
  };
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: 2450,
          product_data: { name: "Renewable (Personal)" },
          recurring: { interval: "month", interval_count: 12 },
        },
      },
    ],
    metadata,
    subscription_data: { metadata },
    success_url: "http://localhost/checkout/success?session_id={CHECKOUT_SESSION_ID}",
  });
  await deliverAll((await payOnly(session.id, world.customer.email)).events);
  return made;
}

// What a refused call must leave alone: the purchase as it was, and no checkout made for it.
async function untouched({ entitlement }: { entitlement: { id: string } }) {
  const sessions = [];
  for await (const session of stripe.checkout.sessions.list({ limit: 100 }))
    if (session.metadata?.entitlement_id === entitlement.id) sessions.push(session.id);
  const row = await prisma.entitlement.findUniqueOrThrow({
    where: { id: entitlement.id },
    select: { updatesUntil: true, tierId: true, seats: true, stripeSubscriptionId: true, status: true },
  });
  return { row, sessions: sessions.length };
}

export function renewalExpectations(
  world: World,
  actions: Map<string, Callable>,
): Record<string, Expectation> {
  const call = (name: string, fields: Record<string, string>, caller: Caller) => {
    actAs(world, caller);
    return callAction(actions.get(name)!, form(fields), true, DENY);
  };
  const owner = sessions(["customer"]);
  return {
    startRenewalAction: {
      kind: "customer action",
      cases: [
        cell(
          "the customer's own purchase",
          owner,
          () => renewable(world),
          ({ entitlement }, caller) => call("startRenewalAction", { entitlementId: entitlement.id }, caller),
          untouched,
        ),
        cell(
          "the customer's own purchase, renewing automatically",
          owner,
          () => renewable(world),
          ({ entitlement }, caller) =>
            call("startRenewalAction", { entitlementId: entitlement.id, automatic: "on" }, caller),
          untouched,
        ),
        cell(
          "the customer's refunded purchase",
          { ...owner, customer: "refused" },
          async () => {
            const made = await renewable(world);
            await prisma.entitlement.update({
              where: { id: made.entitlement.id },
              data: { status: "revoked" },
            });
            return made;
          },
          ({ entitlement }, caller) => call("startRenewalAction", { entitlementId: entitlement.id }, caller),
          untouched,
        ),
      ],
    },
    startUpgradeAction: {
      kind: "customer action",
      cases: [
        cell(
          "the customer's own purchase, to a higher tier",
          owner,
          () => renewable(world),
          ({ entitlement, team }, caller) =>
            call("startUpgradeAction", { entitlementId: entitlement.id, tierId: team.id }, caller),
          untouched,
        ),
      ],
    },
    cancelAutoRenewalAction: {
      kind: "customer action",
      cases: [
        cell(
          "the customer's own automatic renewal",
          owner,
          () => subscribed(world),
          ({ entitlement }, caller) =>
            call("cancelAutoRenewalAction", { entitlementId: entitlement.id }, caller),
          untouched,
        ),
      ],
    },
  };
}

// Renewing, upgrading and ending the automatic renewal of one's own purchase: each checks the
// caller and that the entitlement is theirs (anyone else's answers like an unknown id, audited),
// then asks Stripe. Nothing is changed here: fulfilment of the paid checkout changes the entitlement.
import "server-only";
import type { CurrentUser } from "../auth/session";
import { renewalOffer, upgradeQuote } from "../catalog/renewal-terms";
import { seatsFor } from "../catalog/tiers";
import { recordAudit, recordDenial } from "../dal/audit";
import { findOwnEntitlement, unlinkSubscription, type OwnEntitlement } from "../dal/renewals";
import { getStoreSettings } from "../dal/store-settings";
import { env } from "../env";
import { log } from "../log";
import { failure, success, type Result } from "../result";
import { changeCheckoutParams, type ChangeSale } from "./change-checkout";
import { checkoutBranding } from "./checkout-branding";
import { takeCheckoutQuota } from "./checkout-limit";
import { checkoutSettings } from "./checkout-settings";
import { stripe } from "./stripe";
import { stripeProductFor } from "./stripe-products";

type Started = Result<{ url: string }>;

async function ownEntitlement(
  user: CurrentUser | null,
  entitlementId: string,
  surface: string,
  ip: string | null,
): Promise<Result<OwnEntitlement & { tier: NonNullable<OwnEntitlement["tier"]> }>> {
  if (!user) {
    await recordDenial("renewal.denied", { actor: null, surface, reason: "signed_out", ip });
    return failure("unauthorized", "Sign in to renew or upgrade your purchase.");
  }
  const found = await findOwnEntitlement(user.id, entitlementId);
  if (!found) {
    const actor = { kind: "user" as const, id: user.id, email: user.email };
    await recordDenial("renewal.denied", { actor, surface, reason: "not_yours", ip });
    return failure("not_found", "You have no such purchase.");
  }
  if (found.status !== "active")
    return failure("conflict", `Your purchase of ${found.product.name} is no longer active.`);
  if (!found.tier) return failure("conflict", `${found.product.name} has no tiers to renew or upgrade.`);
  return success({ ...found, tier: found.tier });
}

export async function startRenewalCheckout(
  user: CurrentUser | null,
  input: { entitlementId: string; automatic: boolean },
  ip: string | null,
): Promise<Started> {
  const owned = await ownEntitlement(user, input.entitlementId, "startRenewalAction", ip);
  if (owned.status === "error") return owned;
  const entitlement = owned.data;
  const offer = renewalOffer(entitlement.tier, entitlement.seats);
  if (!offer)
    return failure("conflict", `${entitlement.product.name} ${entitlement.tier.name} is not renewed.`);
  if (input.automatic && !offer.automatic)
    return failure("conflict", `${entitlement.tier.name} does not renew automatically.`);
  if (input.automatic && entitlement.stripeSubscriptionId)
    return failure("conflict", `${entitlement.product.name} renews automatically already.`);
  return createSession(
    user!,
    entitlement,
    {
      kind: "renewal",
      tier: entitlement.tier,
      unitAmount: offer.unitAmount,
      quantity: offer.quantity,
      months: offer.months,
      automatic: input.automatic,
    },
    ip,
  );
}

export async function startUpgradeCheckout(
  user: CurrentUser | null,
  input: { entitlementId: string; tierId: string; seats?: number },
  ip: string | null,
): Promise<Started> {
  const owned = await ownEntitlement(user, input.entitlementId, "startUpgradeAction", ip);
  if (owned.status === "error") return owned;
  const entitlement = owned.data;
  const target = entitlement.product.tiers.find(
    (tier) => tier.id === input.tierId && tier.id !== entitlement.tier.id,
  );
  if (!target) return failure("invalid_input", `Choose another tier of ${entitlement.product.name}.`);
  const seats = seatsFor(
    target,
    input.seats ?? (target.perSeat ? Math.max(target.minSeats, entitlement.seats) : 1),
  );
  if (seats === null)
    return failure(
      "invalid_input",
      `${target.name} is sold as ${target.minSeats} to ${target.maxSeats} seats.`,
    );
  const from = { tier: entitlement.tier, seats: entitlement.seats, updatesUntil: entitlement.updatesUntil };
  const quote = upgradeQuote(from, { tier: target, seats }, entitlement.product.upgradePricing);
  if (!quote.ok) return failure("conflict", quote.message);
  return createSession(
    user!,
    entitlement,
    {
      kind: "upgrade",
      tier: target,
      unitAmount: quote.amount,
      quantity: 1,
      seats,
    },
    ip,
  );
}

type Change = Pick<ChangeSale, "kind" | "unitAmount" | "quantity" | "months" | "seats" | "automatic"> & {
  tier: OwnEntitlement["product"]["tiers"][number];
};

async function createSession(
  user: CurrentUser,
  entitlement: OwnEntitlement,
  change: Change,
  ip: string | null,
): Promise<Started> {
  const quota = await takeCheckoutQuota(ip, user.id);
  if (!quota.ok) {
    const wait = quota.retryAfterSeconds;
    return failure("rate_limited", `Too many checkouts started; try again in ${wait} s.`, {
      retryAfterSeconds: wait,
    });
  }
  try {
    const config = env();
    const { product } = entitlement;
    const stripeProductId = await stripeProductFor(
      { product, tier: change.tier },
      config.STRIPE_TAX ? config.STRIPE_TAX_CODE : null,
    );
    const sale = { ...change, entitlementId: entitlement.id, product, stripeProductId };
    const session = await stripe().checkout.sessions.create({
      ...changeCheckoutParams(
        { ...sale, buyer: { id: user.id, email: user.email } },
        await checkoutSettings(),
      ),
      branding_settings: checkoutBranding(await getStoreSettings(), config.APP_URL),
    });
    if (session.url) return success({ url: session.url });
  } catch (error) {
    log.error({ err: error, entitlementId: entitlement.id }, `${change.kind} checkout could not be created`);
  }
  return failure("unavailable", "Checkout is unavailable right now. Please try again in a minute.");
}

// Cancels the subscription at once: the periods already paid for stay (the window is where the last
// paid invoice put it), and no invoice follows. Stripe's customer.subscription.deleted says the same.
export async function cancelAutomaticRenewal(
  user: CurrentUser | null,
  input: { entitlementId: string },
  ip: string | null,
): Promise<Result<{ updatesUntil: Date | null }>> {
  const owned = await ownEntitlement(user, input.entitlementId, "cancelAutoRenewalAction", ip);
  if (owned.status === "error") return owned;
  const { id, stripeSubscriptionId, updatesUntil, product } = owned.data;
  if (!stripeSubscriptionId) return failure("conflict", `${product.name} does not renew automatically.`);
  try {
    await stripe().subscriptions.cancel(stripeSubscriptionId);
  } catch (error) {
    // Already cancelled in Stripe (the dashboard, a failed payment's end): nothing left to stop.
    if ((error as { code?: string }).code !== "resource_missing") {
      log.error({ err: error, entitlementId: id }, "subscription could not be cancelled");
      return failure("unavailable", "Stripe could not be reached. Please try again in a minute.");
    }
  }
  await unlinkSubscription(stripeSubscriptionId);
  await recordAudit({ kind: "user", id: user!.id, email: user!.email }, "subscription.cancel", {
    type: "Entitlement",
    id,
  });
  return success({ updatesUntil });
}

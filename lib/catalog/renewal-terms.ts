// What renewing and upgrading an entitlement costs and gives, shared by the renewal and upgrade
// pages, their checkouts and fulfilment. No "server-only": pure arithmetic on exact integers
// (amounts in the currency's minor unit, lib/money.ts), so the page and the charge always agree.
import { activationLimitOf } from "./tiers";
import { currencyRule, MAX_AMOUNT } from "../money";

// Stripe allows at most three years between a subscription's invoices (`recurring.interval_count`).
export const MAX_AUTO_RENEW_MONTHS = 36;

export type RenewableTier = {
  priceCents: number;
  renewalPriceCents: number | null;
  currency: string;
  updateMonths: number | null;
  machinesPerSeat: number | null;
  perSeat: boolean;
  autoRenew: boolean;
};

const addMonths = (from: Date, months: number) => {
  const date = new Date(from);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date;
};

// One renewal adds the tier's months to the window: from its end, or from now once it has ended
// (a lapsed buyer pays for the months ahead, not for the ones already gone).
export function renewedUntil(updatesUntil: Date | null, months: number, now = new Date()): Date {
  const from = updatesUntil && updatesUntil > now ? updatesUntil : now;
  return addMonths(from, months);
}

// A renewal needs a window that can end and a price the seller set; per seat for per-seat tiers.
export function renewalOffer(tier: RenewableTier, seats: number) {
  if (!tier.updateMonths || tier.renewalPriceCents === null) return null;
  return {
    amount: tier.renewalPriceCents * (tier.perSeat ? seats : 1),
    unitAmount: tier.renewalPriceCents,
    quantity: tier.perSeat ? seats : 1,
    currency: tier.currency,
    months: tier.updateMonths,
    automatic: tier.autoRenew && tier.updateMonths <= MAX_AUTO_RENEW_MONTHS,
  };
}

export type UpgradeFrom = { tier: RenewableTier; seats: number; updatesUntil: Date | null };
export type UpgradeTo = { tier: RenewableTier; seats: number };
export type UpgradeQuote =
  | { ok: true; amount: number; newUntil: Date | null; activationLimit: number | null }
  | { ok: false; message: string };

// Paying the difference to a higher tier. Flat: the whole difference of the two list prices (× seats).
// Prorated: that difference × the part of the current update period still to run, computed in
// integers (BigInt: an amount × milliseconds passes 2^53) and rounded down to what the currency can
// carry, so the buyer never pays a fraction more. The window becomes the new tier's: the current
// period measured with the new tier's months (never shorter than it is now; forever for a lifetime
// tier).
export function upgradeQuote(
  from: UpgradeFrom,
  to: UpgradeTo,
  pricing: "prorated" | "flat",
  now = new Date(),
): UpgradeQuote {
  if (from.tier.currency !== to.tier.currency)
    return { ok: false, message: "An upgrade is paid in the currency of the purchase." };
  const paidFor = BigInt(from.tier.priceCents) * BigInt(from.tier.perSeat ? from.seats : 1);
  const costs = BigInt(to.tier.priceCents) * BigInt(to.tier.perSeat ? to.seats : 1);
  const difference = costs - paidFor;
  if (difference <= 0n) return { ok: false, message: "Choose a tier that costs more than the one you have." };
  if (!from.updatesUntil && to.tier.updateMonths)
    return { ok: false, message: "Your updates are included forever; this tier's would end." };

  const periodStart = periodStartOf(from.updatesUntil, from.tier.updateMonths);
  const newUntil = upgradedUntil(from.updatesUntil, from.tier.updateMonths, to.tier.updateMonths, now);

  let amount = difference;
  if (pricing === "prorated" && from.updatesUntil && periodStart) {
    const total = BigInt(from.updatesUntil.getTime() - periodStart.getTime());
    const left = BigInt(Math.max(0, from.updatesUntil.getTime() - now.getTime()));
    if (left === 0n) return { ok: false, message: "Your updates have ended: renew first, then upgrade." };
    amount = (difference * (left < total ? left : total)) / total; // BigInt division rounds down
  }
  const step = BigInt(currencyRule(to.tier.currency).step);
  amount -= amount % step;
  if (amount <= 0n) return { ok: false, message: "Nothing is left to pay for: renew first, then upgrade." };
  if (amount > BigInt(MAX_AMOUNT))
    return { ok: false, message: "This upgrade costs more than one checkout can take." };
  return {
    ok: true,
    amount: Number(amount),
    newUntil,
    activationLimit: activationLimitOf(to.tier.machinesPerSeat, to.seats),
  };
}

// The start of the update period that is running (or last ran): the window's end less its months.
const periodStartOf = (updatesUntil: Date | null, months: number | null) =>
  updatesUntil && months ? addMonths(updatesUntil, -months) : null;

// The window after an upgrade: the current period measured with the new tier's months, never
// shorter than it is now; forever for a lifetime tier.
export function upgradedUntil(
  updatesUntil: Date | null,
  fromMonths: number | null,
  toMonths: number | null,
  now = new Date(),
): Date | null {
  if (!toMonths) return null;
  const until = addMonths(periodStartOf(updatesUntil, fromMonths) ?? now, toMonths);
  return updatesUntil && updatesUntil > until ? updatesUntil : until;
}

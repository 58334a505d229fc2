// What a price tier means for a purchase, shared by checkout, fulfilment, licences and pages.
// No "server-only": the tier picker on the product page computes the same totals it shows.

export type TierTerms = {
  priceCents: number;
  currency: string;
  machinesPerSeat: number | null;
  perSeat: boolean;
  minSeats: number;
  maxSeats: number;
};

// The most seats a seller may offer in one purchase (Stripe's adjustable_quantity allows 999,999).
export const MAX_SEATS = 10_000;

// A key activates seats × machines per seat; a tier without a machine limit has none at all.
export const activationLimitOf = (machinesPerSeat: number | null | undefined, seats: number) =>
  machinesPerSeat == null ? null : machinesPerSeat * seats;

// The seats a buyer asked for, if the tier sells that many: per-seat tiers between min and max,
// every other tier exactly one.
export function seatsFor(tier: TierTerms, requested: number | undefined): number | null {
  if (!tier.perSeat) return requested === undefined || requested === 1 ? 1 : null;
  const seats = requested ?? tier.minSeats;
  return Number.isSafeInteger(seats) && seats >= tier.minSeats && seats <= tier.maxSeats ? seats : null;
}

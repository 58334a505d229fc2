import { describe, expect, it } from "vitest";
import { renewedUntil, upgradedUntil, upgradeQuote, type RenewableTier } from "./renewal-terms";

const tier = (priceCents: number, currency = "usd", extra: Partial<RenewableTier> = {}): RenewableTier => ({
  priceCents,
  renewalPriceCents: null,
  currency,
  updateMonths: 12,
  machinesPerSeat: 3,
  perSeat: false,
  autoRenew: false,
  ...extra,
});
const at = (iso: string) => new Date(iso);

describe("renewal and upgrade terms", () => {
  it("renews from the window's end while it runs, from now once it has ended", () => {
    const now = at("2027-03-01T00:00:00Z");
    expect(renewedUntil(at("2027-06-01T00:00:00Z"), 12, now)).toEqual(at("2028-06-01T00:00:00Z"));
    expect(renewedUntil(at("2027-01-01T00:00:00Z"), 12, now)).toEqual(at("2028-03-01T00:00:00Z"));
  });

  it("prorates the difference by the period still to run, rounded down to what the currency carries", () => {
    // Half of a 12-month period left (2027-01-01 → 2028-01-01, now 2027-07-02T12:00Z = 182.5 of 365 days).
    const from = { tier: tier(4900), seats: 1, updatesUntil: at("2028-01-01T00:00:00Z") };
    const now = at("2027-07-02T12:00:00Z");
    expect(upgradeQuote(from, { tier: tier(9900), seats: 1 }, "prorated", now)).toMatchObject({
      amount: 2500,
    });
    // ¥ and ISK: whole yen; ISK in whole krónur (multiples of 100 in Stripe's count).
    const yen = { ...from, tier: tier(4900, "jpy") };
    expect(upgradeQuote(yen, { tier: tier(9901, "jpy"), seats: 1 }, "prorated", now)).toMatchObject({
      amount: 2500,
    });
    const isk = { ...from, tier: tier(490_000, "isk") };
    expect(upgradeQuote(isk, { tier: tier(990_100, "isk"), seats: 1 }, "prorated", now)).toMatchObject({
      amount: 250_000,
    });
    // An amount × milliseconds far past 2^53 (99,999,998 × 15,768,000,000 ms) stays exact.
    const big = { ...from, tier: tier(1) };
    expect(upgradeQuote(big, { tier: tier(99_999_999), seats: 1 }, "prorated", now)).toMatchObject({
      amount: 49_999_999,
    });
  });

  it("flat charges the whole difference; an upgrade never shortens the window nor crosses currencies", () => {
    const from = { tier: tier(4900), seats: 1, updatesUntil: at("2028-01-01T00:00:00Z") };
    const now = at("2027-12-01T00:00:00Z");
    expect(
      upgradeQuote(from, { tier: tier(3900, "usd", { perSeat: true }), seats: 3 }, "flat", now),
    ).toMatchObject({
      amount: 6800,
      activationLimit: 9,
      newUntil: at("2028-01-01T00:00:00Z"),
    });
    expect(upgradeQuote(from, { tier: tier(9900, "eur"), seats: 1 }, "flat", now)).toMatchObject({
      ok: false,
    });
    expect(upgradeQuote(from, { tier: tier(4900), seats: 1 }, "flat", now)).toMatchObject({ ok: false });
    // 24 months from the same period start; a lifetime tier is forever.
    expect(upgradedUntil(at("2028-01-01T00:00:00Z"), 12, 24, now)).toEqual(at("2029-01-01T00:00:00Z"));
    expect(upgradedUntil(at("2028-01-01T00:00:00Z"), 12, 6, now)).toEqual(at("2028-01-01T00:00:00Z"));
    expect(upgradedUntil(at("2028-01-01T00:00:00Z"), 12, null, now)).toBeNull();
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyRule, formatMoney, MAX_AMOUNT, parsePrice, priceInputValue, roundDownToStep } from "./money";

// One of each kind of Stripe rule: two-decimal, zero-decimal, three-decimal (last digit 0),
// whole units counted in hundredths (ISK, UGX), and HUF/TWD, two-decimal for charges.
const CURRENCIES = [
  "usd",
  "eur",
  "chf",
  "jpy",
  "krw",
  "clp",
  "vnd",
  "kwd",
  "bhd",
  "tnd",
  "isk",
  "ugx",
  "huf",
  "twd",
];
const currency = fc.constantFrom(...CURRENCIES);
// Any amount Stripe would charge in that currency.
const chargeable = currency.chain((code) =>
  fc.integer({ min: 0, max: MAX_AMOUNT }).map((amount) => ({ code, amount: roundDownToStep(amount, code) })),
);
// What a reader of the formatted amount would type back: its digits and decimal point.
const typedBack = (shown: string) => shown.replace(/[^\d.]/g, "");

describe("money", () => {
  it("knows each currency's minor unit the way Stripe counts it", () => {
    expect(currencyRule("usd")).toMatchObject({ exponent: 2, step: 1, fractionDigits: 2 });
    expect(currencyRule("JPY")).toMatchObject({ exponent: 0, step: 1, fractionDigits: 0 });
    expect(currencyRule("kwd")).toMatchObject({ exponent: 3, step: 10, fractionDigits: 3 });
    expect(currencyRule("isk")).toMatchObject({ exponent: 2, step: 100, fractionDigits: 0 });
    expect(currencyRule("ugx")).toMatchObject({ exponent: 2, step: 100, fractionDigits: 0 });
    expect(currencyRule("huf")).toMatchObject({ exponent: 2, step: 1, fractionDigits: 2 });
  });

  it("parses a seller's price into minor units and refuses what the currency cannot carry", () => {
    expect(parsePrice("1900", "jpy")).toEqual({ ok: true, amount: 1900 });
    expect(parsePrice("19.99", "usd")).toEqual({ ok: true, amount: 1999 });
    expect(parsePrice("19", "usd")).toEqual({ ok: true, amount: 1900 });
    expect(parsePrice(" 0.5 ", "usd")).toEqual({ ok: true, amount: 50 });
    expect(parsePrice("5.12", "kwd")).toEqual({ ok: true, amount: 5120 });
    expect(parsePrice("5.120", "kwd")).toEqual({ ok: true, amount: 5120 });
    expect(parsePrice("1900", "isk")).toEqual({ ok: true, amount: 190000 });
    expect(parsePrice("999999.99", "usd")).toEqual({ ok: true, amount: MAX_AMOUNT });

    expect(parsePrice("1.5", "jpy")).toEqual({
      ok: false,
      message: "JPY prices are whole numbers, like 1900",
    });
    expect(parsePrice("19.999", "usd")).toEqual({
      ok: false,
      message: "USD prices have at most 2 decimals, like 19.99",
    });
    expect(parsePrice("5.125", "kwd")).toEqual({
      ok: false,
      message: "KWD prices must be a multiple of 0.010, like 5.120 (Stripe's rule)",
    });
    expect(parsePrice("1900.5", "isk")).toEqual({
      ok: false,
      message: "ISK prices are whole numbers, like 1900",
    });
    expect(parsePrice("1000000", "usd")).toEqual({ ok: false, message: "at most $999,999.99" });
    for (const bad of ["", "1,900", "19.", ".5", "-5", "1e3", "0x10", "19.99.1", "١٩٠٠", "Infinity"]) {
      expect(parsePrice(bad, "usd").ok, bad).toBe(false);
    }
  });

  it("shows amounts with the currency's own decimals", () => {
    expect(formatMoney(1900, "jpy")).toBe("¥1,900");
    expect(formatMoney(1999, "usd")).toBe("$19.99");
    expect(formatMoney(5120, "kwd")).toBe("KWD\u00a05.120");
    expect(formatMoney(190000, "isk")).toBe("ISK\u00a01,900");
    expect(formatMoney(190000, "huf")).toBe("HUF\u00a01,900.00"); // Intl alone would say HUF 190,000
    expect(formatMoney(5, "eur")).toBe("€0.05");
    expect(formatMoney(190050, "isk")).toBe("ISK\u00a01,900.50"); // never rounds an amount away
  });

  it("round-trips every chargeable amount through the price field", () => {
    fc.assert(
      fc.property(chargeable, ({ code, amount }) => {
        expect(parsePrice(priceInputValue(amount, code), code)).toEqual({ ok: true, amount });
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips every chargeable amount through what the buyer is shown", () => {
    fc.assert(
      fc.property(chargeable, ({ code, amount }) => {
        expect(parsePrice(typedBack(formatMoney(amount, code)), code)).toEqual({ ok: true, amount });
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses every price finer than the currency's smallest chargeable amount", () => {
    // An amount between two chargeable ones (KWD 5.125, ISK 1900.50), or one digit more than the
    // currency is typed with (19.991 USD, 1900.5 JPY).
    const between = currency
      .filter((code) => currencyRule(code).step > 1)
      .chain((code) =>
        fc
          .integer({ min: 1, max: MAX_AMOUNT })
          .filter((amount) => roundDownToStep(amount, code) !== amount)
          .map((amount) => ({ code, typed: priceInputValue(amount, code) })),
      );
    const oneDigitMore = fc.tuple(chargeable, fc.nat({ max: 9 })).map(([{ code, amount }, digit]) => {
      const typed = priceInputValue(amount, code);
      return { code, typed: typed.includes(".") ? `${typed}${digit}` : `${typed}.${digit}` };
    });
    fc.assert(
      fc.property(fc.oneof(between, oneDigitMore), ({ code, typed }) => {
        expect(parsePrice(typed, code), `${typed} ${code}`).toMatchObject({ ok: false });
      }),
      { numRuns: 2000 },
    );
  });
});

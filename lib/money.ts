// Money is an integer count of a currency's minor unit as Stripe's API counts it: cents for USD
// (1999 = $19.99), whole yen for JPY (1900 = ¥1,900), fils for KWD (5120 = KWD 5.120). Every
// amount the store parses, stores, shows, charges or refunds goes through this one table, from
// https://docs.stripe.com/currencies (zero-decimal, three-decimal and special cases).
// No "server-only": the admin form, the pages and the local checkout stand-in share it.

const ZERO_DECIMAL = new Set([
  "bif",
  "clp",
  "djf",
  "gnf",
  "jpy",
  "kmf",
  "krw",
  "mga",
  "pyg",
  "rwf",
  "vnd",
  "vuv",
  "xaf",
  "xof",
  "xpf",
]);
// Stripe accepts three decimals, but the last digit must be 0: 5.124 KWD is refused, 5.120 is not.
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"]);
// Whole units only, yet two-decimal in the API for backwards compatibility: 5 ISK is `500`, and an
// amount that is not a multiple of 100 is refused (invalid_charge_amount_no_decimal_compatible).
// UGX is listed as zero-decimal by Stripe but is this special case. HUF and TWD stay two-decimal
// for charges and refunds (only payouts are whole units there, which a store never makes).
const WHOLE_UNITS_IN_HUNDREDTHS = new Set(["isk", "ugx"]);

// Stripe's API takes at most eight digits (99999999 = $999,999.99); also fits a 32-bit column.
export const MAX_AMOUNT = 99_999_999;

// What a seller can price a product in; each kind of Stripe rule is represented.
export const SELLABLE_CURRENCIES = [
  "usd",
  "eur",
  "gbp",
  "cad",
  "aud",
  "chf",
  "jpy",
  "krw",
  "isk",
  "kwd",
] as const;

export type CurrencyRule = {
  code: string; // upper case, as Intl wants it
  exponent: number; // digits after the point in the API's minor unit
  step: number; // an amount must be a multiple of this many minor units
  fractionDigits: number; // digits a price is typed and shown with
};

export function currencyRule(currency: string): CurrencyRule {
  const lower = currency.toLowerCase();
  const code = lower.toUpperCase();
  if (ZERO_DECIMAL.has(lower)) return { code, exponent: 0, step: 1, fractionDigits: 0 };
  if (THREE_DECIMAL.has(lower)) return { code, exponent: 3, step: 10, fractionDigits: 3 };
  if (WHOLE_UNITS_IN_HUNDREDTHS.has(lower)) return { code, exponent: 2, step: 100, fractionDigits: 0 };
  return { code, exponent: 2, step: 1, fractionDigits: 2 };
}

// The amount as an exact decimal string in major units ("19.99", "1900", "5.120"), never through a
// float. Shows more digits than usual only when the amount has them, so nothing is rounded away.
function majorUnits(amount: number, rule: CurrencyRule): string {
  const digits =
    amount % 10 ** (rule.exponent - rule.fractionDigits) === 0 ? rule.fractionDigits : rule.exponent;
  const text = Math.abs(amount)
    .toString()
    .padStart(rule.exponent + 1, "0");
  const whole = text.slice(0, text.length - rule.exponent);
  const fraction = text.slice(text.length - rule.exponent, text.length - rule.exponent + digits);
  return `${amount < 0 ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

// For display: "$19.99", "¥1,900", "KWD 5.120", "ISK 1,900".
export function formatMoney(amount: number, currency: string): string {
  const rule = currencyRule(currency);
  const text = majorUnits(amount, rule);
  const digits = text.split(".")[1]?.length ?? 0;
  const format = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: rule.code,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return format.format(text as Intl.StringNumericLiteral); // a string is formatted exactly
}

// For a price field: what the seller would type ("19.99", "1900", "5.120").
export const priceInputValue = (amount: number, currency: string) =>
  majorUnits(amount, currencyRule(currency));

export type ParsedPrice = { ok: true; amount: number } | { ok: false; message: string };

// A price as a seller types it, in major units, to minor units: "19.99" USD → 1999, "1900" JPY →
// 1900, "5.12" KWD → 5120. Refuses what the currency cannot carry instead of rounding it.
export function parsePrice(input: string, currency: string): ParsedPrice {
  const rule = currencyRule(currency);
  const example = ({ 0: "1900", 2: "19.99", 3: "5.120" } as Record<number, string>)[rule.fractionDigits];
  const match = /^(\d+)(?:\.(\d+))?$/.exec(input.trim());
  if (!match)
    return { ok: false, message: `enter a price like ${example} (digits and at most one decimal point)` };
  const [, whole, fraction = ""] = match;
  if (fraction.length > rule.fractionDigits) {
    return {
      ok: false,
      message: rule.fractionDigits
        ? `${rule.code} prices have at most ${rule.fractionDigits} decimals, like ${example}`
        : `${rule.code} prices are whole numbers, like ${example}`,
    };
  }
  const digits = (whole + fraction.padEnd(rule.exponent, "0")).replace(/^0+(?=\d)/, "");
  if (digits.length > String(MAX_AMOUNT).length)
    return { ok: false, message: `at most ${formatMoney(MAX_AMOUNT - (MAX_AMOUNT % rule.step), currency)}` };
  const amount = Number(digits);
  if (amount % rule.step !== 0) {
    const unit = priceInputValue(rule.step, currency);
    return {
      ok: false,
      message: `${rule.code} prices must be a multiple of ${unit}, like ${example} (Stripe's rule)`,
    };
  }
  return { ok: true, amount };
}

// The largest amount up to `amount` that the currency can carry, e.g. half of a refund.
export const roundDownToStep = (amount: number, currency: string) =>
  amount - (amount % currencyRule(currency).step);

export const isChargeable = (amount: number, currency: string) =>
  Number.isSafeInteger(amount) &&
  amount >= 0 &&
  amount <= MAX_AMOUNT &&
  amount % currencyRule(currency).step === 0;

// Stripe Tax, as the local checkout imitates it: a small table of rates for digital goods, EU
// reverse charge for a business with a plausible VAT ID, and the fields Stripe returns for it
// (line items' amount_tax, total_details.breakdown.taxes[] with rate and taxability_reason).
import { ApiError } from "./checkout-form";

type Rate = { country: string; state: string | null; percentage: number; display_name: string };

// Key: country, or country-state. HK charges no tax on software (zero rate); nor, here, do US
// states other than Washington.
const RATES: Record<string, Rate> = {
  DE: { country: "DE", state: null, percentage: 19, display_name: "VAT" },
  FR: { country: "FR", state: null, percentage: 20, display_name: "VAT" },
  IE: { country: "IE", state: null, percentage: 23, display_name: "VAT" },
  NL: { country: "NL", state: null, percentage: 21, display_name: "VAT" },
  GB: { country: "GB", state: null, percentage: 20, display_name: "VAT" },
  "US-WA": { country: "US", state: "WA", percentage: 6.5, display_name: "Sales Tax" },
  HK: { country: "HK", state: null, percentage: 0, display_name: "No tax" },
  US: { country: "US", state: null, percentage: 0, display_name: "Sales Tax" },
};
export const TAX_COUNTRIES = ["DE", "FR", "IE", "NL", "GB", "US", "HK"];
const EU = new Set(["DE", "FR", "IE", "NL"]);

// An EU VAT number: its country's prefix (Greece writes EL) and 8 to 12 letters or digits.
export function plausibleVatId(value: string, country: string) {
  const prefix = country === "GR" ? "EL" : country;
  return new RegExp(`^${prefix}[0-9A-Z]{8,12}$`).test(value.replace(/[\s.-]/g, "").toUpperCase());
}

export type TaxAddress = { country: string; state: string | null };
export type TaxId = { type: "eu_vat" | "gb_vat" | "unknown"; value: string };

export function taxIdFor(value: string | undefined, country: string): TaxId | null {
  const id = value?.replace(/[\s.-]/g, "").toUpperCase();
  if (!id) return null;
  if (EU.has(country)) {
    if (!plausibleVatId(id, country))
      throw new ApiError(400, "Invalid VAT number.", "tax_id", "tax_id_invalid");
    return { type: "eu_vat", value: id };
  }
  return { type: country === "GB" ? "gb_vat" : "unknown", value: id };
}

// The tax on one amount: exclusive adds it on top, inclusive takes it out of the price. Rounded to
// the currency's minor unit, as Stripe does.
export function taxOn(amount: number, behavior: "inclusive" | "exclusive", rate: Rate, reverse: boolean) {
  const percentage = reverse ? 0 : rate.percentage;
  const tax =
    behavior === "exclusive"
      ? Math.round((amount * percentage) / 100)
      : amount - Math.round((amount * 100) / (100 + percentage));
  return { tax, taxable: behavior === "exclusive" ? amount : amount - tax };
}

export function rateFor(address: TaxAddress): Rate {
  const rate =
    RATES[address.state ? `${address.country}-${address.state}` : address.country] ?? RATES[address.country];
  if (!rate)
    throw new ApiError(400, `This local checkout computes no tax for ${address.country}.`, "address");
  return rate;
}

export const isReverseCharge = (address: TaxAddress, taxId: TaxId | null) =>
  EU.has(address.country) && taxId?.type === "eu_vat";

// Stripe's TaxRate object, as it appears in a breakdown.
export const taxRateObject = (rate: Rate, behavior: "inclusive" | "exclusive") => ({
  id: `txr_test_${rate.country}${rate.state ?? ""}`,
  object: "tax_rate",
  country: rate.country,
  state: rate.state,
  percentage: rate.percentage,
  effective_percentage: rate.percentage,
  display_name: rate.display_name,
  inclusive: behavior === "inclusive",
  jurisdiction: rate.state ?? rate.country,
  tax_type: rate.display_name === "VAT" ? "vat" : "sales_tax",
  active: true,
  livemode: false,
});

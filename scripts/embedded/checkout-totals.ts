// A session's amounts as Stripe computes them once the buyer has said where they are: per line
// item subtotal, tax and total, and the session's amount_subtotal, total_details and amount_total.
import type { LineItem } from "./checkout-items";
import { isReverseCharge, rateFor, taxOn, taxRateObject, type TaxAddress, type TaxId } from "./checkout-tax";

export type SaleContext = { automaticTax: boolean; address: TaxAddress | null; taxId: TaxId | null };

const reasonFor = (reverse: boolean, percentage: number, country: string) =>
  reverse
    ? "reverse_charge"
    : percentage > 0
      ? "standard_rated"
      : country === "US"
        ? "not_collecting"
        : "not_subject_to_tax";

export function computeTotals(items: LineItem[], sale: SaleContext) {
  const rate = sale.automaticTax && sale.address ? rateFor(sale.address) : null;
  const reverse = rate !== null && isReverseCharge(sale.address!, sale.taxId);
  let taxTotal = 0;
  let taxable = 0;
  for (const item of items) {
    const subtotal = item.price.unit_amount * item.quantity;
    const behavior = item.price.tax_behavior === "inclusive" ? "inclusive" : "exclusive";
    const tax = rate ? taxOn(subtotal, behavior, rate, reverse) : { tax: 0, taxable: subtotal };
    Object.assign(item, {
      amount_subtotal: subtotal,
      amount_discount: 0,
      amount_tax: tax.tax,
      amount_total: subtotal + (behavior === "exclusive" ? tax.tax : 0),
    });
    taxTotal += tax.tax;
    taxable += tax.taxable;
  }
  const behavior = items[0].price.tax_behavior === "inclusive" ? "inclusive" : "exclusive";
  const taxes = rate
    ? [
        {
          amount: taxTotal,
          rate: taxRateObject(reverse ? { ...rate, percentage: 0 } : rate, behavior),
          taxability_reason: reasonFor(reverse, rate.percentage, rate.country),
          taxable_amount: taxable,
        },
      ]
    : [];
  return {
    amount_subtotal: items.reduce((sum, item) => sum + item.amount_subtotal, 0),
    amount_total: items.reduce((sum, item) => sum + item.amount_total, 0),
    total_details: {
      amount_discount: 0,
      amount_shipping: 0,
      amount_tax: taxTotal,
      breakdown: { discounts: [], taxes },
    },
    reverse,
  };
}

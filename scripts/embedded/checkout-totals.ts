// A session's amounts as Stripe computes them once the buyer has said where they are and which
// code they entered: per line item subtotal, discount, tax and total, and the session's
// amount_subtotal, total_details and amount_total. Tax is computed on the discounted amount.
import type { LineItem } from "./checkout-items";
import { newId, now } from "./checkout-form";
import { isReverseCharge, rateFor, taxOn, taxRateObject, type TaxAddress, type TaxId } from "./checkout-tax";

// A coupon as the totals need it: what it takes off, and from which products (null: all of them).
export type AppliedCoupon = {
  id: string;
  percent_off: number | null;
  amount_off: number | null;
  applies_to: { products: string[] } | null;
};
export type AppliedDiscount = {
  coupon: AppliedCoupon;
  promotionCodeId: string;
  sessionId: string;
  code: string;
};
export type SaleContext = {
  automaticTax: boolean;
  address: TaxAddress | null;
  taxId: TaxId | null;
  discount?: AppliedDiscount | null;
};

// Per line item, in the currency's minor unit: a percentage rounds per line, a fixed amount is
// taken from the eligible lines in order until it is used up (never below zero).
function discountsOf(items: LineItem[], coupon: AppliedCoupon | undefined) {
  let left = coupon?.amount_off ?? 0;
  return items.map((item) => {
    const subtotal = item.price.unit_amount * item.quantity;
    if (!coupon || (coupon.applies_to && !coupon.applies_to.products.includes(item.price.product.id)))
      return 0;
    if (coupon.percent_off !== null) return Math.round((subtotal * coupon.percent_off) / 100);
    const off = Math.min(left, subtotal);
    left -= off;
    return off;
  });
}

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
  const discounts = discountsOf(items, sale.discount?.coupon);
  let taxTotal = 0;
  let taxable = 0;
  items.forEach((item, i) => {
    const subtotal = item.price.unit_amount * item.quantity;
    const charged = subtotal - discounts[i];
    const behavior = item.price.tax_behavior === "inclusive" ? "inclusive" : "exclusive";
    const tax = rate ? taxOn(charged, behavior, rate, reverse) : { tax: 0, taxable: charged };
    Object.assign(item, {
      amount_subtotal: subtotal,
      amount_discount: discounts[i],
      amount_tax: tax.tax,
      amount_total: charged + (behavior === "exclusive" ? tax.tax : 0),
    });
    taxTotal += tax.tax;
    taxable += tax.taxable;
  });
  const discountTotal = discounts.reduce((sum, amount) => sum + amount, 0);
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
      amount_discount: discountTotal,
      amount_shipping: 0,
      amount_tax: taxTotal,
      breakdown: { discounts: sale.discount ? [breakdownOf(sale.discount, discountTotal)] : [], taxes },
    },
    discounts: sale.discount
      ? [{ coupon: sale.discount.coupon.id, promotion_code: sale.discount.promotionCodeId }]
      : [],
    reverse,
  };
}

// Stripe's Discount object, as total_details.breakdown.discounts[] carries it.
const breakdownOf = ({ coupon, promotionCodeId, sessionId }: AppliedDiscount, amount: number) => ({
  amount,
  discount: {
    id: newId("di"),
    object: "discount",
    checkout_session: sessionId,
    customer: null,
    customer_account: null,
    end: null,
    invoice: null,
    invoice_item: null,
    promotion_code: promotionCodeId,
    source: { type: "coupon", coupon },
    start: now(),
    subscription: null,
    subscription_item: null,
  },
});

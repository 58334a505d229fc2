// Checkout line items for the stand-in, built from the inline `price_data` the store sends.
import { currencyRule, MAX_AMOUNT } from "../../lib/money";
import { ApiError, asObject, asString, intAtLeast, metadataOf, missing, newId, oneOf } from "./checkout-form";
import type { Form } from "./checkout-form";

type Product = {
  id: string;
  object: "product";
  name: string;
  description: string | null;
  metadata: Record<string, string>;
  tax_code: string | null;
};
export type LineItem = ReturnType<typeof parseLineItems>[number];

// Stripe refuses amounts its currency cannot carry: three-decimal ones must end in 0, ISK and UGX
// (whole units, counted in hundredths) must be multiples of 100; at most eight digits.
export function chargeableAmount(value: unknown, param: string, currency: string, min: number) {
  const amount = intAtLeast(value, param, min, MAX_AMOUNT);
  const { code, step } = currencyRule(currency);
  if (amount % step !== 0)
    throw new ApiError(
      400,
      `Invalid amount. ${code} amounts must be evenly divisible by ${step}.`,
      param,
      "invalid_charge_amount_no_decimal_compatible",
    );
  return amount;
}

// Builds Stripe-shaped line items (with their product expanded) from inline price_data, naming an
// existing product (`product`) or describing a new one (`product_data`).
export function parseLineItems(raw: unknown, products: (id: string) => Product | undefined) {
  if (!Array.isArray(raw) || raw.length === 0) throw missing("line_items");
  return raw.map((entry, i) => {
    const param = `line_items[${i}][price_data]`;
    // Only inline prices: the store keeps its catalogue itself, not as Stripe Price objects.
    const priceData = asObject(asObject(entry)?.price_data);
    if (!priceData) throw missing(param);
    const currency = asString(priceData.currency)?.toLowerCase();
    if (!currency || !/^[a-z]{3}$/.test(currency))
      throw new ApiError(400, "Invalid currency.", `${param}[currency]`);
    const product = productOf(priceData, param, products);
    const quantity = intAtLeast(asObject(entry)?.quantity, `line_items[${i}][quantity]`, 1);
    const adjustable = adjustableQuantity(asObject(entry)?.adjustable_quantity, i, quantity);
    const unitAmount = chargeableAmount(priceData.unit_amount, `${param}[unit_amount]`, currency, 0);
    const taxBehavior =
      priceData.tax_behavior === undefined
        ? "unspecified"
        : oneOf(priceData.tax_behavior, `${param}[tax_behavior]`, [
            "inclusive",
            "exclusive",
            "unspecified",
          ] as const);
    const recurring = recurringOf(asObject(priceData.recurring), `${param}[recurring]`);
    const amount = unitAmount * quantity;
    return {
      id: newId("li"),
      object: "item",
      description: product.name,
      quantity,
      currency,
      amount_subtotal: amount,
      amount_discount: 0,
      amount_tax: 0,
      amount_total: amount,
      price: {
        id: newId("price"),
        object: "price",
        currency,
        unit_amount: unitAmount,
        tax_behavior: taxBehavior,
        type: recurring ? ("recurring" as const) : ("one_time" as const),
        recurring,
        product,
      },
      // Not part of Stripe's line item object: what the pay page lets the buyer change.
      adjustable,
    };
  });
}

function productOf(priceData: Form, param: string, products: (id: string) => Product | undefined): Product {
  const id = asString(priceData.product);
  if (id) {
    const found = products(id);
    if (!found) throw new ApiError(400, `No such product: '${id}'`, `${param}[product]`, "resource_missing");
    return found;
  }
  const productData = asObject(priceData.product_data);
  const name = asString(productData?.name) ?? "";
  if (!name) throw missing(`${param}[product_data][name]`);
  const taxCode = asString(productData?.tax_code) ?? null;
  if (taxCode && !/^txcd_\d{8}$/.test(taxCode))
    throw new ApiError(400, `Invalid tax code: ${taxCode}`, `${param}[product_data][tax_code]`);
  return {
    id: newId("prod"),
    object: "product",
    name,
    description: asString(productData?.description) ?? null,
    metadata: metadataOf(productData?.metadata),
    tax_code: taxCode,
  };
}

// A subscription's price (`price_data.recurring`): every `interval_count` intervals, at most
// three years apart, as Stripe allows.
const MAX_INTERVALS = { day: 1095, week: 156, month: 36, year: 3 } as const;
function recurringOf(form: Form | undefined, param: string) {
  if (!form) return null;
  const interval = oneOf(form.interval, `${param}[interval]`, ["day", "week", "month", "year"] as const);
  const count =
    form.interval_count === undefined
      ? 1
      : intAtLeast(form.interval_count, `${param}[interval_count]`, 1, MAX_INTERVALS[interval]);
  return { interval, interval_count: count };
}

// Stripe's `adjustable_quantity`: the buyer may change the quantity on the checkout page,
// between minimum (default 0) and maximum (default 99), and the given quantity must fit.
function adjustableQuantity(raw: unknown, i: number, quantity: number) {
  const param = `line_items[${i}][adjustable_quantity]`;
  const form = asObject(raw);
  if (!form || form.enabled !== "true") return null;
  const minimum = form.minimum === undefined ? 0 : intAtLeast(form.minimum, `${param}[minimum]`, 0, 999_999);
  const maximum = form.maximum === undefined ? 99 : intAtLeast(form.maximum, `${param}[maximum]`, 1, 999_999);
  if (minimum > maximum || quantity < minimum || quantity > maximum)
    throw new ApiError(400, "The quantity must be between adjustable_quantity's minimum and maximum.", param);
  return { minimum, maximum };
}

// A new quantity chosen on the pay page, within the item's adjustable range (the store then
// recomputes the amounts).
export function setQuantity(item: LineItem, quantity: number) {
  if (!item.adjustable || quantity < item.adjustable.minimum || quantity > item.adjustable.maximum)
    throw new ApiError(400, "This quantity cannot be chosen.", "quantity");
  item.quantity = quantity;
}

// Stripe returns the product as an id unless the caller expands it.
export const itemList = (url: string, items: LineItem[], expandProduct: boolean) => ({
  object: "list",
  url,
  has_more: false,
  data: items.map(({ adjustable: _, ...li }) =>
    expandProduct ? li : { ...li, price: { ...li.price, product: li.price.product.id } },
  ),
});

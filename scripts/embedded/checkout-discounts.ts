// The stand-in's products, coupons and promotion codes (API 2026-10-28, trimmed to what a store
// sends and reads), and the checks Stripe Checkout runs when a buyer enters a code: active,
// not expired, not used up, in the session's currency, for a product in the cart, first purchase.
import { ApiError, asObject, asString, asStrings, intAtLeast, metadataOf, newId, now } from "./checkout-form";
import type { Form } from "./checkout-form";
import { chargeableAmount } from "./checkout-items";
import { paginate } from "./checkout-lists";

const FIVE_YEARS = 5 * 366 * 86_400;
const CODE = /^[A-Za-z0-9-]{1,500}$/;

export type Product = {
  id: string;
  object: "product";
  active: boolean;
  name: string;
  description: string | null;
  tax_code: string | null;
  metadata: Record<string, string>;
  created: number;
  updated: number;
  livemode: false;
};

function product(form: Form, existing?: Product): Product {
  const name = asString(form.name) ?? existing?.name;
  if (!name) throw new ApiError(400, "Missing required param: name.", "name", "parameter_missing");
  const taxCode = asString(form.tax_code) ?? existing?.tax_code ?? null;
  if (taxCode && !/^txcd_\d{8}$/.test(taxCode))
    throw new ApiError(400, `Invalid tax code: ${taxCode}`, "tax_code");
  return {
    id: existing?.id ?? newId("prod"),
    object: "product",
    active: true,
    name,
    description: asString(form.description) ?? existing?.description ?? null,
    tax_code: taxCode,
    metadata: { ...existing?.metadata, ...metadataOf(form.metadata) },
    created: existing?.created ?? now(),
    updated: now(),
    livemode: false,
  };
}

const future = (value: unknown, param: string) => {
  const at = intAtLeast(value, param, 0);
  if (at <= now()) throw new ApiError(400, `${param} must be in the future.`, param);
  if (at > now() + FIVE_YEARS) throw new ApiError(400, `${param} can be at most 5 years away.`, param);
  return at;
};
const optionalInt = (value: unknown, param: string) =>
  value === undefined ? null : intAtLeast(value, param, 1);

export function createCatalog() {
  const products = new Map<string, Product>();
  const coupons = new Map<string, ReturnType<typeof coupon>>();
  const codes = new Map<string, ReturnType<typeof promotionCode>>();

  function findProduct(id: string) {
    const found = products.get(id);
    if (!found) throw new ApiError(404, `No such product: '${id}'`, "id", "resource_missing");
    return found;
  }

  function coupon(form: Form) {
    const percent = form.percent_off === undefined ? null : Number(form.percent_off);
    const currency = asString(form.currency)?.toLowerCase() ?? null;
    if ((percent === null) === (form.amount_off === undefined))
      throw new ApiError(400, "You must pass exactly one of percent_off or amount_off.", "percent_off");
    if (percent !== null && !(percent > 0 && percent <= 100))
      throw new ApiError(400, "percent_off must be greater than 0 and at most 100.", "percent_off");
    if (form.amount_off !== undefined && !currency)
      throw new ApiError(400, "You must pass currency when passing amount_off.", "currency");
    const amountOff =
      form.amount_off === undefined ? null : chargeableAmount(form.amount_off, "amount_off", currency!, 1);
    const productIds = asStrings(asObject(form.applies_to)?.products);
    productIds.forEach(findProduct);
    return {
      id: asString(form.id) ?? newId("coupon").replace("coupon_test_", ""),
      object: "coupon" as const,
      amount_off: amountOff,
      currency: amountOff === null ? null : currency,
      percent_off: percent,
      duration: "once" as const,
      duration_in_months: null,
      max_redemptions: optionalInt(form.max_redemptions, "max_redemptions"),
      redeem_by: form.redeem_by === undefined ? null : future(form.redeem_by, "redeem_by"),
      times_redeemed: 0,
      valid: true,
      name: asString(form.name)?.slice(0, 40) ?? null,
      metadata: metadataOf(form.metadata),
      // Stripe returns applies_to only when it is expanded.
      applies_to: productIds.length ? { products: productIds } : null,
      created: now(),
      livemode: false,
    };
  }
  type Coupon = ReturnType<typeof coupon>;

  function promotionCode(form: Form) {
    const promotion = asObject(form.promotion);
    if (promotion?.type !== "coupon" || !asString(promotion.coupon))
      throw new ApiError(400, "Missing required param: promotion[coupon].", "promotion", "parameter_missing");
    const target = coupons.get(asString(promotion.coupon)!);
    if (!target) throw new ApiError(400, `No such coupon: '${promotion.coupon}'`, "promotion[coupon]");
    const code = asString(form.code) ?? newId("CODE").slice(-8).toUpperCase();
    if (!CODE.test(code)) throw new ApiError(400, "Invalid code: letters, digits and dashes only.", "code");
    if ([...codes.values()].some((other) => other.active && other.code.toUpperCase() === code.toUpperCase()))
      throw new ApiError(400, `An active promotion code with \`code: ${code}\` already exists.`, "code");
    const restrictions = asObject(form.restrictions);
    return {
      id: newId("promo"),
      object: "promotion_code" as const,
      active: form.active !== "false",
      code,
      promotion: { type: "coupon" as const, coupon: target.id },
      customer: null,
      customer_account: null,
      expires_at: form.expires_at === undefined ? null : future(form.expires_at, "expires_at"),
      max_redemptions: optionalInt(form.max_redemptions, "max_redemptions"),
      restrictions: {
        first_time_transaction: restrictions?.first_time_transaction === "true",
        minimum_amount: null,
        minimum_amount_currency: null,
      },
      times_redeemed: 0,
      metadata: metadataOf(form.metadata),
      created: now(),
      livemode: false,
    };
  }
  type PromotionCode = ReturnType<typeof promotionCode>;

  const expanded = (found: Coupon, expand: string[]) =>
    expand.includes("applies_to") ? found : { ...found, applies_to: undefined };

  // What a buyer's code is checked against on the pay page, as Stripe does before paying.
  type Sale = { currency: string; productIds: string[]; firstPurchase: boolean | null };
  function redeemable(typed: string, sale: Sale): { code: PromotionCode; coupon: Coupon } {
    const code = [...codes.values()].find((c) => c.active && c.code.toUpperCase() === typed.toUpperCase());
    const target = code && coupons.get(code.promotion.coupon);
    if (!code || !target?.valid) throw new ApiError(400, "This code is invalid.", "promotion_code");
    const at = now();
    if ((code.expires_at && code.expires_at <= at) || (target.redeem_by && target.redeem_by <= at))
      throw new ApiError(400, "This code has expired.", "promotion_code");
    const used = (limit: number | null, times: number) => limit !== null && times >= limit;
    if (
      used(code.max_redemptions, code.times_redeemed) ||
      used(target.max_redemptions, target.times_redeemed)
    )
      throw new ApiError(400, "This code has been fully redeemed.", "promotion_code");
    if (target.currency && target.currency !== sale.currency)
      throw new ApiError(400, "This code is not valid in this currency.", "promotion_code");
    if (target.applies_to && !sale.productIds.some((id) => target.applies_to!.products.includes(id)))
      throw new ApiError(400, "This code is not valid for the items in your order.", "promotion_code");
    if (code.restrictions.first_time_transaction && sale.firstPurchase === false)
      throw new ApiError(400, "This code is only valid for a first purchase.", "promotion_code");
    return { code, coupon: target };
  }

  function redeem(promotionCodeId: string) {
    const code = codes.get(promotionCodeId)!;
    code.times_redeemed += 1;
    coupons.get(code.promotion.coupon)!.times_redeemed += 1;
  }

  // `/v1/products…`, `/v1/coupons…`, `/v1/promotion_codes…`; undefined for any other path.
  function api(method: string, path: string, form: Form, expand: string[]): unknown {
    const [, kind, rawId] = /^\/v1\/(products|coupons|promotion_codes)(?:\/([^/]+))?$/.exec(path) ?? [];
    if (!kind) return undefined;
    const id = rawId && decodeURIComponent(rawId);
    if (kind === "products") {
      if (method === "POST" && !id) return add(products, product(form));
      if (method === "POST") return add(products, product(form, findProduct(id!)));
      if (method === "GET" && id) return findProduct(id);
    }
    if (kind === "coupons") {
      if (method === "POST" && !id) return expanded(add(coupons, coupon(form)), expand);
      const found = id && coupons.get(id);
      if (method === "GET" && id) {
        if (!found) throw new ApiError(404, `No such coupon: '${id}'`, "id", "resource_missing");
        return expanded(found, expand);
      }
      if (method === "DELETE" && found)
        return (coupons.delete(found.id), { id, object: "coupon", deleted: true });
    }
    if (kind === "promotion_codes") {
      if (method === "POST" && !id) return add(codes, promotionCode(form));
      const found = id && codes.get(id);
      if (id && !found) throw new ApiError(404, `No such promotion_code: '${id}'`, "id", "resource_missing");
      if (method === "GET" && found) return found;
      if (method === "POST" && found) {
        if (form.active !== undefined) found.active = form.active === "true";
        Object.assign(found.metadata, metadataOf(form.metadata));
        return found;
      }
      if (method === "GET") {
        const all = [...codes.values()].reverse();
        const [code, active] = [asString(form.code)?.toUpperCase(), asString(form.active)];
        return paginate(
          path,
          all,
          form,
          (c) => (!code || c.code.toUpperCase() === code) && (!active || String(c.active) === active),
          "promotion_code",
        );
      }
    }
    throw new ApiError(404, `Unrecognized request URL (${method}: ${path}).`);
  }

  return {
    api,
    redeemable,
    redeem,
    coupon: (id: string) => coupons.get(id),
    product: (id: string) => products.get(id),
  };
}

function add<T extends { id: string }>(map: Map<string, T>, item: T) {
  map.set(item.id, item);
  return item;
}

export type Catalog = ReturnType<typeof createCatalog>;

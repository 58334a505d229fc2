// Discount codes made in the admin, with their audit. A code is a Stripe coupon (what it takes
// off, and on which tiers' Stripe Products) and a promotion code (what the buyer types on Stripe's
// checkout page, with its expiry, redemption limit and first-purchase rule). Stripe applies and
// enforces them at checkout; this keeps the store's own record and never leaves half of a code:
// a coupon whose promotion code or row could not be made is deleted again.
import "server-only";
import Stripe from "stripe";
import { recordAudit, type AuditActor } from "../dal/audit";
import {
  discountCodeTaken,
  findDiscountCode,
  insertDiscountCode,
  setDiscountCodeInactive,
  tiersOfProducts,
} from "../dal/discounts";
import { tiersForStripe } from "../dal/stripe-products";
import { env } from "../env";
import { Prisma } from "../generated/prisma/client";
import { log } from "../log";
import { failure, success, type Result } from "../result";
import type { DiscountForm } from "../schemas/discounts";
import { stripe } from "./stripe";
import { stripeProductFor } from "./stripe-products";

const unseconds = (date: Date | null) => (date ? Math.floor(date.getTime() / 1000) : undefined);
const taken = (code: string) => failure("invalid_input", `code: ${code} exists already`);

export async function createDiscountCode(
  input: DiscountForm,
  actor: AuditActor,
): Promise<Result<{ id: string; code: string }>> {
  if (await discountCodeTaken(input.code)) return taken(input.code);
  const ofProducts = await tiersOfProducts(input.productIds);
  if (ofProducts.found !== new Set(input.productIds).size)
    return failure("not_found", "One of the chosen products does not exist.");
  const tierIds = [...new Set([...input.tierIds, ...ofProducts.tierIds])];
  const tiers = await tiersForStripe(tierIds);
  if (tiers.length !== tierIds.length) return failure("not_found", "One of the chosen tiers does not exist.");

  const config = env();
  const taxCode = config.STRIPE_TAX ? config.STRIPE_TAX_CODE : null;
  const off =
    "percentOff" in input
      ? { percentOff: input.percentOff, amountOff: null, currency: null }
      : { percentOff: null, amountOff: input.amountOff, currency: input.currency };
  let couponId: string | undefined;
  try {
    const products: string[] = [];
    for (const tier of tiers) products.push(await stripeProductFor({ tier, product: tier.product }, taxCode));
    const coupon = await stripe().coupons.create({
      name: input.code,
      duration: "once",
      ...(off.percentOff !== null
        ? { percent_off: off.percentOff }
        : { amount_off: off.amountOff!, currency: off.currency! }),
      ...(products.length > 0 && { applies_to: { products } }),
      metadata: { downlink: "admin" },
    });
    couponId = coupon.id;
    const promotionCode = await stripe().promotionCodes.create({
      promotion: { type: "coupon", coupon: coupon.id },
      code: input.code,
      expires_at: unseconds(input.expiresAt),
      max_redemptions: input.maxRedemptions ?? undefined,
      restrictions: { first_time_transaction: input.firstPurchaseOnly },
    });
    const row = await insertDiscountCode({
      code: input.code,
      kind: input.kind,
      ...off,
      expiresAt: input.expiresAt,
      maxRedemptions: input.maxRedemptions ?? null,
      firstPurchaseOnly: input.firstPurchaseOnly,
      stripeCouponId: coupon.id,
      stripePromotionCodeId: promotionCode.id,
      tierIds,
    }).catch(async (error: unknown) => {
      await stripe().promotionCodes.update(promotionCode.id, { active: false });
      throw error;
    });
    await recordAudit(actor, "discount.create", { type: "DiscountCode", id: row.id }, { code: row.code });
    return success(row);
  } catch (error) {
    if (couponId)
      await stripe()
        .coupons.del(couponId)
        .catch(() => undefined);
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return taken(input.code);
    // Stripe's own refusal (a code already active in the account, say) is the admin's to fix.
    if (error instanceof Stripe.errors.StripeInvalidRequestError)
      return failure("invalid_input", `Stripe refused the code: ${error.message}`);
    log.error({ err: error }, "discount code could not be created");
    return failure("unavailable", "Stripe is unavailable right now; nothing was created. Try again.");
  }
}

// Stripe stops accepting the code at once; orders that used it keep it.
export async function deactivateDiscountCode(id: string, actor: AuditActor): Promise<Result<null>> {
  const code = await findDiscountCode(id);
  if (!code) return failure("not_found", "There is no such discount code.");
  if (!code.active) return success(null);
  try {
    await stripe().promotionCodes.update(code.stripePromotionCodeId, { active: false });
  } catch (error) {
    log.error({ err: error }, "promotion code could not be deactivated");
    return failure("unavailable", "Stripe is unavailable right now; the code is still active. Try again.");
  }
  await setDiscountCodeInactive(id);
  await recordAudit(actor, "discount.deactivate", { type: "DiscountCode", id }, { code: code.code });
  return success(null);
}

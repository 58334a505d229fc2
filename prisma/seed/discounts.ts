// The demo's discount code, LAUNCH20 (20 % off everything), made on Stripe (or the local checkout)
// and recorded like one made in the admin. The local checkout keeps its objects in memory only, so
// after it restarts the seed makes the code again, lets each tier make a new Stripe Product, and
// marks the codes made in the admin inactive (make them again there).
import Stripe from "stripe";
import type { Env } from "../../lib/env-schema";
import type { PrismaClient } from "../../lib/prisma";

export const demoDiscount = { code: "LAUNCH20", percentOff: 20 };

function stripeFor(config: Env) {
  const local = config.STRIPE_API_URL ? new URL(config.STRIPE_API_URL) : null;
  return new Stripe(config.STRIPE_SECRET_KEY, {
    telemetry: false,
    maxNetworkRetries: local ? 0 : 2,
    ...(local && { host: local.hostname, port: Number(local.port), protocol: "http" as const }),
  });
}

export async function ensureDemoDiscount(config: Env, prisma: PrismaClient) {
  const stripe = stripeFor(config);
  const { code, percentOff } = demoDiscount;
  // A local checkout without a single promotion code has just started: it knows no code or product.
  const restarted =
    !!config.STRIPE_API_URL && (await stripe.promotionCodes.list({ limit: 1 })).data.length === 0;
  if (restarted) {
    await prisma.productTier.updateMany({ data: { stripeProductId: null, stripeProductAs: null } });
    // Codes made in the admin are gone with it: shown as inactive, so none looks usable that is not.
    await prisma.discountCode.updateMany({ where: { code: { not: code } }, data: { active: false } });
  }
  // Made before: still on Stripe, or deactivated by the admin (which the seed leaves as it is).
  if (!restarted && (await prisma.discountCode.findUnique({ where: { code } }))) return;
  const live = await stripe.promotionCodes.list({ code, active: true, limit: 1 });
  const promotion =
    live.data[0] ??
    (await stripe.promotionCodes.create({
      code,
      promotion: {
        type: "coupon",
        coupon: (await stripe.coupons.create({ name: code, percent_off: percentOff, duration: "once" })).id,
      },
    }));
  const coupon = promotion.promotion.coupon;
  const ids = {
    stripeCouponId: typeof coupon === "string" ? coupon : coupon!.id,
    stripePromotionCodeId: promotion.id,
  };
  await prisma.discountCode.upsert({
    where: { code },
    create: { code, kind: "percent", percentOff, ...ids },
    update: { kind: "percent", percentOff, amountOff: null, currency: null, active: true, ...ids },
  });
}

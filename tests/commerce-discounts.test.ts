import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createDiscountAction, deactivateDiscountAction } from "../lib/actions/admin/discounts";
import { getCurrentUser } from "../lib/auth/session";
import { listDiscountCodes } from "../lib/dal/discounts";
import { buy, payOnPage, startCheckoutFor } from "./support/buy";
import { form } from "./support/access-cases";
import { createUser, prisma, unique } from "./support/fixtures";
import { createTieredProduct } from "./support/products";
import { recordSecurityEvidence } from "./support/security-evidence";
import { completedEvent, deliver, stripe } from "./support/stripe";

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}` }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn(async () => null) }));
afterAll(() => prisma.$disconnect());

// As the admin's form posts it; answers the new code.
async function makeCode(fields: Record<string, string>, tierIds: string[] = []) {
  const admin = await createUser(`${unique("admin")}@example.com`);
  vi.mocked(getCurrentUser).mockResolvedValueOnce({ ...admin, email: admin.email!, isAdmin: true });
  const data = form({ kind: "percent", ...fields });
  for (const id of tierIds) data.append("tierIds", id);
  const answer = await createDiscountAction({ status: "idle" }, data);
  if (answer.status !== "success") throw new Error(`code refused: ${JSON.stringify(answer)}`);
  return answer.data;
}

const email = () => `${unique("buyer")}@example.com`;
// Hong Kong charges no tax on software: the totals below are price − discount.
const page = (code: string, extra: Record<string, string> = {}) => ({
  email: email(),
  country: "HK",
  consent: "accepted",
  promotion_code: code,
  ...extra,
});

// Pays on the local checkout's page, or answers why the page refused; no order exists then.
async function tryBuy(fields: Record<string, string>, pageFields: Record<string, string>) {
  const started = await startCheckoutFor(fields);
  if (!("sessionId" in started)) throw new Error("no checkout");
  const paid = await payOnPage(started.sessionId, pageFields).catch((error: Error) => error);
  if (paid instanceof Error) {
    expect(await prisma.order.count({ where: { stripeCheckoutSessionId: started.sessionId } })).toBe(0);
    return { refused: paid.message };
  }
  expect((await deliver(completedEvent(paid))).status).toBe(200);
  return { order: await prisma.order.findUniqueOrThrow({ where: { stripeCheckoutSessionId: paid.id } }) };
}

describe("discount codes made in the admin", () => {
  it("sells a tier as one Stripe Product, however many first checkouts race for it", async () => {
    const product = await createTieredProduct();
    const tier = product.tiers[1];
    const started = await Promise.all(
      Array.from({ length: 6 }, () => startCheckoutFor({ productId: product.id, tierId: tier.id })),
    );
    const sold = await Promise.all(
      started.map(async (answer) => {
        if (!("sessionId" in answer)) throw new Error(`no checkout: ${JSON.stringify(answer)}`);
        const session = await stripe.checkout.sessions.retrieve(answer.sessionId, { expand: ["line_items"] });
        return session.line_items!.data[0].price!.product;
      }),
    );
    const { stripeProductId } = await prisma.productTier.findUniqueOrThrow({ where: { id: tier.id } });
    expect(new Set(sold)).toEqual(new Set([stripeProductId]));
  });

  it("limits a code to its tier and stops it at its maximum redemptions; orders and the list record it", async () => {
    const product = await createTieredProduct();
    const [personal, team] = product.tiers;
    const code = unique("TEAM").toUpperCase();
    const made = await makeCode({ code, percentOff: "25", maxRedemptions: "2" }, [team.id]);
    const promotion = await stripe.promotionCodes.list({ code, limit: 1 });
    expect(promotion.data[0]).toMatchObject({ code, max_redemptions: 2, active: true });

    const rows: (string | number)[][] = [];
    const attempts = [
      { tier: personal, seats: undefined, expected: { refused: /not valid for the items/ } },
      { tier: team, seats: "2", expected: { discount: 1950, total: 5850 } },
      { tier: team, seats: "4", expected: { discount: 3900, total: 11700 } },
      { tier: team, seats: "2", expected: { refused: /fully redeemed/ } },
    ];
    for (const { tier, seats, expected } of attempts) {
      const fields = { productId: product.id, tierId: tier.id, ...(seats && { seats }) };
      const result = await tryBuy(fields, page(code.toLowerCase()));
      if ("refused" in expected) expect(result.refused).toMatch(expected.refused!);
      else
        expect(result.order).toMatchObject({
          amountDiscount: expected.discount,
          amountTotal: expected.total,
          promotionCode: code,
          discountCodeId: made.id,
        });
      rows.push([
        tier.name,
        seats ?? 1,
        result.order ? `paid ${result.order.amountTotal}, ${result.order.amountDiscount} off` : "refused",
      ]);
    }
    const listed = (await listDiscountCodes()).find((row) => row.id === made.id)!;
    expect(listed).toMatchObject({
      redemptions: 2,
      revenue: [{ currency: "usd", orders: 2, amount: 17550 }],
    });
    recordSecurityEvidence({
      section: "payments",
      title: "A discount code limited to one tier, at most 2 redemptions",
      columns: ["tier", "seats", "checkout answered"],
      rows,
      note: "Code made by createDiscountAction (a Stripe coupon with applies_to and a promotion code), entered on the local checkout's page; paid orders fulfilled by a signed webhook.",
    });
  });

  it("takes zero-decimal amounts off whole yen, refuses another currency's fixed amount, and a deactivated code", async () => {
    const product = await createTieredProduct({ currency: "jpy", prices: [1900, 1500] });
    const [personal] = product.tiers;
    const percent = await makeCode({ code: unique("YEN").toUpperCase(), percentOff: "20" });
    const yen = await makeCode({
      code: unique("YENOFF").toUpperCase(),
      kind: "amount",
      amount: "500",
      currency: "jpy",
    });
    const dollars = await makeCode({
      code: unique("USD").toUpperCase(),
      kind: "amount",
      amount: "5",
      currency: "usd",
    });
    const fields = { productId: product.id, tierId: personal.id };
    // Germany, 19 % on the discounted price: 1900 − 380 = 1520, tax 289; 1900 − 500 = 1400, tax 266.
    const byPercent = await tryBuy(fields, page(percent.code, { country: "DE" }));
    expect(byPercent.order).toMatchObject({
      amountDiscount: 380,
      amountTax: 289,
      amountTotal: 1809,
      currency: "jpy",
    });
    const byAmount = await tryBuy(fields, page(yen.code, { country: "DE" }));
    expect(byAmount.order).toMatchObject({ amountDiscount: 500, amountTax: 266, amountTotal: 1666 });
    expect((await tryBuy(fields, page(dollars.code))).refused).toMatch(/not valid in this currency/);

    vi.mocked(getCurrentUser).mockResolvedValueOnce({
      ...(await createUser()),
      email: "a@example.com",
      isAdmin: true,
    });
    expect(await deactivateDiscountAction({ status: "idle" }, form({ id: percent.id }))).toMatchObject({
      status: "success",
    });
    expect((await tryBuy(fields, page(percent.code))).refused).toMatch(/invalid/);
  });

  it("keeps a first-purchase code from a buyer who paid before", async () => {
    const product = await createTieredProduct();
    const code = await makeCode({
      code: unique("FIRST").toUpperCase(),
      percentOff: "10",
      firstPurchaseOnly: "on",
    });
    const fields = { productId: product.id, tierId: product.tiers[0].id };
    const returning = email();
    await buy(fields, { email: returning, country: "HK", consent: "accepted" });
    expect((await tryBuy(fields, page(code.code, { email: returning }))).refused).toMatch(/first purchase/);
    expect((await tryBuy(fields, page(code.code))).order).toMatchObject({
      amountDiscount: 490,
      amountTotal: 4410,
    });
  });
});

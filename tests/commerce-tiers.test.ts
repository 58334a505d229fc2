import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { buy, startCheckoutFor } from "./support/buy";
import { dispatchApiRequest } from "./support/api-routes";
import { prisma, unique } from "./support/fixtures";
import { createTieredProduct } from "./support/products";
import { recordSecurityEvidence } from "./support/security-evidence";

// Server actions read the session and the client address from the request, which only Next.js has.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}` }),
}));
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn(async () => null) }));
afterAll(() => prisma.$disconnect());

// A Team seat activates two machines here, a Personal licence three.
const tieredProduct = () => createTieredProduct({ teamMachines: 2 });

// Activates fingerprints one after another until the key refuses; answers how many it took.
async function machinesActivated(key: string, product: string, tries: number) {
  let activated = 0;
  for (let i = 0; i < tries; i++) {
    const response = await dispatchApiRequest(
      new Request("http://localhost/api/v1/licenses/activate", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${i}` },
        body: JSON.stringify({ key, product, fingerprint: `machine-${i}-${randomBytes(4).toString("hex")}` }),
      }),
    );
    if (response.status === 201) activated++;
    else expect(response.status).toBe(409);
  }
  return activated;
}

describe("price tiers and seats", () => {
  it("sets each licence's activation limit to seats × machines per seat, as Stripe charged", async () => {
    const product = await tieredProduct();
    const [personal, team] = product.tiers;
    const cases = [
      {
        tier: personal,
        seats: undefined,
        onCheckoutPage: undefined,
        expected: { seats: 1, limit: 3, total: 4900 },
      },
      {
        tier: team,
        seats: undefined,
        onCheckoutPage: undefined,
        expected: { seats: 2, limit: 4, total: 7800 },
      },
      { tier: team, seats: "5", onCheckoutPage: undefined, expected: { seats: 5, limit: 10, total: 19500 } },
      { tier: team, seats: "3", onCheckoutPage: "7", expected: { seats: 7, limit: 14, total: 27300 } },
    ];
    const rows: (string | number)[][] = [];
    for (const { tier, seats, onCheckoutPage, expected } of cases) {
      const email = `${unique("buyer")}@example.com`;
      const { session, order, entitlement } = await buy(
        { productId: product.id, tierId: tier.id, ...(seats && { seats }) },
        // Hong Kong charges no tax on software: these totals are the tiers' prices alone.
        { email, country: "HK", consent: "accepted", ...(onCheckoutPage && { quantity: onCheckoutPage }) },
      );
      expect(session.amount_total).toBe(expected.total);
      expect(order.amountTotal).toBe(expected.total);
      expect(entitlement).toMatchObject({ tierId: tier.id, seats: expected.seats });
      const activated = await machinesActivated(entitlement.license!.key, product.slug, expected.limit + 2);
      expect(activated).toBe(expected.limit);
      rows.push([
        tier.name,
        seats ?? "(default)",
        onCheckoutPage ?? "—",
        expected.seats,
        order.amountTotal,
        activated,
      ]);
    }
    recordSecurityEvidence({
      section: "payments",
      title: "Tiers and seats: what a key activates",
      columns: [
        "tier",
        "seats asked",
        "changed on checkout page",
        "seats recorded",
        "charged (cents)",
        "machines activated",
      ],
      rows,
      note: "Bought through startCheckout, paid on the local checkout, fulfilled by a signed webhook; then activate was called until it answered 409.",
    });
  });

  it("refuses seats outside the tier's range and another product's tier, starting no checkout", async () => {
    const product = await tieredProduct();
    const other = await tieredProduct();
    const [personal, team] = product.tiers;
    const refused = [
      { productId: product.id, tierId: team.id, seats: "1" },
      { productId: product.id, tierId: team.id, seats: "51" },
      { productId: product.id, tierId: personal.id, seats: "2" },
      { productId: product.id, tierId: team.id, seats: "2.5" },
    ];
    for (const fields of refused)
      expect(await startCheckoutFor(fields)).toMatchObject({ code: "invalid_input" });
    expect(await startCheckoutFor({ productId: product.id, tierId: other.tiers[0].id })).toMatchObject({
      code: "not_found",
    });
    await prisma.productTier.update({ where: { id: team.id }, data: { active: false } });
    expect(await startCheckoutFor({ productId: product.id, tierId: team.id, seats: "2" })).toMatchObject({
      code: "not_found",
    });
  });
});

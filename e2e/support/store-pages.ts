// Every page of the store, per visitor, for the journeys that walk them all: the accessibility scan
// (e2e/a11y.spec.ts) and the width check (e2e/storefront.spec.ts). A new page goes here once and
// both walk it.
import { demoCollector } from "../../prisma/seed/catalog";
import { testDb } from "./db";

export const visitorPages = [
  "/",
  "/products/lumen-cli",
  "/products/tessellate",
  "/signin",
  "/signin?error=RateLimited",
  "/signin/check-email?email=someone%40example.com",
  "/checkout/success?session_id=cs_test_unknown",
  "/checkout/success",
  "/unsubscribe?email=a%40example.com&product=x&token=forged",
];

export const customerPages = [
  "/library",
  "/library?channel=beta",
  "/account",
  "/account/orders",
  "/account/emails",
  "/products/tessellate",
  "/checkout/success?session_id=cs_test_unknown",
];

// The admin's pages, with a product, its first release and a customer who owns everything.
export async function adminPages(): Promise<string[]> {
  const db = testDb();
  try {
    const product = await db.product.findUniqueOrThrow({
      where: { slug: "lumen-cli" },
      include: { releases: { take: 1 } },
    });
    const customer = await db.user.findUniqueOrThrow({ where: { email: demoCollector.email } });
    const order = await db.order.findFirst({ orderBy: { number: "asc" } });
    return [
      "/admin",
      "/admin/products/new",
      `/admin/products/${product.id}`,
      `/admin/releases/${product.releases[0].id}`,
      "/admin/customers",
      `/admin/customers/${customer.id}`,
      "/admin/orders",
      ...(order ? [`/admin/orders/${order.number}`] : []),
      "/admin/discounts",
      "/admin/share",
      "/admin/tokens",
      "/admin/analytics",
      "/admin/settings",
    ];
  } finally {
    await db.$disconnect();
  }
}

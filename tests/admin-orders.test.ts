// Admin → Orders: search by email, order number or licence key; filters by product, tier and
// status; keyset paging whose cost does not grow with the page; the CSV export, streamed and safe
// to open in a spreadsheet.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getCurrentUser } from "../lib/auth/session";
import { searchOrdersAction } from "../lib/actions/admin/orders";
import { listOrders } from "../lib/dal/admin-orders";
import { newLicenseKey } from "../lib/licensing/keys";
import { GET as exportCsv } from "../app/(admin)/admin/orders/export/route";
import { createUser, prisma, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";
import { countRoundTrips } from "./support/statements";

vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.10", "user-agent": "vitest" }),
}));

let counter: Awaited<ReturnType<typeof countRoundTrips>>;
const tag = unique("orders");
const ORDERS = 120;
let product: { id: string; tiers: { id: string; name: string }[] };

// Orders as the webhook stores them, without Stripe: many of them, quickly.
async function seedOrders() {
  product = await prisma.product.create({
    data: {
      slug: `${tag}-p`,
      name: "+SUM(1,2)",
      tiers: {
        create: [
          { name: "Personal", priceCents: 1500 },
          { name: '=HYPERLINK("x")', priceCents: 4000 },
        ],
      },
    },
    include: { tiers: { orderBy: { priceCents: "asc" } } },
  });
  const orders = await prisma.order.createManyAndReturn({
    data: Array.from({ length: ORDERS }, (_, i) => ({
      stripeCheckoutSessionId: `cs_${tag}_${i}`,
      email: i === 0 ? `=cmd|' /c calc'!a0-${tag}@example.com` : `${tag}-${i}@example.com`,
      amountSubtotal: i % 2 ? 4000 : 1500,
      amountTotal: i % 2 ? 4000 : 1500,
      amountRefunded: i % 10 === 0 ? 500 : 0,
      currency: "usd",
      status: i % 10 === 0 ? ("partially_refunded" as const) : ("paid" as const),
    })),
  });
  await prisma.entitlement.createMany({
    data: orders.map((order, i) => ({
      orderId: order.id,
      productId: product.id,
      tierId: product.tiers[i % 2].id,
      source: "stripe" as const,
      purchaseEmail: order.email,
    })),
  });
  return orders;
}

let seeded: Awaited<ReturnType<typeof seedOrders>>;
beforeAll(async () => {
  counter = await countRoundTrips(); // before the app's database client is first used
  seeded = await seedOrders();
  const admin = await createUser(`${unique("admin")}@example.com`);
  vi.mocked(getCurrentUser).mockResolvedValue({ ...admin, isAdmin: true });
});
afterAll(async () => {
  await counter.stop();
  await prisma.$disconnect();
});

describe("the orders list", () => {
  it("finds orders by email, number, product, tier and status", async () => {
    const numbers = async (filters: Parameters<typeof listOrders>[0]) =>
      (await listOrders({ productId: product.id, ...filters }, undefined, 500)).orders.map((o) => o.number);
    expect(await numbers({})).toHaveLength(ORDERS);
    expect(await numbers({ q: `${tag}-7@` })).toEqual([seeded[7].number]);
    expect(await numbers({ q: `${tag.toUpperCase()}-7@EXAMPLE` })).toEqual([seeded[7].number]);
    expect(await numbers({ q: `#${seeded[3].number}` })).toEqual([seeded[3].number]);
    expect(await numbers({ tierId: product.tiers[1].id })).toHaveLength(ORDERS / 2);
    expect(await numbers({ status: "partially_refunded" })).toHaveLength(ORDERS / 10);
    expect(await numbers({ status: "refunded" })).toEqual([]);
  });

  it("pages by keyset: every order once, newest first, at the same cost on every page", async () => {
    const walked: number[] = [];
    const costs: number[] = [];
    let before: number | undefined;
    do {
      const { value, roundTrips } = await counter.during(() =>
        listOrders({ productId: product.id }, before, 25),
      );
      walked.push(...value.orders.map((o) => o.number));
      costs.push(roundTrips);
      before = value.next ?? undefined;
    } while (before !== undefined);
    const small = await counter.during(() => listOrders({ productId: product.id }, undefined, 5));
    recordSecurityEvidence({
      section: "payments",
      title: "Admin orders list: round trips per page",
      columns: ["orders", "page size", "pages", "round trips per page", "page of 5"],
      rows: [[ORDERS, 25, costs.length, costs.join(" / "), small.roundTrips]],
      note: "Keyset on the order number (no OFFSET): the hundredth page costs what the first does.",
    });
    expect(walked).toEqual(seeded.map((o) => o.number).sort((a, b) => b - a));
    expect(costs).toHaveLength(5);
    expect(new Set([...costs, small.roundTrips]).size).toBe(1);
  });

  it("opens the order of a licence key however it was typed, without the key in the URL", async () => {
    const license = await prisma.license.create({
      data: {
        entitlementId: (await prisma.entitlement.findFirstOrThrow({ where: { orderId: seeded[5].id } })).id,
        key: newLicenseKey(),
      },
    });
    const form = new FormData();
    form.set("q", ` ${license.key.toLowerCase().replaceAll("-", " ").replaceAll("0", "o")} `);
    const digest = await searchOrdersAction({ status: "idle" }, form).then(
      () => "",
      (error: { digest?: string }) => error.digest ?? "",
    );
    expect(digest.split(";")[2]).toBe(`/admin/orders/${seeded[5].number}`);
    const unknown = new FormData();
    unknown.set("q", "DL-00000-00000-00000-00000");
    expect(await searchOrdersAction({ status: "idle" }, unknown)).toMatchObject({
      status: "error",
      code: "not_found",
    });
    const audited = await prisma.auditLog.findMany({ where: { createdAt: { gte: license.createdAt } } });
    expect(JSON.stringify(audited)).not.toContain(license.key);
  });
});

// RFC 4180, enough for the export: quoted cells with doubled quotes, CRLF rows.
function parseCsv(text: string) {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') quoted = !quoted;
    else if (quoted) cell += char;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      rows.push([...row, cell]);
      row = [];
      cell = "";
      i++;
    } else cell += char;
  }
  return rows;
}

describe("the CSV export", () => {
  it("streams every matching order with exact amounts, and defuses cells a spreadsheet would run", async () => {
    const response = await exportCsv(
      new Request(`http://localhost/admin/orders/export?product=${product.id}`),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const [head, ...rows] = parseCsv(await response.text());
    expect(head.slice(0, 3)).toEqual(["order", "date (UTC)", "email"]);
    expect(rows).toHaveLength(ORDERS);
    const byNumber = new Map(rows.map((row) => [Number(row[0]), row]));
    const first = byNumber.get(seeded[0].number)!;
    const column = (name: string) => head.indexOf(name);
    expect(first[column("email")]).toBe(`'=cmd|' /c calc'!a0-${tag}@example.com`);
    expect(first[column("product")]).toBe("'+SUM(1,2)");
    expect(first[column("total")]).toBe("15.00");
    expect(first[column("refunded")]).toBe("5.00");
    expect(byNumber.get(seeded[1].number)![column("tier")]).toBe(`'=HYPERLINK("x")`);
    const dangerous = rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
    recordSecurityEvidence({
      section: "bad-input",
      title: "CSV export of orders",
      columns: ["orders exported", "cells", "cells starting with = + - @ (would run as formulas)"],
      rows: [[rows.length, rows.flat().length, dangerous.length]],
      note: "Emails, product and tier names that start with a formula character are written with a leading ' (OWASP's CSV injection advice); quotes and commas are quoted as RFC 4180 says.",
    });
    expect(dangerous).toEqual([]);
  });

  it("refuses anyone but an admin", async () => {
    vi.mocked(getCurrentUser).mockResolvedValueOnce(null);
    expect((await exportCsv(new Request("http://localhost/admin/orders/export"))).status).toBe(401);
    const customer = await createUser();
    vi.mocked(getCurrentUser).mockResolvedValueOnce({ ...customer, isAdmin: false });
    const answer = await exportCsv(new Request("http://localhost/admin/orders/export"));
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({ error: "forbidden" });
  });
});

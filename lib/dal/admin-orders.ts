import "server-only";
import type { OrderStatus, Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { normalizeLicenseKey } from "../licensing/keys";

// What Admin → Orders searches and filters by. `q` is an email (or part of one) or an order
// number; a licence key never gets here (lib/actions/admin/orders.ts turns it into its order).
export type OrderFilters = { q?: string; productId?: string; tierId?: string; status?: OrderStatus };

export const ORDERS_PAGE_SIZE = 50;

function whereOf({ q, productId, tierId, status }: OrderFilters): Prisma.OrderWhereInput {
  const text = q?.trim() ?? "";
  const number = /^#?\d{1,9}$/.test(text) ? Number(text.replace("#", "")) : null;
  return {
    ...(number !== null
      ? { number }
      : text && { email: { contains: text.toLowerCase(), mode: "insensitive" as const } }),
    ...(status && { status }),
    // A purchase names its product in its entitlements; a renewal or upgrade in the change it made.
    ...((productId || tierId) && {
      OR: [
        { entitlements: { some: { ...(productId && { productId }), ...(tierId && { tierId }) } } },
        { change: { ...(tierId && { tierId }), ...(productId && { entitlement: { productId } }) } },
      ],
    }),
  };
}

const listed = {
  id: true,
  number: true,
  createdAt: true,
  email: true,
  currency: true,
  amountSubtotal: true,
  amountDiscount: true,
  amountTax: true,
  amountTotal: true,
  amountRefunded: true,
  status: true,
  promotionCode: true,
  invoiceNumber: true,
  taxCountry: true,
  kind: true,
  entitlements: {
    orderBy: { createdAt: "asc" },
    select: { seats: true, product: { select: { name: true } }, tier: { select: { name: true } } },
  },
  change: {
    select: {
      seats: true,
      entitlement: { select: { product: { select: { name: true } }, tier: { select: { name: true } } } },
    },
  },
} satisfies Prisma.OrderSelect;

export type ListedOrder = Prisma.OrderGetPayload<{ select: typeof listed }>;

// What an order bought: its first entitlement, or for a renewal or upgrade the one it changed.
export function orderItem(order: ListedOrder) {
  const [first] = order.entitlements;
  if (first) return first;
  const { change } = order;
  return change && { ...change.entitlement, seats: change.seats };
}

// Newest first, by keyset on the order number: a page costs the same round trips whether it is
// the first or the hundredth (no OFFSET), and `next` is the cursor of the page after it.
export async function listOrders(filters: OrderFilters, before?: number, size = ORDERS_PAGE_SIZE) {
  const rows = await db.order.findMany({
    where: { ...whereOf(filters), ...(before !== undefined && { number: { lt: before } }) },
    orderBy: { number: "desc" },
    take: size + 1,
    select: listed,
  });
  const orders = rows.slice(0, size);
  return { orders, next: rows.length > size ? orders[orders.length - 1].number : null };
}

// Every order the filters match, in pages, for the CSV export (the caller streams them out).
export async function* allOrders(filters: OrderFilters, batch = 500) {
  let before: number | undefined;
  for (;;) {
    const page = await listOrders(filters, before, batch);
    yield page.orders;
    if (page.next === null) return;
    before = page.next;
  }
}

// Keys are stored as they are shown (unique, indexed), so the typed key is normalised and looked up
// by equality; the key itself goes nowhere else (not into a URL, a log or the audit).
export async function orderNumberForLicenseKey(typed: string): Promise<number | null> {
  const key = normalizeLicenseKey(typed);
  if (!key) return null;
  const license = await db.license.findUnique({
    where: { key },
    select: { entitlement: { select: { order: { select: { number: true } } } } },
  });
  return license?.entitlement.order?.number ?? null;
}

// The filters' choices: every product with its tiers.
export const orderFilterChoices = () =>
  db.product.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      tiers: { orderBy: { position: "asc" }, select: { id: true, name: true } },
    },
  });

// One order with everything its admin page shows, by number (as receipts say it) or id.
export async function getOrderForAdmin(ref: string) {
  const where = /^\d{1,9}$/.test(ref)
    ? { number: Number(ref) }
    : /^[a-z0-9]{1,64}$/i.test(ref)
      ? { id: ref }
      : null;
  if (!where) return null;
  return db.order.findUnique({
    where,
    include: {
      user: { select: { id: true, email: true } },
      refunds: { orderBy: { createdAt: "asc" } },
      entitlements: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          status: true,
          reason: true,
          seats: true,
          updatesUntil: true,
          product: { select: { name: true } },
          tier: { select: { name: true } },
          license: {
            select: { key: true, revokedAt: true, _count: { select: { activations: true } } },
          },
        },
      },
    },
  });
}

export type AdminOrder = NonNullable<Awaited<ReturnType<typeof getOrderForAdmin>>>;

// What a refund needs to know before it asks Stripe.
export const findOrderForRefund = (id: string) =>
  db.order.findUnique({
    where: { id },
    select: {
      id: true,
      number: true,
      currency: true,
      amountTotal: true,
      amountRefunded: true,
      stripePaymentIntentId: true,
      disputeStatus: true,
    },
  });

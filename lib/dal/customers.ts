import "server-only";
import { activationLimitOf } from "../catalog/tiers";
import { db } from "../db";
import { entitlementExtras } from "../licensing/windows";

export async function searchCustomers(query: string) {
  const users = await db.user.findMany({
    where: query ? { email: { contains: query.toLowerCase() } } : {},
    orderBy: { createdAt: "desc" },
    take: 50,
    select: {
      id: true,
      email: true,
      createdAt: true,
      _count: { select: { entitlements: true, orders: true, downloads: true } },
    },
  });
  return users.map(({ _count, ...user }) => ({ ...user, ..._count }));
}

export async function getCustomer(id: string) {
  const user = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      createdAt: true,
      orders: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          stripeCheckoutSessionId: true,
          amountTotal: true,
          amountRefunded: true,
          currency: true,
          status: true,
          createdAt: true,
        },
      },
      entitlements: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          status: true,
          source: true,
          reason: true,
          downloadsResetAt: true,
          updatesUntil: true,
          createdAt: true,
          seats: true,
          tier: { select: { name: true, machinesPerSeat: true } },
          product: { select: { id: true, name: true, downloadLimit: true } },
          license: {
            select: {
              id: true,
              key: true,
              revokedAt: true,
              activations: {
                orderBy: { lastSeenAt: "desc" },
                select: { fingerprint: true, label: true, lastSeenAt: true },
              },
            },
          },
        },
      },
    },
  });
  if (!user) return null;
  // Issued links per entitlement since the last reset, and distinct addresses: many addresses
  // for one purchase is what shared links look like.
  const stats = await db.downloadEvent.groupBy({
    by: ["entitlementId"],
    where: { userId: id, outcome: "issued" },
    _count: { _all: true },
  });
  const addresses = await db.downloadEvent.findMany({
    where: { userId: id, outcome: "issued" },
    distinct: ["ip"],
    select: { ip: true },
  });
  const recent = await db.downloadEvent.findMany({
    where: { userId: id },
    orderBy: { createdAt: "desc" },
    take: 30,
    select: {
      id: true,
      createdAt: true,
      outcome: true,
      reason: true,
      ip: true,
      file: { select: { filename: true } },
      customerFile: { select: { filename: true } },
    },
  });
  const sinceReset = await Promise.all(
    user.entitlements.map(async (entitlement) => ({
      id: entitlement.id,
      count: await db.downloadEvent.count({
        where: {
          entitlementId: entitlement.id,
          outcome: "issued",
          ...(entitlement.downloadsResetAt && { createdAt: { gt: entitlement.downloadsResetAt } }),
        },
      }),
    })),
  );
  return {
    ...user,
    entitlements: user.entitlements.map((entitlement) => ({
      ...entitlement,
      activationLimit: activationLimitOf(entitlement.tier?.machinesPerSeat, entitlement.seats),
      downloadsTotal: stats.find((stat) => stat.entitlementId === entitlement.id)?._count._all ?? 0,
      downloadsSinceReset: sinceReset.find((item) => item.id === entitlement.id)?.count ?? 0,
    })),
    distinctAddresses: addresses.length,
    recent,
  };
}

export async function listProductChoices() {
  return db.product.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

export async function grantManualEntitlement(userId: string, productId: string, reason: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  // A manual grant is of the product's first tier, one seat: its machines and update window.
  const product = await db.product.findUnique({
    where: { id: productId },
    select: {
      id: true,
      tiers: {
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        take: 1,
        select: { id: true, updateMonths: true },
      },
    },
  });
  if (!user || !product) return null;
  const tier = product.tiers[0];
  return db.entitlement.create({
    data: {
      userId,
      productId,
      purchaseEmail: user.email,
      source: "manual",
      status: "active",
      reason,
      tierId: tier?.id ?? null,
      ...entitlementExtras(tier?.updateMonths ?? null),
    },
  });
}

export async function setEntitlementStatus(id: string, status: "active" | "revoked", reason: string | null) {
  const found = await db.entitlement.findUnique({ where: { id }, select: { id: true } });
  if (!found) return null;
  return db.entitlement.update({ where: { id }, data: { status, reason } });
}

export async function resetDownloadCount(id: string) {
  const found = await db.entitlement.findUnique({ where: { id }, select: { id: true } });
  if (!found) return null;
  return db.entitlement.update({ where: { id }, data: { downloadsResetAt: new Date() } });
}

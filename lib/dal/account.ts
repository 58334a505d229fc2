import "server-only";
import { activationLimitOf } from "../catalog/tiers";
import { db } from "../db";
import type { EmailTopic } from "../generated/prisma/client";
import type { AuditActor } from "./audit";

// What the customer portal (/account) shows and changes. Every query is scoped by the signed-in
// user's id inside the statement itself, so a record of someone else's is never read or touched.

export type OwnLicence = Awaited<ReturnType<typeof listOwnLicences>>[number];

export async function listOwnLicences(userId: string) {
  const entitlements = await db.entitlement.findMany({
    where: { userId, license: { isNot: null } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      status: true,
      seats: true,
      updatesUntil: true,
      product: { select: { name: true, slug: true } },
      tier: {
        select: {
          name: true,
          perSeat: true,
          position: true,
          machinesPerSeat: true,
          // Tiers after this one on the product page, still on sale: what an upgrade can buy.
          product: { select: { tiers: { where: { active: true }, select: { position: true } } } },
        },
      },
      license: {
        select: {
          key: true,
          revokedAt: true,
          activations: {
            orderBy: { createdAt: "asc" },
            select: { id: true, fingerprint: true, label: true, createdAt: true, lastSeenAt: true },
          },
        },
      },
    },
  });
  return entitlements.map(({ tier, license, ...entitlement }) => ({
    ...entitlement,
    tier: tier && { name: tier.name, perSeat: tier.perSeat },
    canUpgrade: !!tier && tier.product.tiers.some((other) => other.position > tier.position),
    license: {
      key: license!.key,
      revoked: license!.revokedAt !== null,
      limit: activationLimitOf(tier?.machinesPerSeat, entitlement.seats),
      machines: license!.activations,
    },
  }));
}

export type OwnOrder = Awaited<ReturnType<typeof listOwnOrders>>[number];

export async function listOwnOrders(userId: string) {
  return db.order.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      number: true,
      createdAt: true,
      status: true,
      currency: true,
      amountSubtotal: true,
      amountDiscount: true,
      amountTax: true,
      amountTotal: true,
      amountRefunded: true,
      promotionCode: true,
      taxCountry: true,
      taxRateBasisPoints: true,
      taxReverseCharge: true,
      invoiceNumber: true,
      invoiceUrl: true,
      invoicePdfUrl: true,
      entitlements: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          seats: true,
          product: { select: { name: true } },
          tier: { select: { name: true } },
        },
      },
    },
  });
}

// Frees one machine of one of the user's keys, and audits it, in one transaction: the machine is
// found through the key's entitlement and its owner, so another user's machine id deletes nothing.
export async function deleteOwnActivation(userId: string, activationId: string, actor: AuditActor) {
  return db.$transaction(async (tx) => {
    const [removed] = await tx.$queryRaw<{ licenseId: string; fingerprint: string; label: string | null }[]>`
      DELETE FROM "LicenseActivation" a USING "License" l, "Entitlement" e
      WHERE a."id" = ${activationId} AND l."id" = a."licenseId" AND e."id" = l."entitlementId"
        AND e."userId" = ${userId}
      RETURNING a."licenseId", a."fingerprint", a."label"`;
    if (!removed) return null;
    await tx.auditLog.create({
      data: {
        actorId: actor.kind === "user" ? actor.id : null,
        actorEmail: actor.kind === "user" ? actor.email : `token:${actor.name}`,
        action: "license.deactivate_machine",
        targetType: "License",
        targetId: removed.licenseId,
        data: { fingerprint: removed.fingerprint, label: removed.label, by: "customer" },
      },
    });
    return removed;
  });
}

export type EmailPreference = { productId: string; name: string; topics: Record<EmailTopic, boolean> };

// One row per product the user owns (any entitlement, revoked ones too: they may still get
// reminders once restored), with what their address is emailed about it.
export async function listEmailPreferences(userId: string, email: string): Promise<EmailPreference[]> {
  const products = await db.product.findMany({
    where: { entitlements: { some: { userId } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  // Opt-outs are kept by address, not as a relation: they hold for guest purchases with the same
  // address, and outlive the product.
  const optOuts = await db.emailOptOut.findMany({
    where: { email: email.toLowerCase(), productId: { in: products.map((product) => product.id) } },
    select: { productId: true, topic: true },
  });
  const off = (productId: string, topic: EmailTopic) =>
    optOuts.some((row) => row.productId === productId && row.topic === topic);
  return products.map((product) => ({
    productId: product.id,
    name: product.name,
    topics: { release: !off(product.id, "release"), renewal_reminder: !off(product.id, "renewal_reminder") },
  }));
}

// Any purchase, revoked ones too (lib/dal/entitlements.ts `ownsProduct` asks for access that still holds):
// a buyer keeps choosing which emails a product may send them.
export async function hasPurchased(userId: string, productId: string) {
  return (await db.entitlement.count({ where: { userId, productId } })) > 0;
}

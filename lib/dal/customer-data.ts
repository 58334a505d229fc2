import "server-only";
import { db } from "../db";

// Everything the store keeps about one customer, as the copy they (or an admin on their behalf)
// download: the account, orders, what they own with its licence keys and machines, their files,
// downloads and email preferences. Every query is keyed by the user's id (or the rows that id
// owns), so nothing of another customer can come along. Keys are shown whole, as the library
// shows them to the customer. Null: no such user.
export async function customerDataExport(userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, emailVerified: true, createdAt: true },
  });
  if (!user) return null;
  const [orders, entitlements, files, downloads, optOuts, sessions] = await Promise.all([
    db.order.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        number: true,
        email: true,
        status: true,
        currency: true,
        amountSubtotal: true,
        amountDiscount: true,
        amountTax: true,
        amountTotal: true,
        amountRefunded: true,
        taxCountry: true,
        customerTaxId: true,
        paymentMethod: true,
        promotionCode: true,
        invoiceNumber: true,
        withdrawalConsentAt: true,
        createdAt: true,
      },
    }),
    db.entitlement.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        status: true,
        source: true,
        seats: true,
        updatesUntil: true,
        createdAt: true,
        product: { select: { name: true, slug: true } },
        tier: { select: { name: true } },
        order: { select: { number: true } },
        license: {
          select: {
            key: true,
            revokedAt: true,
            createdAt: true,
            activations: {
              orderBy: { createdAt: "asc" },
              select: { fingerprint: true, label: true, createdAt: true, lastSeenAt: true },
            },
          },
        },
      },
    }),
    db.customerFile.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { title: true, note: true, filename: true, sizeBytes: true, createdAt: true, removedAt: true },
    }),
    db.downloadEvent.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        createdAt: true,
        outcome: true,
        reason: true,
        count: true,
        ip: true,
        userAgent: true,
        file: { select: { filename: true } },
        customerFile: { select: { filename: true } },
      },
    }),
    user.email ? db.emailOptOut.findMany({ where: { email: user.email }, select: { productId: true } }) : [],
    db.session.count({ where: { userId, expires: { gt: new Date() } } }),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: { ...user, signedInSessions: sessions },
    orders,
    licences: entitlements.map(({ product, tier, order, license, ...entitlement }) => ({
      product: product.name,
      productSlug: product.slug,
      tier: tier?.name ?? null,
      orderNumber: order?.number ?? null,
      ...entitlement,
      key: license?.key ?? null,
      keyRevokedAt: license?.revokedAt ?? null,
      machines: license?.activations ?? [],
    })),
    files: files.map((file) => ({ ...file, sizeBytes: Number(file.sizeBytes) })),
    downloads: downloads.map(({ file, customerFile, ...event }) => ({
      ...event,
      filename: file?.filename ?? customerFile?.filename ?? null,
    })),
    releaseEmailsOptedOut: optOuts.map((row) => row.productId),
  };
}

export type CustomerDataExport = NonNullable<Awaited<ReturnType<typeof customerDataExport>>>;

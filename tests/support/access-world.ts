// The people and things the access-control suites act on: two customers who own different
// products, an admin, API tokens in every state, and fresh records per call (releases, uploads,
// entitlements) so that an allowed call changes nothing a later cell depends on.
import { randomBytes } from "node:crypto";
import type { CurrentUser } from "../../lib/auth/session";
import { newLicenseKey } from "../../lib/licensing/keys";
import { createApiToken, revokeApiToken } from "../../lib/publishing/tokens";
import {
  createCustomerFile,
  createProductWithFile,
  createUser,
  grant,
  prisma,
  sessionCookie,
  unique,
} from "./fixtures";
import {
  bufferSource,
  createRelease,
  sendParts,
  startCustomerFileUpload,
  startUpload,
} from "./upload-fixtures";

export const sessionCallers = ["signed-out", "customer", "other customer", "admin"] as const;
// "valid token" publishes; "files token" is a live token scoped to customer files only.
export const tokenCallers = [
  "valid token",
  "files token",
  "revoked token",
  "forged token",
  "no token",
] as const;
export const webhookCallers = ["signed", "forged signature", "no signature"] as const;
// Licence and feed routes take a licence key instead of a session or token.
// "refunded key" belongs to a refunded purchase of a customer who holds another, live purchase of
// the same product ("valid key"): it must act only through its own.
export const keyCallers = [
  "valid key",
  "revoked key",
  "refunded key",
  "another product's key",
  "unknown key",
] as const;
// Unsubscribe links carry an HMAC of the address and product instead of a session.
export const linkCallers = ["signed link", "forged link"] as const;
export type SessionCaller = (typeof sessionCallers)[number];
export type TokenCaller = (typeof tokenCallers)[number];
export type WebhookCaller = (typeof webhookCallers)[number];
export type KeyCaller = (typeof keyCallers)[number];
export type LinkCaller = (typeof linkCallers)[number];
export type Caller = SessionCaller | TokenCaller | WebhookCaller | KeyCaller | LinkCaller;

export type World = Awaited<ReturnType<typeof buildWorld>>;

export async function buildWorld() {
  const customer = await createUser();
  const other = await createUser();
  const adminRow = await createUser(`${unique("admin")}@example.com`);
  const admin: CurrentUser = { ...adminRow, isAdmin: true };
  const actor = { kind: "user" as const, id: admin.id, email: admin.email };

  // The customer owns `owned`; the other customer owns `theirs`.
  const owned = await createProductWithFile();
  const theirs = await createProductWithFile();
  await grant(customer.id, owned.product.id);
  await grant(other.id, theirs.product.id);
  // A draft and a yanked release of the product the customer owns, each with a ready file.
  const draftFile = await addRelease(owned.product.id, "2.0.0-beta.1", "draft");
  const yankedFile = await addRelease(owned.product.id, "0.9.0", "yanked");
  // A product the customer owns through a revoked entitlement.
  const revoked = await createProductWithFile();
  await grant(customer.id, revoked.product.id, "revoked", "after a refund");
  // A product with only a draft release: nothing is downloadable, whoever asks.
  const unreleased = await createProductWithFile({ releaseStatus: "draft" });
  // A product the customer bought that is no longer on sale: unknown to everyone else.
  const hidden = await createProductWithFile();
  await prisma.product.update({ where: { id: hidden.product.id }, data: { active: false } });
  await grant(customer.id, hidden.product.id);
  // Files the seller made for one customer: the customer's own, the other customer's, and one
  // the seller has since removed.
  const customerFiles = {
    own: (await createCustomerFile(customer.id)).file,
    theirs: (await createCustomerFile(other.id)).file,
    removed: (await createCustomerFile(customer.id, { removed: true })).file,
  };

  const validToken = await createApiToken(unique("ci"), actor);
  const revokedToken = await createApiToken(unique("old"), actor);
  await revokeApiToken(revokedToken.id, actor);
  const filesToken = await createApiToken(unique("invoices"), actor, "customer-files");
  const tokens: Record<TokenCaller, string | null> = {
    "valid token": validToken.secret,
    "files token": filesToken.secret,
    "revoked token": revokedToken.secret,
    "forged token": `dl_${randomBytes(32).toString("base64url")}`,
    "no token": null,
  };

  const users: Record<SessionCaller, CurrentUser | null> = {
    "signed-out": null,
    customer,
    "other customer": other,
    admin,
  };
  // The stable download links read the session cookie themselves, in their own lookup.
  const cookies: Record<SessionCaller, string | null> = {
    "signed-out": null,
    customer: await sessionCookie(customer),
    "other customer": await sessionCookie(other),
    admin: await sessionCookie(admin),
  };

  // Licence keys for the owned product (one good, one revoked, held by a third buyer so the
  // customers' access stays as above) and for the other customer's product.
  const keyFor = async (userId: string, productId: string, revoked = false, refunded = false) => {
    const entitlement = await grant(
      userId,
      productId,
      refunded ? "revoked" : "active",
      refunded ? "after a refund" : null,
    );
    return (
      await prisma.license.create({
        data: { entitlementId: entitlement.id, key: newLicenseKey(), revokedAt: revoked ? new Date() : null },
      })
    ).key;
  };
  const keyHolder = await createUser();
  const keys: Record<KeyCaller, string> = {
    "valid key": await keyFor(keyHolder.id, owned.product.id),
    "revoked key": await keyFor(keyHolder.id, owned.product.id, true),
    "refunded key": await keyFor(keyHolder.id, owned.product.id, false, true),
    "another product's key": await keyFor(keyHolder.id, theirs.product.id),
    "unknown key": newLicenseKey(),
  };
  return {
    customer,
    other,
    admin,
    actor,
    owned,
    theirs,
    draftFile,
    yankedFile,
    revoked,
    unreleased,
    hidden,
    customerFiles,
    tokens,
    users,
    cookies,
    keys,
  };
}

async function addRelease(productId: string, version: string, status: "draft" | "yanked") {
  const filename = `tool-${version}.zip`;
  const objectKey = `products/${unique("p")}/${version}/${randomBytes(8).toString("hex")}/${filename}`;
  const release = await prisma.release.create({
    data: {
      productId,
      version,
      status,
      yankReason: status === "yanked" ? "broken installer" : null,
      files: {
        create: { platform: "linux_universal", filename, objectKey, sizeBytes: BigInt(10), status: "ready" },
      },
    },
    include: { files: true },
  });
  return release.files[0];
}

// Fresh records for one call.
export const fresh = {
  product: () => createProductWithFile(),
  draftWithFile: () => createProductWithFile({ releaseStatus: "draft" }),
  draftRelease: () => createRelease("draft"),
  // An open upload of 1,000 bytes (one part), with the bytes, not yet sent.
  async upload(actor: World["actor"]) {
    const { product, release } = await createRelease("draft");
    const bytes = randomBytes(1000);
    const started = await startUpload(
      { releaseId: release.id, platform: "Linux", filename: "tool.zip", sizeBytes: bytes.length },
      actor,
    );
    return { product, release, bytes, started };
  },
  // An upload whose one part is in the bucket and recorded: ready to complete.
  async sentUpload(actor: World["actor"]) {
    const upload = await fresh.upload(actor);
    await sendParts(upload.started, { source: bufferSource(upload.bytes) });
    return upload;
  },
  // An open upload of a file for a new customer, started by an admin.
  async customerUpload(actor: World["actor"]) {
    const bytes = randomBytes(1000);
    const { id: userId } = await createUser();
    const started = await startCustomerFileUpload(
      { userId, title: "Custom build", filename: "custom.zip", sizeBytes: bytes.length },
      actor,
    );
    return { userId, bytes, started };
  },
  async sentCustomerUpload(actor: World["actor"]) {
    const upload = await fresh.customerUpload(actor);
    await sendParts(upload.started, { source: bufferSource(upload.bytes) }, actor);
    return upload;
  },
  customerFile: (userId: string) => createCustomerFile(userId).then((created) => created.file),
  async entitlement(userId: string) {
    const { product } = await createProductWithFile();
    return grant(userId, product.id);
  },
  token: (actor: World["actor"]) => createApiToken(unique("tok"), actor),
  // Paused, so that nothing the suites do afterwards is queued for it.
  webhookEndpoint: () =>
    prisma.webhookEndpoint.create({
      data: {
        url: "https://hooks.example.com/in",
        events: ["order.paid"],
        secret: "whsec_dGVzdA==",
        active: false,
      },
    }),
  async failedDelivery() {
    const endpoint = await fresh.webhookEndpoint();
    return prisma.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        eventType: "order.paid",
        payload: { type: "order.paid" },
        status: "failed",
      },
    });
  },
  async license(userId: string) {
    const entitlement = await fresh.entitlement(userId);
    return prisma.license.create({ data: { entitlementId: entitlement.id, key: newLicenseKey() } });
  },
};

// Rows that a refused or denied call must leave exactly as they were. Denials themselves are
// written to AuditLog ("*.denied") and DownloadEvent ("denied"), counted separately.
export async function stateCounts() {
  const [
    products,
    releases,
    files,
    customerFiles,
    uploads,
    parts,
    tokens,
    entitlements,
    orders,
    stripeEvents,
    issued,
    audits,
    verifications,
    licenses,
    activations,
    optOuts,
    refunds,
    productImages,
  ] = await Promise.all([
    prisma.product.count(),
    prisma.release.count(),
    prisma.releaseFile.count(),
    prisma.customerFile.count({ where: { removedAt: null } }),
    prisma.upload.count(),
    prisma.uploadPart.count(),
    prisma.apiToken.count({ where: { revokedAt: null } }),
    prisma.entitlement.count({ where: { status: "active" } }),
    prisma.order.count(),
    prisma.stripeEvent.count(),
    prisma.downloadEvent.count({ where: { outcome: "issued" } }),
    prisma.auditLog.count({ where: { NOT: { action: { endsWith: ".denied" } } } }),
    prisma.verificationToken.count(),
    prisma.license.count({ where: { revokedAt: null } }),
    prisma.licenseActivation.count(),
    prisma.emailOptOut.count(),
    prisma.orderRefund.count(),
    prisma.productImage.count(),
  ]);
  return {
    products,
    releases,
    files,
    customerFiles,
    uploads,
    parts,
    tokens,
    entitlements,
    orders,
    stripeEvents,
    issued,
    audits,
    verifications,
    licenses,
    activations,
    optOuts,
    refunds,
    productImages,
  };
}

// Denials recorded so far: bounded AuditLog rows count their repeats in data.count, bounded
// DownloadEvent refusals in their count column.
export async function denialCount() {
  const [row] = await prisma.$queryRaw<{ total: bigint | null }[]>`
    SELECT SUM(COALESCE(("data"->>'count')::int, 1)) AS total FROM "AuditLog" WHERE "action" LIKE '%.denied'`;
  const events = await prisma.downloadEvent.aggregate({
    where: { outcome: "denied" },
    _sum: { count: true },
  });
  return Number(row?.total ?? 0) + (events._sum.count ?? 0);
}

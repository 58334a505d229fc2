// A customer with something in every table that can hold their data, written the way the app
// writes it where a helper exists (denials, sign-in limits): the data-rights suites export and
// erase them, and search the whole database for what must be gone.
import { randomInt } from "node:crypto";
import { recordDenial } from "../../lib/dal/audit";
import { takeSignInQuota } from "../../lib/dal/sign-in-limits";
import { newLicenseKey } from "../../lib/licensing/keys";
import { createProductWithFile, createUser, prisma, unique } from "./fixtures";

// A private IPv4 address whose every octet has three digits, so that no other address contains it.
const uniqueIp = () => `10.${randomInt(100, 255)}.${randomInt(100, 255)}.${randomInt(100, 255)}`;

export async function customerWithData() {
  const user = await createUser(`${unique("person")}@example.com`);
  await prisma.user.update({
    where: { id: user.id },
    data: { name: "Ada Example", emailVerified: new Date() },
  });
  const ips = [uniqueIp(), uniqueIp()];
  const userAgent = `DataRights/${unique("ua")}`;
  const { product, file } = await createProductWithFile();
  await prisma.session.create({
    data: { userId: user.id, sessionToken: unique("session"), expires: new Date(Date.now() + 86_400_000) },
  });
  await prisma.account.create({
    data: { userId: user.id, type: "oauth", provider: "github", providerAccountId: unique("gh") },
  });
  await prisma.verificationToken.create({
    data: { identifier: user.email, token: unique("vt"), expires: new Date(Date.now() + 600_000) },
  });
  const order = await prisma.order.create({
    data: {
      stripeCheckoutSessionId: unique("cs"),
      email: user.email,
      userId: user.id,
      amountSubtotal: 1500,
      amountTax: 285,
      amountTotal: 1785,
      currency: "eur",
      taxCountry: "DE",
      taxRateBasisPoints: 1900,
    },
  });
  // A purchase made as a guest with the same address, before the account existed.
  const guestOrder = await prisma.order.create({
    data: { stripeCheckoutSessionId: unique("cs"), email: user.email, amountTotal: 990, currency: "jpy" },
  });
  const entitlement = await prisma.entitlement.create({
    data: {
      userId: user.id,
      productId: product.id,
      orderId: order.id,
      purchaseEmail: user.email,
      source: "stripe",
      tierId: product.tiers[0].id,
    },
  });
  const license = await prisma.license.create({
    data: { entitlementId: entitlement.id, key: newLicenseKey() },
  });
  const machines = [unique("fp"), unique("fp")];
  for (const fingerprint of machines)
    await prisma.licenseActivation.create({
      data: { licenseId: license.id, fingerprint, label: "Ada's laptop" },
    });
  for (const ip of ips)
    await prisma.downloadEvent.create({
      data: {
        userId: user.id,
        fileId: file.id,
        entitlementId: entitlement.id,
        outcome: "issued",
        ip,
        userAgent,
      },
    });
  await recordDenial("download.denied", {
    actor: { kind: "user", id: user.id, email: user.email },
    surface: "issueDownloadLink",
    reason: "not_in_library",
    ip: ips[0],
  });
  await prisma.auditLog.create({
    data: { action: "support.note", targetType: "User", targetId: user.id, data: { wrote: user.email } },
  });
  await takeSignInQuota(user.email, ips[1], { perAddress: 100, perIp: 100 });
  await prisma.outboxEmail.create({
    data: {
      kind: "receipt",
      dedupeKey: `receipt:${order.stripeCheckoutSessionId}`,
      email: user.email,
      orderId: order.id,
      status: "sent",
      sentAt: new Date(),
    },
  });
  await prisma.outboxEmail.create({
    data: { kind: "payment_failed", dedupeKey: `payment_failed:${user.email}`, email: user.email },
  });
  await prisma.emailOptOut.create({ data: { email: user.email, productId: product.id } });
  // A webhook message that told the seller's systems about the order (what the trigger writes).
  const endpoint = await prisma.webhookEndpoint.create({
    data: {
      url: "https://crm.example.com/hooks",
      events: ["order.paid"],
      secret: "whsec_dGVzdA==",
      active: false,
    },
  });
  await prisma.webhookDelivery.create({
    data: {
      endpointId: endpoint.id,
      eventType: "order.paid",
      payload: { type: "order.paid", data: { id: order.id, email: user.email } },
      status: "sent",
    },
  });
  return { user, ips, userAgent, product, order, guestOrder, entitlement, license, machines };
}

export type CustomerWithData = Awaited<ReturnType<typeof customerWithData>>;

// Every column of every table in the database's own catalogue, searched for each text as a
// substring of the column's text form: where it still appears, as "Table.column".
export async function placesHolding(texts: string[]) {
  const columns = await prisma.$queryRaw<{ table: string; column: string }[]>`
    SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
    WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`;
  const found: string[] = [];
  for (const { table, column } of columns) {
    const [name, field] = [table, column].map((part) => `"${part.replaceAll('"', '""')}"`);
    const rows = await prisma.$queryRawUnsafe<{ text: string }[]>(
      `SELECT t AS "text" FROM unnest($1::text[]) AS t
       WHERE EXISTS (SELECT 1 FROM ${name} WHERE strpos(lower(${name}.${field}::text), lower(t)) > 0)`,
      texts,
    );
    for (const row of rows) found.push(`${table}.${column} (${row.text})`);
  }
  return { columns: columns.length, found };
}

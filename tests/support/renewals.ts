// A buyer whose update window has ended, and the renewal and upgrade checkouts as the renewal and
// upgrade pages post them: the real server actions create the Checkout Sessions, the buyer pays on
// the stand-in's page, and the events Stripe would send are signed and delivered to the webhook.
import { randomBytes } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { vi } from "vitest";
import type Stripe from "stripe";
import { startRenewalAction, startUpgradeAction } from "../../lib/actions/renewals";
import { getCurrentUser } from "../../lib/auth/session";
import { newLicenseKey } from "../../lib/licensing/keys";
import { dispatchApiRequest } from "./api-routes";
import { payOnPage } from "./buy";
import { config, createUser, prisma, s3, unique } from "./fixtures";
import { stripe } from "./stripe";
import { retryUntilAcknowledged, send } from "./webhook-races";

export const day = 86_400_000;
const api = new URL(config.STRIPE_API_URL!);

// Tessellate-like: Personal ($49, 3 machines, renews for $24.50, automatically if asked) and Team
// ($39 a seat, 2 to 50 seats, 3 machines a seat), 12 months of updates each; 1.0 came out 60 days
// ago and 2.0 yesterday. The buyer's Personal window ended 10 days ago: 2.0 is locked.
export async function lapsedOwner(
  options: { upgradePricing?: "prorated" | "flat"; endedDaysAgo?: number } = {},
) {
  const slug = unique("renewable");
  const product = await prisma.product.create({
    data: {
      slug,
      name: `Renewable ${slug}`,
      upgradePricing: options.upgradePricing ?? "prorated",
      tiers: {
        create: [
          {
            name: "Personal",
            priceCents: 4900,
            renewalPriceCents: 2450,
            machinesPerSeat: 3,
            updateMonths: 12,
            autoRenew: true,
          },
          {
            name: "Team",
            priceCents: 3900,
            renewalPriceCents: 1950,
            machinesPerSeat: 3,
            updateMonths: 12,
            perSeat: true,
            minSeats: 2,
            maxSeats: 50,
            position: 1,
          },
        ],
      },
    },
    include: { tiers: { orderBy: { position: "asc" } } },
  });
  for (const [version, daysAgo] of [
    ["1.0.0", 60],
    ["2.0.0", 1],
  ] as const) {
    const objectKey = `products/${slug}/${version}/${randomBytes(6).toString("hex")}.tar.gz`;
    await s3.send(
      new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: objectKey, Body: `build ${version}` }),
    );
    await prisma.release.create({
      data: {
        productId: product.id,
        version,
        status: "published",
        publishedAt: new Date(Date.now() - daysAgo * day),
        files: {
          create: {
            platform: "linux_x64",
            filename: `${slug}-${version}.tar.gz`,
            objectKey,
            sizeBytes: 9n,
            status: "ready",
          },
        },
      },
    });
  }
  const user = await createUser();
  const entitlement = await prisma.entitlement.create({
    data: {
      userId: user.id,
      purchaseEmail: user.email,
      productId: product.id,
      tierId: product.tiers[0].id,
      source: "manual",
      updatesUntil: new Date(Date.now() - (options.endedDaysAgo ?? 10) * day),
      license: { create: { key: newLicenseKey() } },
    },
    include: { license: true },
  });
  return {
    product,
    personal: product.tiers[0],
    team: product.tiers[1],
    user,
    entitlement,
    key: entitlement.license!.key,
  };
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

// The Checkout Session a renewal or upgrade form starts, as its owner (or as `caller`).
export async function startChange(
  kind: "renewal" | "upgrade",
  caller: { id: string; email: string } | null,
  fields: Record<string, string>,
) {
  vi.mocked(getCurrentUser).mockResolvedValue(caller && { ...caller, isAdmin: false });
  const action = kind === "renewal" ? startRenewalAction : startUpgradeAction;
  try {
    return { result: await action({ status: "idle" }, form(fields)), sessionId: null };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return { result: null, sessionId: new URL(digest.split(";")[2]).pathname.split("/").pop()! };
  }
}

// Pays a started checkout on the stand-in's page (card, Hong Kong: no tax) without delivering
// anything yet, and answers the events Stripe sent for it, oldest first.
export async function payOnly(sessionId: string, email: string) {
  const before = (await sentEvents()).length;
  const session = await payOnPage(sessionId, { email, country: "HK", consent: "accepted" });
  return { session, events: (await sentEvents()).slice(before) };
}

export async function sentEvents(): Promise<Stripe.Event[]> {
  const response = await fetch(`${api.origin}/__events`);
  const { data } = (await response.json()) as { data: { event: Stripe.Event }[] };
  return data.map((record) => record.event);
}

// Delivers the events at once, and again as Stripe would while a delivery answers 409 (another
// one is running the same event) or 500; throws if one is never acknowledged.
export async function deliverAll(events: Stripe.Event[]) {
  const answers = await Promise.all(events.map((event) => send(event)));
  const unique = [...new Map(events.map((event) => [event.id, event])).values()];
  for (const event of unique) {
    const { pending } = await retryUntilAcknowledged(
      event,
      answers.filter((_, i) => events[i].id === event.id),
    );
    if (pending > 0) throw new Error(`${event.type} ${event.id} was never acknowledged`);
  }
}

// A renewal or upgrade, started, paid and delivered: the usual path from the page to the webhook.
export async function changeAndPay(
  kind: "renewal" | "upgrade",
  owner: { id: string; email: string },
  fields: Record<string, string>,
) {
  const started = await startChange(kind, owner, fields);
  if (!started.sessionId) throw new Error(`checkout refused: ${JSON.stringify(started.result)}`);
  const paid = await payOnly(started.sessionId, owner.email);
  await deliverAll(paid.events);
  return paid;
}

// The stand-in's later life of a subscription: the next period billed (paid or failed), a refund.
export async function standIn(path: string, body: Record<string, string> = {}): Promise<Stripe.Event> {
  const response = await fetch(`${api.origin}/__admin/${path}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${config.STRIPE_SECRET_KEY}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(body),
  });
  const answer = (await response.json()) as { event?: Stripe.Event; error?: { message: string } };
  if (!answer.event) throw new Error(`stand-in ${path}: ${answer.error?.message}`);
  return answer.event;
}

export async function feedFor(slug: string, key: string, etag?: string) {
  const response = await dispatchApiRequest(
    new Request(`http://localhost/api/v1/feeds/${slug}/stable/linux`, {
      headers: {
        authorization: `Bearer ${key}`,
        "x-forwarded-for": `198.51.100.${randomBytes(1)[0]}`,
        ...(etag && { "if-none-match": etag }),
      },
    }),
  );
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get("etag"),
    body: text ? JSON.parse(text) : null,
  };
}

// A licence call as an app makes it (validate, activate), answered with its status and JSON.
export async function licenseCall(path: "validate" | "activate", body: Record<string, string>) {
  const response = await dispatchApiRequest(
    new Request(`http://localhost/api/v1/licenses/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${randomBytes(1)[0]}` },
      body: JSON.stringify(body),
    }),
  );
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

export const entitlementOf = (id: string) =>
  prisma.entitlement.findUniqueOrThrow({ where: { id }, include: { license: true, changes: true } });

export { stripe };

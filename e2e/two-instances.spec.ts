import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import Stripe from "stripe";
import { demoCatalog } from "../prisma/seed/catalog";
import { messagesTo } from "./mailbox";
import { LibraryPage } from "./pages/library-page";
import { SignInPage } from "./pages/sign-in-page";
import { fetchLink } from "./stable-links";

// Two `next start` processes of one build (playwright.config.ts starts B on A's port + 1) share
// one database and one bucket, as instances behind a load balancer do. Nothing but PostgreSQL
// may carry state between them: sessions, server actions, rate limits and the webhook ledger.
test.describe.configure({ mode: "serial" });

const lumen = demoCatalog.find((product) => product.slug === "lumen-cli")!;
const lumenLinux = lumen.releases.find((release) => release.version === "1.4.0")!.files[0];
const buyer = `two-instances-${Date.now()}@example.com`;
const instanceB = (baseURL: string) => {
  const url = new URL(baseURL);
  url.port = String(Number(url.port) + 1);
  return url.origin;
};

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[]) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

test("a webhook delivered to A and its duplicates to B grant once", async ({ baseURL }) => {
  const api = process.env.STRIPE_API_URL;
  test.skip(!api, "needs the local Stripe stand-in (STRIPE_API_URL)");
  const endpoint = new URL(api!);
  const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, {
    host: endpoint.hostname,
    port: Number(endpoint.port),
    protocol: "http",
    maxNetworkRetries: 0,
  });
  const product = (await sql<{ id: string }>(`SELECT id FROM "Product" WHERE slug = $1`, [lumen.slug]))[0];
  const created = await stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: lumen.tiers[0].priceCents,
          product_data: { name: lumen.name },
        },
      },
    ],
    metadata: { product_id: product.id },
    customer_email: buyer,
    success_url: `${baseURL}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
  });
  // Paying makes the stand-in deliver its own event to A, like Stripe's first attempt.
  await fetch(`${endpoint.origin}/pay/${created.id}`, {
    method: "POST",
    body: new URLSearchParams({ email: buyer }),
    redirect: "manual",
  });
  const session = await stripe.checkout.sessions.retrieve(created.id);

  // Then Stripe's retries of one more event, racing each other on both instances.
  const payload = JSON.stringify({
    id: `evt_two_instances_${Date.now()}`,
    object: "event",
    type: "checkout.session.completed",
    livemode: false,
    created: Math.floor(Date.now() / 1000),
    data: { object: session },
  });
  const secret = process.env.STRIPE_WEBHOOK_SECRET!.split(",")[0];
  const post = async (origin: string) => {
    const response = await fetch(`${origin}/api/webhooks/stripe`, {
      method: "POST",
      body: payload,
      headers: {
        "content-type": "application/json",
        "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret }),
      },
    });
    return `${response.status} ${((await response.json()) as { outcome?: string }).outcome}`;
  };
  const origins = [baseURL!, instanceB(baseURL!), baseURL!, instanceB(baseURL!)];
  const answers = await Promise.all(origins.map(post));
  // One instance runs the handler; the others find it done, or running (409, which Stripe retries).
  expect(answers.filter((answer) => answer === "200 processed")).toHaveLength(1);
  expect(
    answers.filter((answer) => !["200 processed", "200 duplicate", "409 in_progress"].includes(answer)),
  ).toEqual([]);
  const retried = await Promise.all(origins.filter((_, i) => answers[i].startsWith("409")).map(post));
  expect(retried.filter((answer) => answer !== "200 duplicate")).toEqual([]);

  const orders = await sql<{ id: string }>(`SELECT id FROM "Order" WHERE "stripeCheckoutSessionId" = $1`, [
    session.id,
  ]);
  expect(orders).toHaveLength(1);
  const entitlements = await sql(`SELECT id FROM "Entitlement" WHERE "orderId" = $1`, [orders[0].id]);
  expect(entitlements).toHaveLength(1);
  await expect
    .poll(async () => (await messagesTo(buyer)).filter((m) => /^Your .+ receipt: /.test(m.subject)).length)
    .toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 1000)); // a late second receipt would show now
  expect((await messagesTo(buyer)).filter((m) => /^Your .+ receipt: /.test(m.subject))).toHaveLength(1);
});

async function cookieFor(page: Page) {
  return (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

test("a session made on A works on B, and a server action rendered by A runs on B", async ({
  page,
  baseURL,
}) => {
  const b = instanceB(baseURL!);
  await new SignInPage(page).signIn(buyer); // on A
  const cookie = await cookieFor(page);
  const onB = await (await fetch(`${b}/api/auth/session`, { headers: { cookie } })).json();
  expect(onB.user.email).toBe(buyer);
  await page.goto(`${b}/library`);
  await expect(page.getByTestId("signed-in-as")).toHaveText(buyer);
  await expect(page.getByTestId(`library-${lumen.slug}`)).toBeVisible();

  // The library rendered by A; its Download action is sent to B instead, with the public host
  // a load balancer would pass on (Next.js compares it with the Origin header).
  const a = new URL(baseURL!);
  const forwarded: number[] = [];
  await page.route(`${a.origin}/library**`, async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    const response = await route.fetch({
      url: request.url().replace(a.origin, b),
      headers: { ...request.headers(), "x-forwarded-host": a.host },
    });
    forwarded.push(response.status());
    await route.fulfill({ response });
  });
  const library = new LibraryPage(page);
  await library.open();
  const download = await library.download(lumenLinux.filename);
  expect(download.suggestedFilename()).toBe(lumenLinux.filename);
  expect(forwarded).toEqual([200]);
});

test("the per-user download rate limit holds across both instances", async ({ page, baseURL }) => {
  const b = instanceB(baseURL!);
  await new SignInPage(page).signIn(buyer);
  const cookie = await cookieFor(page);
  const limit = Number(process.env.DOWNLOAD_RATE_LIMIT_PER_MINUTE || 20);
  const used = Number(
    (
      await sql<{ n: string }>(
        `SELECT count(*) AS n FROM "DownloadEvent" d JOIN "User" u ON u.id = d."userId" WHERE u.email = $1 AND d.outcome = 'issued' AND d."createdAt" > now() - interval '1 minute'`,
        [buyer],
      )
    )[0].n,
  );
  const path = `/download/${lumen.slug}/latest?platform=Linux`;
  const attempts = limit + 10 - used;
  const statuses = await Promise.all(
    Array.from({ length: attempts }, (_, i) =>
      fetchLink(i % 2 ? b : baseURL!, path, { cookie }).then((response) => response.status),
    ),
  );
  const count = (status: number) => statuses.filter((s) => s === status).length;
  expect({ issued: count(303), limited: count(429) }).toEqual({ issued: limit - used, limited: 10 });
});

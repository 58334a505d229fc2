// Webhook throughput: N signed checkout.session.completed events (each a new order, entitlement
// and receipt) through the webhook route handler at a fixed concurrency, against the same
// number of signed events of a type the store ignores (signature check and dispatch only).
import { performance } from "node:perf_hooks";
import Stripe from "stripe";
import { POST } from "../app/api/webhooks/stripe/route";
import type { Env } from "../lib/env-schema";
import type { PrismaClient } from "../lib/prisma";
import { summarise } from "./link-issuance";

async function pool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

function sample(ms: number[], wallMs: number) {
  return { ...summarise(ms), perSecond: (ms.length / wallMs) * 1000 };
}

async function drive(payloads: string[], secret: string, concurrency: number) {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  await pool(payloads, concurrency, async (payload) => {
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
    const begin = performance.now();
    const response = await POST(
      new Request("http://localhost/api/webhooks/stripe", {
        method: "POST",
        body: payload,
        headers: { "stripe-signature": signature },
      }),
    );
    latencies.push(performance.now() - begin);
    if (response.status !== 200) failures += 1;
  });
  return { ...sample(latencies, performance.now() - started), failures };
}

export async function benchWebhooks(config: Env, prisma: PrismaClient, count: number, concurrency: number) {
  const api = new URL(config.STRIPE_API_URL!);
  const stripe = new Stripe(config.STRIPE_SECRET_KEY, {
    host: api.hostname,
    port: Number(api.port),
    protocol: "http",
    maxNetworkRetries: 0,
  });
  const product = await prisma.product.findUniqueOrThrow({ where: { slug: "lumen-cli" } });

  const sessions: Stripe.Checkout.Session[] = [];
  await pool(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      const email = `bench-${Date.now()}-${i}@example.com`;
      const created = await stripe.checkout.sessions.create({
        mode: "payment",
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: "usd",
              unit_amount: product.priceCents,
              product_data: { name: product.name },
            },
          },
        ],
        metadata: { product_id: product.id },
        customer_email: email,
        success_url: "http://localhost/success?session_id={CHECKOUT_SESSION_ID}",
      });
      await fetch(`${api.origin}/pay/${created.id}`, {
        method: "POST",
        body: new URLSearchParams({ email }),
        redirect: "manual",
      });
      sessions.push(await stripe.checkout.sessions.retrieve(created.id));
    },
  );
  const event = (type: string, object: unknown, i: number) =>
    JSON.stringify({
      id: `evt_bench_${Date.now()}_${type}_${i}`,
      object: "event",
      type,
      created: Math.floor(Date.now() / 1000),
      data: { object },
    });

  const [secret] = config.STRIPE_WEBHOOK_SECRET;
  const ignored = await drive(
    sessions.map((_, i) => event("customer.created", { id: `cus_${i}` }, i)),
    secret,
    concurrency,
  );
  const fulfilled = await drive(
    sessions.map((session, i) => event("checkout.session.completed", session, i)),
    secret,
    concurrency,
  );
  const orders = await prisma.order.count({
    where: { stripeCheckoutSessionId: { in: sessions.map((session) => session.id) } },
  });
  if (orders !== count || fulfilled.failures > 0)
    throw new Error(`expected ${count} orders, found ${orders} (${fulfilled.failures} failed deliveries)`);
  return { count, concurrency, ignored, fulfilled, ratioThroughput: ignored.perSecond / fulfilled.perSecond };
}

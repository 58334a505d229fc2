// P5: a webhook storm against the running app. N paid checkout sessions in the local Stripe
// stand-in, one signed checkout.session.completed event each, every event delivered three
// times back to back at a fixed concurrency (so the copies of one event race each other).
// Afterwards the effects are counted: one order, one entitlement and one receipt per event.
// Baseline: the same number of deliveries of an event type the store ignores.
import Stripe from "stripe";
import type { PrismaClient } from "../lib/prisma";
import { percentile } from "./load";

async function pool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

async function storm(url: string, payloads: string[], secret: string, concurrency: number) {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let retried = 0;
  const started = performance.now();
  await pool(payloads, concurrency, async (payload) => {
    const begin = performance.now();
    try {
      // 409: a copy of this event is being handled right now; Stripe delivers it again later.
      for (let attempt = 0; ; attempt++) {
        const response = await fetch(url, {
          method: "POST",
          body: payload,
          headers: {
            "content-type": "application/json",
            "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret }),
          },
        });
        await response.arrayBuffer();
        if (response.status === 409 && attempt < 20) {
          retried++;
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        break;
      }
    } catch {
      errors++;
    }
    times.push(performance.now() - begin);
  });
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const failed =
    errors +
    Object.entries(statuses).reduce((sum, [status, count]) => (status === "200" ? sum : sum + count), 0);
  return {
    deliveries: payloads.length,
    retried,
    seconds,
    deliveriesPerSecond: payloads.length / seconds,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    statuses,
    failed,
  };
}

export async function benchWebhooks(
  appUrl: string,
  prisma: PrismaClient,
  options: {
    tag: string;
    events: number;
    copies: number;
    concurrency: number;
    stripeApiUrl: string;
    stripeKey: string;
    webhookSecret: string;
    mailUi?: string;
  },
) {
  const api = new URL(options.stripeApiUrl);
  const stripe = new Stripe(options.stripeKey, {
    host: api.hostname,
    port: Number(api.port),
    protocol: "http",
    maxNetworkRetries: 0,
  });
  const product = await prisma.product.create({
    data: {
      slug: `bench-${options.tag}-webhooks`,
      name: "Bench webhooks",
      tiers: { create: { name: "Standard", priceCents: 1900 } },
    },
    include: { tiers: true },
  });
  const emails = Array.from(
    { length: options.events },
    (_, i) => `bench-${options.tag}-buyer-${i}@example.com`,
  );
  const sessions: Stripe.Checkout.Session[] = [];
  await pool(emails, 10, async (email) => {
    const created = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: "usd",
            unit_amount: product.tiers[0].priceCents,
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
  });
  const event = (type: string, object: unknown, i: number) =>
    JSON.stringify({
      id: `evt_bench_${options.tag}_${type}_${i}`,
      object: "event",
      type,
      livemode: false,
      created: Math.floor(Date.now() / 1000),
      data: { object },
    });
  const copies = (payloads: string[]) =>
    payloads.flatMap((payload) => Array(options.copies).fill(payload) as string[]);
  const url = `${appUrl}/api/webhooks/stripe`;

  const ignored = await storm(
    url,
    copies(sessions.map((_, i) => event("customer.created", { id: `cus_bench_${i}` }, i))),
    options.webhookSecret,
    options.concurrency,
  );
  const fulfilled = await storm(
    url,
    copies(sessions.map((s, i) => event("checkout.session.completed", s, i))),
    options.webhookSecret,
    options.concurrency,
  );

  const sessionIds = sessions.map((session) => session.id);
  const orders = await prisma.order.findMany({
    where: { stripeCheckoutSessionId: { in: sessionIds } },
    select: { id: true },
  });
  // Receipts go out after each response (the outbox): wait until none is left to send.
  const receipts = { orderId: { in: orders.map((order) => order.id) }, kind: "receipt" as const };
  for (let waited = 0; waited < 60_000; waited += 250) {
    if (
      (await prisma.outboxEmail.count({ where: { ...receipts, status: { in: ["pending", "sending"] } } })) ===
      0
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const receiptsMarked = await prisma.outboxEmail.count({ where: { ...receipts, status: "sent" } });
  const entitlements = await prisma.entitlement.count({ where: { productId: product.id } });
  const ledger = await prisma.stripeEvent.count({
    where: { id: { startsWith: `evt_bench_${options.tag}_checkout` }, processedAt: { not: null } },
  });
  let receiptsMailed: number | null = null;
  if (options.mailUi) {
    const wanted = new Set(emails);
    const messages = (await (await fetch(`${options.mailUi}/email`)).json()) as {
      to: { address: string }[];
      subject: string;
    }[];
    receiptsMailed = messages.filter(
      (m) =>
        m.subject.startsWith("Your Downlink receipt") &&
        m.to.some((to) => wanted.has(to.address.toLowerCase())),
    ).length;
  }
  const effects = {
    orders: orders.length,
    entitlements,
    receiptsMarked,
    receiptsMailed,
    ledgerProcessed: ledger,
  };
  const exactlyOnce = Object.values(effects).every((count) => count === null || count === options.events);
  return {
    events: options.events,
    copies: options.copies,
    concurrency: options.concurrency,
    ignored: { ...ignored, eventsPerSecond: ignored.deliveriesPerSecond / options.copies },
    fulfilled: { ...fulfilled, eventsPerSecond: fulfilled.deliveriesPerSecond / options.copies },
    effects,
    exactlyOnce,
    ratioThroughput: ignored.deliveriesPerSecond / fulfilled.deliveriesPerSecond,
  };
}

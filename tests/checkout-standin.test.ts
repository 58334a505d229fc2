// Drives the local checkout stand-in with the real Stripe SDK, the way the app does, and
// checks the webhook it sends verifies with the SDK's own signature check. Then the later
// life of a payment: refunds, disputes, bank transfers, the events list and the dashboard.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseForm, startCheckout, type RunningService } from "../scripts/embedded/checkout";

const secretKey = "sk_test_standin";
const webhookSecret = "whsec_standin";

type Delivery = { body: string; signature: string };
const deliveries: Delivery[] = [];
let failNextDeliveries = 0; // lets a test make the "app" answer 500 to exercise retries

let receiver: http.Server;
let checkout: RunningService;
let stripe: Stripe;
let port: number;

const clientFor = (key: string) =>
  new Stripe(key, { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0, telemetry: false });

const sessionParams = (
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams => ({
  mode: "payment",
  line_items: [
    {
      quantity: 2,
      price_data: {
        currency: "usd",
        unit_amount: 1250,
        product_data: { name: "Downlink Pro 2.1", metadata: { productId: "prod_local_1" } },
      },
    },
  ],
  success_url: "http://localhost:3100/checkout/success?session_id={CHECKOUT_SESSION_ID}",
  cancel_url: "http://localhost:3100/products/pro",
  client_reference_id: "order_123",
  customer_email: "buyer@example.com",
  metadata: { orderId: "order_123" },
  ...overrides,
});

const pay = (url: string, email = "buyer@example.com") =>
  fetch(url, {
    method: "POST",
    body: new URLSearchParams({ email }),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      if (failNextDeliveries > 0) {
        failNextDeliveries--;
        return res.writeHead(500).end();
      }
      deliveries.push({ body, signature: String(req.headers["stripe-signature"]) });
      res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/stripe/webhook`;
  checkout = await startCheckout({ port: 0, secretKey, webhookSecret, webhookUrl });
  port = Number(new URL(checkout.url).port);
  stripe = clientFor(secretKey);
});

afterAll(async () => {
  await checkout?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe("form parser", () => {
  it("nests bracket keys and turns index keys into arrays", () => {
    const form = parseForm(
      "line_items[1][quantity]=3&line_items[0][price_data][currency]=usd&expand[]=a&expand[]=b&metadata[k]=v&__proto__[x]=1",
    );
    expect(form).toEqual({
      line_items: [{ price_data: { currency: "usd" } }, { quantity: "3" }],
      expand: ["a", "b"],
      metadata: { k: "v" },
    });
  });
});

describe("checkout stand-in", () => {
  let session: Stripe.Checkout.Session;

  it("creates a session shaped like Stripe's", async () => {
    session = await stripe.checkout.sessions.create(sessionParams());
    expect(session.id).toMatch(/^cs_test_[A-Za-z0-9]+$/);
    expect(session).toMatchObject({
      object: "checkout.session",
      url: `${checkout.url}/pay/${session.id}`,
      status: "open",
      payment_status: "unpaid",
      amount_total: 2500,
      currency: "usd",
      mode: "payment",
      client_reference_id: "order_123",
      customer_email: "buyer@example.com",
      customer_details: null,
      metadata: { orderId: "order_123" },
      payment_intent: null,
      livemode: false,
    });
    expect(session.created).toBeGreaterThan(1_700_000_000);
  });

  it("retrieves with expanded line items", async () => {
    const retrieved = await stripe.checkout.sessions.retrieve(session.id, { expand: ["line_items"] });
    const items = retrieved.line_items!;
    expect(items.object).toBe("list");
    expect(items.has_more).toBe(false);
    expect(items.data).toHaveLength(1);
    expect(items.data[0]).toMatchObject({
      object: "item",
      description: "Downlink Pro 2.1",
      quantity: 2,
      amount_total: 2500,
      currency: "usd",
      price: { unit_amount: 1250, currency: "usd" },
    });
    expect(items.data[0].price!.product).toMatch(/^prod_test_/);

    const withProducts = await stripe.checkout.sessions.listLineItems(session.id, {
      expand: ["data.price.product"],
    });
    const product = withProducts.data[0].price!.product as Stripe.Product;
    expect(product.metadata).toEqual({ productId: "prod_local_1" });
  });

  it("lists sessions newest first", async () => {
    const newer = await stripe.checkout.sessions.create(sessionParams({ client_reference_id: "order_124" }));
    const list = await stripe.checkout.sessions.list({ limit: 1 });
    expect(list.data.map((s) => s.id)).toEqual([newer.id]);
    expect(list.has_more).toBe(true);
  });

  it("rejects a wrong API key with an authentication error", async () => {
    const err = await clientFor("sk_test_wrong")
      .checkout.sessions.retrieve(session.id)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect((err as Stripe.errors.StripeError).statusCode).toBe(401);
  });

  it("rejects bad requests with StripeInvalidRequestError", async () => {
    const missing = await stripe.checkout.sessions
      .create(sessionParams({ line_items: undefined }))
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((missing as Stripe.errors.StripeError).param).toBe("line_items");

    const noSuccess = await stripe.checkout.sessions
      .create(sessionParams({ success_url: undefined }))
      .catch((e: unknown) => e);
    expect(noSuccess).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);

    const unknown = await stripe.checkout.sessions.retrieve("cs_test_nope").catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((unknown as Stripe.errors.StripeError).code).toBe("resource_missing");
    expect((unknown as Stripe.errors.StripeError).statusCode).toBe(404);
  });

  it("serves an HTML payment page with the amount", async () => {
    const res = await fetch(session.url!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("Pay $25.00");
    expect(html).toContain("Local test checkout — no real payment is made.");
    expect(html).toContain('value="buyer@example.com"');
    expect(html).toContain('href="http://localhost:3100/products/pro"');
  });

  it("pays, redirects to success_url and sends one signed webhook", async () => {
    const res = await pay(session.url!);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(
      `http://localhost:3100/checkout/success?session_id=${session.id}`,
    );

    expect(deliveries).toHaveLength(1);
    const event = stripe.webhooks.constructEvent(deliveries[0].body, deliveries[0].signature, webhookSecret);
    expect(event.type).toBe("checkout.session.completed");
    expect(event.id).toMatch(/^evt_test_/);
    const paid = event.data.object as Stripe.Checkout.Session;
    expect(paid.id).toBe(session.id);
    expect(paid.payment_status).toBe("paid");
    expect(paid.status).toBe("complete");
    expect(paid.payment_intent).toMatch(/^pi_test_/);
    expect(paid.customer_details?.email).toBe("buyer@example.com");
    expect(paid).not.toHaveProperty("line_items");

    const retrieved = await stripe.checkout.sessions.retrieve(session.id);
    expect(retrieved.payment_status).toBe("paid");
  });

  it("does not send a second event when paid twice", async () => {
    const res = await pay(`${checkout.url}/pay/${session.id}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain(session.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(deliveries).toHaveLength(1);
    const sent = (await (await fetch(`${checkout.url}/__events`)).json()) as {
      data: { event: { data: { object: { id: string } } } }[];
    };
    expect(sent.data.filter((e) => e.event.data.object.id === session.id)).toHaveLength(1);
  });

  it("fails signature verification with the wrong secret", () => {
    expect(() =>
      stripe.webhooks.constructEvent(deliveries[0].body, deliveries[0].signature, "whsec_wrong"),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it("retries a webhook the app rejected", async () => {
    const retried = await stripe.checkout.sessions.create(sessionParams({ customer_email: undefined }));
    failNextDeliveries = 1;
    const res = await pay(retried.url!, "someone@example.com");
    expect(res.status).toBe(303);
    // The redirect waits for the first attempt only; the retry follows in the background.
    await expect.poll(() => deliveries.length).toBe(2);
    const event = stripe.webhooks.constructEvent(deliveries[1].body, deliveries[1].signature, webhookSecret);
    expect((event.data.object as Stripe.Checkout.Session).customer_email).toBe("someone@example.com");
    const sent = (await (await fetch(`${checkout.url}/__events`)).json()) as {
      data: { attempts: number; delivered: boolean }[];
    };
    expect(sent.data.at(-1)).toMatchObject({ attempts: 2, delivered: true });
  });

  it("fails clearly when the port is taken", async () => {
    await expect(
      startCheckout({ port, secretKey, webhookSecret, webhookUrl: "http://127.0.0.1:1/" }),
    ).rejects.toThrow(/already in use/);
  });
});

// ---------- payments after checkout: refunds, disputes, bank transfers, events ----------

type AdminAnswer = {
  status: number;
  body: { event?: Stripe.Event; error?: { message: string; param?: string; code?: string } };
};

async function admin(
  path: string,
  body: Record<string, unknown> = {},
  key: string | null = secretKey,
): Promise<AdminAnswer> {
  const res = await fetch(`${checkout.url}/__admin${path}`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", ...(key && { authorization: `Bearer ${key}` }) },
  });
  return { status: res.status, body: (await res.json()) as AdminAnswer["body"] };
}

// The verified webhook the receiver got for an event id.
function delivered(eventId: string): Stripe.Event {
  const hit = deliveries.find((d) => (JSON.parse(d.body) as { id: string }).id === eventId);
  if (!hit) throw new Error(`no delivery for ${eventId}`);
  return stripe.webhooks.constructEvent(hit.body, hit.signature, webhookSecret);
}

async function paidSession(method: "card" | "bank_transfer" = "card"): Promise<Stripe.Checkout.Session> {
  const created = await stripe.checkout.sessions.create(sessionParams());
  const res = await fetch(created.url!, {
    method: "POST",
    body: new URLSearchParams({ email: "buyer@example.com", method }),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  expect(res.status).toBe(303);
  return stripe.checkout.sessions.retrieve(created.id);
}

async function eventOf<T>(answer: AdminAnswer, type: string): Promise<{ event: Stripe.Event; object: T }> {
  expect(answer.status).toBe(200);
  const event = delivered(answer.body.event!.id);
  expect(event).toEqual(answer.body.event);
  expect(event.type).toBe(type);
  expect(event.api_version).toBe("2026-10-28.endive");
  return { event, object: event.data.object as T };
}

// The deliveries the receiver got for events of one type about one payment intent, verified.
const deliveredOf = (type: string, paymentIntent: string) =>
  deliveries
    .map((d) => stripe.webhooks.constructEvent(d.body, d.signature, webhookSecret))
    .filter(
      (e) =>
        e.type === type && (e.data.object as { payment_intent?: string }).payment_intent === paymentIntent,
    );

describe("refunds API", () => {
  it("creates a refund by payment intent, as Stripe does, and sends charge.refunded and refund.created", async () => {
    const session = await paidSession();
    const intent = session.payment_intent as string;
    const refund = await stripe.refunds.create({
      payment_intent: intent,
      amount: 1000,
      reason: "requested_by_customer",
      metadata: { note: "late" },
    });
    expect(refund).toMatchObject({
      object: "refund",
      amount: 1000,
      currency: "usd",
      payment_intent: intent,
      reason: "requested_by_customer",
      status: "succeeded",
      metadata: { note: "late" },
    });
    expect(refund.id).toMatch(/^re_test_/);
    expect(deliveredOf("charge.refunded", intent).map((e) => e.data.object)).toMatchObject([
      { amount_refunded: 1000, refunded: false },
    ]);
    expect(deliveredOf("refund.created", intent).map((e) => e.data.object)).toEqual([refund]);
    expect(await stripe.refunds.retrieve(refund.id)).toEqual(refund);

    // No amount refunds what remains; then nothing is left.
    const rest = await stripe.refunds.create({ payment_intent: intent });
    expect(rest.amount).toBe(1500);
    expect((await stripe.refunds.list({ payment_intent: intent })).data.map((r) => r.id)).toEqual([
      rest.id,
      refund.id,
    ]);
    const again = await stripe.refunds.create({ payment_intent: intent }).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: "charge_already_refunded", statusCode: 400 });
  });

  it("refuses what Stripe refuses, changing nothing", async () => {
    const session = await paidSession();
    const intent = session.payment_intent as string;
    const refused = async (params: Stripe.RefundCreateParams) =>
      (await stripe.refunds.create(params).catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(await refused({ payment_intent: intent, amount: 2501 })).toMatchObject({
      code: "amount_too_large",
      param: "amount",
    });
    expect(await refused({ payment_intent: intent, amount: 0 })).toMatchObject({
      statusCode: 400,
      param: "amount",
    });
    expect(await refused({ payment_intent: intent, reason: "chargeback" as "duplicate" })).toMatchObject({
      param: "reason",
    });
    expect(await refused({ payment_intent: "pi_test_nope" })).toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });
    expect(await refused({})).toMatchObject({ statusCode: 400 });
    expect((await stripe.refunds.list({ payment_intent: intent })).data).toEqual([]);
  });

  it("runs a request with an Idempotency-Key once, replays it, and refuses the key for other parameters", async () => {
    const session = await paidSession();
    const intent = session.payment_intent as string;
    const key = `refund-${Date.now()}`;
    const [a, b] = await Promise.allSettled([
      stripe.refunds.create({ payment_intent: intent, amount: 500 }, { idempotencyKey: key }),
      stripe.refunds.create({ payment_intent: intent, amount: 500 }, { idempotencyKey: key }),
    ]);
    const made = [a, b].flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const conflicts = [a, b].flatMap((r) =>
      r.status === "rejected" ? [r.reason as Stripe.errors.StripeError] : [],
    );
    // The second either arrived while the first ran (409) or got its saved answer.
    for (const conflict of conflicts)
      expect(conflict).toMatchObject({ statusCode: 409, code: "idempotency_key_in_use" });
    const replay = await stripe.refunds.create(
      { payment_intent: intent, amount: 500 },
      { idempotencyKey: key },
    );
    expect(replay.lastResponse.headers["idempotent-replayed"]).toBe("true");
    for (const refund of made) expect(refund.id).toBe(replay.id);
    const other = await stripe.refunds
      .create({ payment_intent: intent, amount: 600 }, { idempotencyKey: key })
      .catch((e: unknown) => e);
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect((await stripe.refunds.list({ payment_intent: intent })).data).toHaveLength(1);
    expect((await stripe.charges.retrieve(replay.charge as string)).amount_refunded).toBe(500);
  });
});

describe("refunds", () => {
  it("refunds in full and sends a verified charge.refunded", async () => {
    const session = await paidSession();
    const { object: charge, event } = await eventOf<Stripe.Charge>(
      await admin(`/sessions/${session.id}/refund`),
      "charge.refunded",
    );
    expect(charge).toMatchObject({
      object: "charge",
      amount: 2500,
      amount_captured: 2500,
      amount_refunded: 2500,
      refunded: true,
      currency: "usd",
      payment_intent: session.payment_intent,
      paid: true,
      status: "succeeded",
      livemode: false,
      billing_details: { email: "buyer@example.com" },
    });
    expect(charge.id).toMatch(/^ch_test_/);
    expect(event.data.previous_attributes).toEqual({ amount_refunded: 0, refunded: false });
    expect(await stripe.charges.retrieve(charge.id)).toMatchObject({ amount_refunded: 2500, refunded: true });

    const again = await admin(`/sessions/${session.id}/refund`);
    expect(again.status).toBe(400);
    expect(again.body.error?.code).toBe("charge_already_refunded");
  });

  it("refunds partially, then the rest", async () => {
    const session = await paidSession();
    const first = await eventOf<Stripe.Charge>(
      await admin(`/sessions/${session.id}/refund`, { amount: 1000 }),
      "charge.refunded",
    );
    expect(first.object).toMatchObject({ amount: 2500, amount_refunded: 1000, refunded: false });

    // Form-encoded works too; no amount means what remains.
    const res = await fetch(`${checkout.url}/__admin/sessions/${session.id}/refund`, {
      method: "POST",
      body: "",
      headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/x-www-form-urlencoded" },
    });
    const rest = await eventOf<Stripe.Charge>(
      { status: res.status, body: (await res.json()) as AdminAnswer["body"] },
      "charge.refunded",
    );
    expect(rest.object).toMatchObject({ id: first.object.id, amount_refunded: 2500, refunded: true });
  });

  it("refuses to refund more than remains, unpaid sessions and unknown ones", async () => {
    const session = await paidSession();
    await admin(`/sessions/${session.id}/refund`, { amount: 2000 });
    const over = await admin(`/sessions/${session.id}/refund`, { amount: 501 });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ param: "amount", code: "amount_too_large" });
    expect((await admin(`/sessions/${session.id}/refund`, { amount: 0 })).status).toBe(400);

    const open = await stripe.checkout.sessions.create(sessionParams());
    expect((await admin(`/sessions/${open.id}/refund`)).status).toBe(400);
    const unknown = await admin(`/sessions/cs_test_nope/refund`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe("resource_missing");
  });
});

// Amounts are in each currency's minor unit as Stripe counts it (lib/money.ts): the pay page and
// the dashboard show them that way, and amounts Stripe would refuse are refused here too.
describe("currencies", () => {
  const pricedIn = (currency: string, unitAmount: number) =>
    sessionParams({
      line_items: [
        { quantity: 1, price_data: { currency, unit_amount: unitAmount, product_data: { name: "Priced" } } },
      ],
    });
  async function paidIn(currency: string, unitAmount: number) {
    const created = await stripe.checkout.sessions.create(pricedIn(currency, unitAmount));
    expect((await pay(created.url!)).status).toBe(303);
    return created;
  }
  const dashboardRow = async (sessionId: string) => {
    const html = await (await fetch(`${checkout.url}/`)).text();
    return html.slice(html.indexOf(sessionId), html.indexOf("</tr>", html.indexOf(sessionId)));
  };

  it("shows yen as whole yen and refunds the yen it charged", async () => {
    const created = await stripe.checkout.sessions.create(pricedIn("jpy", 1900));
    expect(created).toMatchObject({ amount_total: 1900, currency: "jpy" });
    expect(await (await fetch(created.url!)).text()).toContain("Pay ¥1,900");
    await pay(created.url!);
    const row = await dashboardRow(created.id);
    expect(row).toContain("¥1,900");
    expect(row).toContain('name="amount" value="1900"');
    expect(row).toContain('name="amount" value="950"');
    const refund = await eventOf<Stripe.Charge>(
      await admin(`/sessions/${created.id}/refund`, { amount: 950 }),
      "charge.refunded",
    );
    expect(refund.object).toMatchObject({ amount: 1900, amount_refunded: 950, currency: "jpy" });
  });

  it("counts ISK in hundredths and KWD in thousandths, as Stripe does", async () => {
    const isk = await paidIn("isk", 190000);
    expect(await dashboardRow(isk.id)).toContain("ISK\u00a01,900");
    const kwd = await paidIn("kwd", 5130);
    const row = await dashboardRow(kwd.id);
    expect(row).toContain("KWD\u00a05.130");
    expect(row).toContain('name="amount" value="2560"'); // half, rounded down to a multiple of 10
  });

  it("refuses charges and refunds the currency cannot carry", async () => {
    for (const [currency, amount] of [
      ["isk", 190050],
      ["ugx", 190001],
      ["kwd", 5125],
      ["usd", 100_000_000],
    ] as const) {
      const refused = await stripe.checkout.sessions
        .create(pricedIn(currency, amount))
        .catch((error: unknown) => error);
      expect(refused, `${amount} ${currency}`).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect((refused as Stripe.errors.StripeError).param).toBe("line_items[0][price_data][unit_amount]");
    }
    const kwd = await paidIn("kwd", 5130);
    const odd = await admin(`/sessions/${kwd.id}/refund`, { amount: 2565 });
    expect(odd.status).toBe(400);
    expect(odd.body.error).toMatchObject({
      param: "amount",
      code: "invalid_charge_amount_no_decimal_compatible",
    });
    const isk = await paidIn("isk", 190000);
    expect((await admin(`/sessions/${isk.id}/refund`, { amount: 50 })).status).toBe(400);
    expect((await admin(`/sessions/${isk.id}/refund`, { amount: 100 })).status).toBe(200);
  });
});

describe("disputes", () => {
  it("opens a dispute and closes it as won", async () => {
    const session = await paidSession();
    const { object: dispute } = await eventOf<Stripe.Dispute>(
      await admin(`/sessions/${session.id}/dispute`),
      "charge.dispute.created",
    );
    expect(dispute).toMatchObject({
      object: "dispute",
      amount: 2500,
      currency: "usd",
      payment_intent: session.payment_intent,
      status: "needs_response",
      reason: "fraudulent",
      livemode: false,
    });
    expect(dispute.id).toMatch(/^dp_test_/);
    expect(dispute.charge).toMatch(/^ch_test_/);
    expect((await stripe.charges.retrieve(dispute.charge as string)).disputed).toBe(true);

    expect((await admin(`/sessions/${session.id}/dispute`)).status).toBe(400); // one per charge
    const refund = await admin(`/sessions/${session.id}/refund`);
    expect(refund.body.error?.code).toBe("charge_disputed");

    const closed = await eventOf<Stripe.Dispute>(
      await admin(`/disputes/${dispute.id}/close`, { outcome: "won" }),
      "charge.dispute.closed",
    );
    expect(closed.object).toMatchObject({ id: dispute.id, status: "won", charge: dispute.charge });
    expect(closed.event.data.previous_attributes).toEqual({ status: "needs_response" });

    const twice = await admin(`/disputes/${dispute.id}/close`, { outcome: "lost" });
    expect(twice.status).toBe(400);
    expect(twice.body.error?.message).toMatch(/already closed/);
  });

  it("closes a dispute as lost and rejects a bad outcome", async () => {
    const session = await paidSession();
    const { object: dispute } = await eventOf<Stripe.Dispute>(
      await admin(`/sessions/${session.id}/dispute`),
      "charge.dispute.created",
    );
    const bad = await admin(`/disputes/${dispute.id}/close`, { outcome: "maybe" });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.param).toBe("outcome");
    const lost = await eventOf<Stripe.Dispute>(
      await admin(`/disputes/${dispute.id}/close`, { outcome: "lost" }),
      "charge.dispute.closed",
    );
    expect(lost.object.status).toBe("lost");
    expect((await admin(`/disputes/dp_test_nope/close`, { outcome: "won" })).status).toBe(404);
  });
});

describe("bank transfers", () => {
  it("offers the transfer on the pay page", async () => {
    const created = await stripe.checkout.sessions.create(sessionParams());
    const html = await (await fetch(created.url!)).text();
    expect(html).toContain('name="method" value="bank_transfer"');
    expect(html).toContain("Pay by bank transfer (settles later)");
  });

  it("completes unpaid, then settles as succeeded", async () => {
    const session = await paidSession("bank_transfer");
    expect(session).toMatchObject({ status: "complete", payment_status: "unpaid" });
    expect(session.payment_intent).toMatch(/^pi_test_/);
    const completed = deliveries
      .map((d) => stripe.webhooks.constructEvent(d.body, d.signature, webhookSecret))
      .find((e) => (e.data.object as Stripe.Checkout.Session).id === session.id)!;
    expect(completed.type).toBe("checkout.session.completed");
    expect(completed.data.object).toMatchObject({ status: "complete", payment_status: "unpaid" });
    expect((await admin(`/sessions/${session.id}/refund`)).status).toBe(400); // nothing paid yet

    const { object } = await eventOf<Stripe.Checkout.Session>(
      await admin(`/sessions/${session.id}/settle`, { outcome: "succeeded" }),
      "checkout.session.async_payment_succeeded",
    );
    expect(object).toMatchObject({ id: session.id, status: "complete", payment_status: "paid" });
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe("paid");
    expect((await admin(`/sessions/${session.id}/settle`, { outcome: "succeeded" })).status).toBe(400);
    const refund = await eventOf<Stripe.Charge>(
      await admin(`/sessions/${session.id}/refund`),
      "charge.refunded",
    );
    expect(refund.object.payment_intent).toBe(session.payment_intent);
  });

  it("settles as failed and stays unpaid", async () => {
    const session = await paidSession("bank_transfer");
    const { object } = await eventOf<Stripe.Checkout.Session>(
      await admin(`/sessions/${session.id}/settle`, { outcome: "failed" }),
      "checkout.session.async_payment_failed",
    );
    expect(object).toMatchObject({ id: session.id, status: "complete", payment_status: "unpaid" });
    expect((await admin(`/sessions/${session.id}/settle`, { outcome: "succeeded" })).status).toBe(400);
    expect((await admin(`/sessions/${session.id}/refund`)).status).toBe(400);

    const card = await paidSession();
    expect((await admin(`/sessions/${card.id}/settle`, { outcome: "succeeded" })).status).toBe(400);
  });
});

describe("admin endpoints", () => {
  it("need the secret key", async () => {
    const session = await paidSession();
    for (const key of [null, "sk_test_wrong"]) {
      const answer = await admin(`/sessions/${session.id}/refund`, {}, key);
      expect(answer.status).toBe(401);
      expect(answer.body.error?.message).toMatch(/API key/i);
    }
  });
});

describe("lists", () => {
  it("filters sessions by payment intent and creation time", async () => {
    const session = await paidSession();
    await paidSession();
    const list = await stripe.checkout.sessions.list({ payment_intent: session.payment_intent as string });
    expect(list.data.map((s) => s.id)).toEqual([session.id]);
    expect(list.has_more).toBe(false);
    expect((await stripe.checkout.sessions.list({ payment_intent: "pi_test_nope" })).data).toEqual([]);
    const future = await stripe.checkout.sessions.list({ created: { gte: session.created + 3600 } });
    expect(future.data).toEqual([]);
    const recent = await stripe.checkout.sessions.list({ created: { gte: session.created }, limit: 100 });
    expect(recent.data.map((s) => s.id)).toContain(session.id);
  });

  it("pages through sessions without repeating any", async () => {
    const all = await stripe.checkout.sessions.list({ limit: 3 }).autoPagingToArray({ limit: 1000 });
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    expect(all.map((s) => s.created)).toEqual([...all.map((s) => s.created)].sort((a, b) => b - a));
  });

  it("lists events newest first, with type and created filters", async () => {
    const session = await paidSession();
    await admin(`/sessions/${session.id}/refund`, { amount: 100 });
    await admin(`/sessions/${session.id}/dispute`);
    const sent = (await (await fetch(`${checkout.url}/__events`)).json()) as {
      data: { event: Stripe.Event }[];
    };
    const newestFirst = sent.data.map((r) => r.event).reverse();

    const page = await stripe.events.list();
    expect(page).toMatchObject({ object: "list", url: "/v1/events", has_more: true });
    expect(page.data).toEqual(newestFirst.slice(0, 10));

    const charges = await stripe.events.list({ type: "charge.*", limit: 100 });
    const expected = newestFirst.filter((e) => e.type.startsWith("charge."));
    expect(charges.data.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(charges.data[0].type).toBe("charge.dispute.created");
    expect(new Set(charges.data.map((e) => e.type))).toEqual(
      new Set(["charge.refunded", "charge.dispute.created", "charge.dispute.closed"]),
    );

    const types = await stripe.events.list({
      types: ["charge.dispute.created", "charge.dispute.closed"],
      limit: 100,
    });
    expect(types.data.every((e) => e.type.startsWith("charge.dispute."))).toBe(true);
    expect(types.data).toHaveLength(expected.filter((e) => e.type.startsWith("charge.dispute.")).length);

    const since = newestFirst[0].created;
    const recent = await stripe.events.list({ created: { gte: since }, limit: 100 });
    expect(recent.data.every((e) => e.created >= since)).toBe(true);
    expect(recent.data[0].id).toBe(newestFirst[0].id);
    expect((await stripe.events.list({ created: { gt: since + 3600 } })).data).toEqual([]);

    const bad = await stripe.events.list({ limit: 101 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((bad as Stripe.errors.StripeError).param).toBe("limit");
  });

  it("auto-paginates over more than 100 events", async () => {
    const before = (await stripe.events.list({ limit: 1 })).data[0];
    const paid: string[] = [];
    for (let i = 0; i < 105; i++) paid.push((await paidSession()).id);

    const seen: Stripe.Event[] = [];
    for await (const event of stripe.events.list({ limit: 100, type: "checkout.session.completed" })) {
      seen.push(event);
      if (event.id === before?.id) break;
    }
    const newest = seen.slice(0, 105).map((e) => (e.data.object as Stripe.Checkout.Session).id);
    expect(newest).toEqual([...paid].reverse());

    // Small pages give the same order, and ending_before walks back towards the newest.
    const small = await stripe.events
      .list({ limit: 10, type: "checkout.session.completed" })
      .autoPagingToArray({ limit: 25 });
    expect(small.map((e) => e.id)).toEqual(seen.slice(0, 25).map((e) => e.id));
    const backwards = await stripe.events
      .list({ limit: 10, type: "checkout.session.completed", ending_before: seen[25].id })
      .autoPagingToArray({ limit: 100 });
    expect(backwards.map((e) => e.id)).toEqual(
      seen
        .slice(0, 25)
        .map((e) => e.id)
        .reverse(),
    );
  });

  it("retrieves one event as delivered", async () => {
    const session = await paidSession();
    const answer = await admin(`/sessions/${session.id}/refund`);
    const event = await stripe.events.retrieve(answer.body.event!.id);
    expect(event).toEqual(delivered(event.id));
    const missingEvent = await stripe.events.retrieve("evt_test_nope").catch((e: unknown) => e);
    expect(missingEvent).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((missingEvent as Stripe.errors.StripeError).code).toBe("resource_missing");
    expect((missingEvent as Stripe.errors.StripeError).statusCode).toBe(404);
  });
});

describe("dashboard", () => {
  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${checkout.url}${path}`, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      redirect: "manual",
    });

  it("lists sessions with their actions", async () => {
    const card = await paidSession();
    const transfer = await paidSession("bank_transfer");
    const res = await fetch(`${checkout.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("Local test dashboard — no real money moves.");
    expect(html.indexOf(transfer.id)).toBeLessThan(html.indexOf(card.id)); // newest first
    const row = html.slice(html.indexOf(card.id), html.indexOf("</tr>", html.indexOf(card.id)));
    expect(row).toContain("buyer@example.com");
    expect(row).toContain("$25.00");
    expect(row).toContain(`action="/dashboard/sessions/${card.id}/refund"`);
    expect(row).toContain("Refund in full");
    expect(row).toContain('name="amount" value="1250"');
    expect(row).toContain("Refund half");
    expect(row).toContain("Open dispute");
    expect(html).toContain("Settle transfer: succeeded");
    expect(html).toContain("Settle transfer: failed");
  });

  // The event a dashboard action sent, from the notice on the page it redirects to.
  const noticeEvent = (res: Response) => {
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get("location")!, checkout.url);
    expect(back.pathname).toBe("/");
    return delivered(/\((evt_test_[A-Za-z0-9]+)\)/.exec(back.searchParams.get("notice") ?? "")![1]);
  };

  it("runs actions from its forms and redirects back", async () => {
    const session = await paidSession();
    const refund = await post(`/dashboard/sessions/${session.id}/refund`, { amount: "1250" });
    const refundEvent = noticeEvent(refund);
    expect(refundEvent.data.object).toMatchObject({ amount_refunded: 1250, refunded: false });
    expect(await (await fetch(new URL(refund.headers.get("location")!, checkout.url))).text()).toContain(
      refundEvent.id,
    );

    const disputeEvent = noticeEvent(await post(`/dashboard/sessions/${session.id}/dispute`, {}));
    const disputeId = (disputeEvent.data.object as Stripe.Dispute).id;
    let html = await (await fetch(`${checkout.url}/`)).text();
    expect(html).toContain("Close dispute as won");
    expect(html).toContain(`action="/dashboard/disputes/${disputeId}/close"`);
    const closed = noticeEvent(await post(`/dashboard/disputes/${disputeId}/close`, { outcome: "lost" }));
    expect(closed.data.object).toMatchObject({ id: disputeId, status: "lost" });
    html = await (await fetch(`${checkout.url}/`)).text();
    expect(html).toContain("closed · lost");

    const over = await post(`/dashboard/disputes/${disputeId}/close`, { outcome: "won" });
    const error = new URL(over.headers.get("location")!, checkout.url).searchParams.get("error");
    expect(error).toMatch(/already closed/);
  });

  it("refuses cross-origin form posts", async () => {
    const session = await paidSession();
    const latest = (await stripe.events.list({ limit: 1 })).data[0].id;
    const res = await post(`/dashboard/sessions/${session.id}/refund`, {}, { origin: "http://evil.example" });
    expect(res.status).toBe(403);
    expect((await stripe.events.list({ limit: 1 })).data[0].id).toBe(latest);
    const sameOrigin = await post(`/dashboard/sessions/${session.id}/refund`, {}, { origin: checkout.url });
    expect(sameOrigin.status).toBe(303);
  });
});

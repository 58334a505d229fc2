// Drives the local checkout stand-in with the real Stripe SDK, the way the app does, and
// checks the webhook it sends verifies with the SDK's own signature check.
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
    expect(deliveries).toHaveLength(2);
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

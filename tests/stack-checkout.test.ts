// `npm run dev` with STRIPE_WEBHOOK_SECRET set and no STRIPE_SECRET_KEY: the stack starts the local
// checkout, whose events must be signed with the configured secret (the first of a list being
// rolled), since that is what the app checks them against. Every other service is the one this
// test run already uses, so the stack starts only the checkout stand-in.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedStripe, profiles } from "../lib/embedded-defaults";
import { startStack, type Stack } from "../scripts/stack";
import { recordSecurityEvidence } from "./support/security-evidence";

const configured = [`first-${randomBytes(8).toString("hex")}`, `second-${randomBytes(8).toString("hex")}`];
const deliveries: { body: string; signature: string }[] = [];
let receiver: http.Server;
let stack: Stack;
const savedEnv = { ...process.env };

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk));
    req.on("end", () => {
      deliveries.push({ body, signature: String(req.headers["stripe-signature"]) });
      res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_API_URL;
  process.env.STRIPE_WEBHOOK_SECRET = configured.join(", ");
  process.env.APP_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  stack = await startStack({ ...profiles.test, checkoutPort: 0 });
});

afterAll(async () => {
  process.env = savedEnv;
  await stack?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

const verifies = (delivery: { body: string; signature: string }, secret: string) => {
  try {
    Stripe.webhooks.constructEvent(delivery.body, delivery.signature, secret);
    return true;
  } catch {
    return false;
  }
};

describe("the stack's local checkout", () => {
  it("signs its webhooks with the configured STRIPE_WEBHOOK_SECRET, the first of a list", async () => {
    expect(stack.services.map((service) => service.name)).toEqual(["checkout"]);
    const url = new URL(stack.services[0].url);
    const api = new Stripe(embeddedStripe.secretKey, {
      host: url.hostname,
      port: Number(url.port),
      protocol: "http",
      maxNetworkRetries: 0,
      telemetry: false,
    });
    const session = await api.checkout.sessions.create({
      mode: "payment",
      line_items: [
        { quantity: 1, price_data: { currency: "usd", unit_amount: 900, product_data: { name: "Tool" } } },
      ],
      success_url: "http://localhost/success?session_id={CHECKOUT_SESSION_ID}",
    });
    // Paying waits for the first delivery attempt, like the hosted page's redirect does.
    const paid = await fetch(`${url.origin}/pay/${session.id}`, {
      method: "POST",
      body: new URLSearchParams({ email: "buyer@example.com" }),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    const [delivery] = deliveries;
    const checks = {
      "the first configured secret": verifies(delivery, configured[0]),
      "the second configured secret": verifies(delivery, configured[1]),
      "the built-in local secret": verifies(delivery, embeddedStripe.webhookSecret),
    };

    recordSecurityEvidence({
      section: "supply-chain",
      title: "Webhook signing secret of the local checkout",
      columns: ["STRIPE_WEBHOOK_SECRET", "event delivered", "signature verifies with", "result"],
      rows: Object.entries(checks).map(([secret, ok]) => [
        "two secrets, comma-separated (a roll in progress)",
        JSON.parse(delivery.body).type,
        `${secret}: ${ok ? "yes" : "no"}`,
        ok === (secret === "the first configured secret") ? "pass" : "FAIL",
      ]),
    });
    expect(deliveries).toHaveLength(1);
    expect(checks).toEqual({
      "the first configured secret": true,
      "the second configured secret": false,
      "the built-in local secret": false,
    });
  });
});

// The real Stripe SDK pointed at the local checkout stand-in that `npm test` started, plus
// helpers that pay, refund and dispute there and hand signed events to the webhook route.
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { POST } from "../../app/api/webhooks/stripe/route";
import { config } from "./fixtures";

const api = new URL(config.STRIPE_API_URL!);
export const stripe = new Stripe(config.STRIPE_SECRET_KEY, {
  host: api.hostname,
  port: Number(api.port),
  protocol: "http",
  maxNetworkRetries: 0,
  telemetry: false,
});
export const [webhookSecret] = config.STRIPE_WEBHOOK_SECRET;

export async function checkoutSession(productId: string, buyer: { email: string; userId?: string }) {
  return stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [
      {
        quantity: 1,
        price_data: { currency: "usd", unit_amount: 1500, product_data: { name: "Test product" } },
      },
    ],
    metadata: { product_id: productId },
    client_reference_id: buyer.userId,
    customer_email: buyer.email,
    success_url: "http://localhost/success?session_id={CHECKOUT_SESSION_ID}",
  });
}

export async function pay(sessionId: string, email: string, method: "card" | "bank_transfer" = "card") {
  const response = await fetch(`${api.origin}/pay/${sessionId}`, {
    method: "POST",
    body: new URLSearchParams({ email, method }),
    redirect: "manual",
  });
  if (response.status !== 303) throw new Error(`paying ${sessionId} answered ${response.status}`);
  return stripe.checkout.sessions.retrieve(sessionId);
}

export async function paidSession(productId: string, buyer: { email: string; userId?: string }) {
  return pay((await checkoutSession(productId, buyer)).id, buyer.email);
}

// Refunds, disputes and settlements on the stand-in; each answers the event it sent.
export async function admin(path: string, body: Record<string, string> = {}): Promise<Stripe.Event> {
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

export const eventId = () => `evt_test_${randomBytes(8).toString("hex")}`;

export function completedEvent(session: Stripe.Checkout.Session, id = eventId()) {
  return JSON.stringify({
    id,
    object: "event",
    type: "checkout.session.completed",
    livemode: session.livemode,
    created: Math.floor(Date.now() / 1000),
    data: { object: session },
  });
}

export function sign(payload: string, options: { secret?: string; timestamp?: number } = {}) {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? webhookSecret,
    timestamp: options.timestamp,
  });
}

export function deliver(payload: string | Stripe.Event, signature?: string) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  return POST(
    new Request("http://localhost/api/webhooks/stripe", {
      method: "POST",
      body,
      headers: { "stripe-signature": signature ?? sign(body) },
    }),
  );
}

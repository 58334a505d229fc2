import { recordDenial } from "@/lib/dal/audit";
import { auditRefusal } from "@/lib/http/audit-refusal";
import { STRIPE_EVENT_BODY_LIMIT_BYTES } from "@/lib/http/body-limits";
import { BodyTooLarge, payloadTooLarge, readBodyText } from "@/lib/http/read-body";
import { log } from "@/lib/log";
import { stripeLivemode, verifyWebhook } from "@/lib/payments/stripe";
import { handleStripeEvent } from "@/lib/payments/webhook";
import { contextFromHeaders } from "@/lib/request-context";

// Unsigned and forged deliveries are recorded (bounded, see recordDenial) and change nothing else.
// Stripe reads only the status; the body says why, for the delivery log in its dashboard.
async function refuse(request: Request, reason: "missing_signature" | "bad_signature", message: string) {
  await auditRefusal("webhook.denied", () => ({
    actor: null,
    surface: "POST /api/webhooks/stripe",
    reason,
    ip: contextFromHeaders(request.headers).ip,
  }));
  return Response.json({ error: message }, { status: 400 });
}

// A signed body is Stripe's, but only an event envelope (id, type, data.object) is handled.
const isEnvelope = (value: unknown): boolean => {
  const event = (typeof value === "object" && value !== null ? value : {}) as {
    id?: unknown;
    type?: unknown;
    data?: { object?: unknown };
  };
  return (
    typeof event.id === "string" &&
    event.id.length > 0 &&
    event.id.length <= 255 &&
    typeof event.type === "string" &&
    typeof event.data === "object" &&
    event.data !== null &&
    typeof event.data.object === "object" &&
    event.data.object !== null
  );
};

// Authenticated by the Stripe signature over the raw body; nothing else is trusted.
export async function POST(request: Request) {
  const signature = request.headers.get("stripe-signature");
  if (!signature) return refuse(request, "missing_signature", "Missing Stripe-Signature header");

  let body: string;
  try {
    body = await readBodyText(request, STRIPE_EVENT_BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) return payloadTooLarge(error);
    throw error;
  }
  let event;
  try {
    event = verifyWebhook(body, signature);
  } catch {
    return refuse(request, "bad_signature", "Invalid webhook signature");
  }
  if (!isEnvelope(event)) return Response.json({ error: "Not a Stripe event" }, { status: 400 });

  const outcome = await handleStripeEvent(event);
  if (outcome === "failed")
    return Response.json({ error: "Event handling failed; retry later", outcome }, { status: 500 });
  // Not a success: the delivery running the handler may still fail, and then this one's retry
  // is what runs it again. Stripe retries any answer other than 2xx.
  if (outcome === "in_progress")
    return Response.json(
      { error: "This event is being handled by another delivery; retry later", outcome },
      { status: 409 },
    );
  if (outcome === "wrong_mode") return ignoreWrongMode(request, event);
  return Response.json({ received: true, outcome });
}

// Acknowledged with a 2xx so that Stripe stops redelivering it (it retries anything else for up to
// three days), audited and logged, and otherwise ignored: it grants and revokes nothing.
async function ignoreWrongMode(request: Request, event: { id: string; type: string; livemode?: unknown }) {
  const expected = stripeLivemode() ? "live" : "test";
  const got = event.livemode === true ? "live" : event.livemode === false ? "test" : "unstated";
  await recordDenial("webhook.denied", {
    actor: null,
    surface: "POST /api/webhooks/stripe",
    reason: "livemode_mismatch",
    ip: contextFromHeaders(request.headers).ip,
  });
  log.warn(
    { eventId: event.id, eventType: event.type, mode: got, expected },
    "stripe event from the other mode ignored",
  );
  const what = got === "unstated" ? "An event that states no mode" : `A ${got}-mode event`;
  const message = `${what} was sent to a store using a ${expected}-mode Stripe key; it was ignored.`;
  return Response.json({ received: true, outcome: "wrong_mode", message }, { status: 200 });
}

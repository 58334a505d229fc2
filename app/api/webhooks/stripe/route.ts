import { STRIPE_EVENT_BODY_LIMIT_BYTES } from "@/lib/http/body-limits";
import { BodyTooLarge, payloadTooLarge, readBodyText } from "@/lib/http/read-body";
import { verifyWebhook } from "@/lib/payments/stripe";
import { handleStripeEvent } from "@/lib/payments/webhook";

// Authenticated by the Stripe signature over the raw body; nothing else is trusted.
export async function POST(request: Request) {
  const signature = request.headers.get("stripe-signature");
  if (!signature) return Response.json({ error: "Missing Stripe-Signature header" }, { status: 400 });

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
    return Response.json({ error: "Invalid webhook signature" }, { status: 400 });
  }

  const outcome = await handleStripeEvent(event);
  if (outcome === "failed") return Response.json({ error: "Event handling failed; retry later" }, { status: 500 });
  return Response.json({ received: true, outcome });
}

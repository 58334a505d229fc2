// Webhook delivery for the checkout stand-in: every event is signed with the SDK's own
// test-header helper, so the app's signature check runs unchanged, and retried like Stripe.
import Stripe from "stripe";

export type StripeEvent = {
  id: string;
  object: "event";
  api_version: string;
  type: string;
  created: number;
  livemode: false;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
};

export type SentEvent = {
  event: StripeEvent;
  delivered: boolean;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
};

export type WebhookTarget = { webhookUrl: string; webhookSecret: string; signal: AbortSignal };

const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000];
// Callers wait for the first attempt (at most this long), so a success page sees its effect;
// an unreachable app does not hold them up while retries go on.
const FIRST_DELIVERY_WAIT_MS = 5000;

export function webhookSender({ webhookUrl, webhookSecret, signal }: WebhookTarget) {
  // Re-signs each attempt (fresh timestamp) over the same serialised payload, like Stripe.
  async function deliver(record: SentEvent, payload: string, firstAttemptDone: () => void): Promise<void> {
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length && !signal.aborted; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt - 1]).unref());
      record.attempts++;
      try {
        const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
        const res = await fetch(webhookUrl, {
          method: "POST",
          body: payload,
          signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
          headers: {
            "content-type": "application/json",
            "stripe-signature": signature,
            "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          },
        });
        await res.arrayBuffer();
        record.last_status = res.status;
        record.last_error = null;
        if (res.ok) return void (record.delivered = true);
      } catch (error) {
        record.last_error = error instanceof Error ? error.message : String(error);
      } finally {
        if (attempt === 0) firstAttemptDone();
      }
    }
  }

  // Resolves once the first attempt finished or the wait ran out; retries carry on after that.
  return async function send(record: SentEvent): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      timer = setTimeout(resolve, FIRST_DELIVERY_WAIT_MS);
      void deliver(record, JSON.stringify(record.event), resolve);
    });
    clearTimeout(timer);
  };
}

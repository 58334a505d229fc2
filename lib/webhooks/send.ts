import "server-only";
import { Webhook } from "standardwebhooks";
import { claimDeliveries, recordAttempt, type ClaimedDelivery } from "../dal/webhook-deliveries";
import { log } from "../log";
import { endpointUrlProblem } from "./endpoint-url";
import { allowLocalEndpoints } from "./endpoints";

export const WEBHOOK_MAX_ATTEMPTS = 8;
// Longer than one attempt can take (the 15 s timeout), so a live sender's claim is never taken over.
export const WEBHOOK_CLAIM_STALE_MS = 60_000;
const TIMEOUT_MS = 15_000;
const BASE_DELAY_MS = 30_000;

// 30 s, 1 min, 2 min, … doubling up to 6 h between attempts.
export const backoffMs = (attempts: number) => Math.min(BASE_DELAY_MS * 2 ** (attempts - 1), 6 * 3_600_000);

// The headers of the Standard Webhooks spec. While a secret is rotated, the previous one signs too:
// the spec's space-separated signatures, any one of which a receiver may verify.
export function signedHeaders(delivery: ClaimedDelivery, body: string, now: Date) {
  const secrets = [delivery.secret];
  if (delivery.previousSecret && delivery.previousSecretExpiresAt && delivery.previousSecretExpiresAt > now)
    secrets.push(delivery.previousSecret);
  const signature = secrets.map((secret) => new Webhook(secret).sign(delivery.id, now, body)).join(" ");
  return {
    "content-type": "application/json",
    "webhook-id": delivery.id,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

export type SendReport = { delivered: number; retried: number; failed: number };

// Sends what is due, in batches, until nothing is. A 2xx answer delivers; anything else (or no
// answer in 15 s) is retried with backoff, up to WEBHOOK_MAX_ATTEMPTS. Safe from several processes.
export async function sendDueWebhooks(
  options: { batchSize?: number; staleAfterMs?: number; maxAttempts?: number; now?: () => Date } = {},
): Promise<SendReport> {
  const {
    batchSize = 20,
    staleAfterMs = WEBHOOK_CLAIM_STALE_MS,
    maxAttempts = WEBHOOK_MAX_ATTEMPTS,
  } = options;
  const now = options.now ?? (() => new Date());
  const report = { delivered: 0, retried: 0, failed: 0 };
  for (;;) {
    const batch = await claimDeliveries(batchSize, staleAfterMs, now());
    if (batch.length === 0) return report;
    await Promise.all(
      batch.map(async (delivery) => {
        const outcome = await attempt(delivery, now());
        const retryAt =
          outcome.delivered || delivery.attempts >= maxAttempts
            ? null
            : new Date(now().getTime() + backoffMs(delivery.attempts));
        await recordAttempt(delivery.id, { ...outcome, retryAt });
        report[outcome.delivered ? "delivered" : retryAt ? "retried" : "failed"] += 1;
      }),
    );
  }
}

async function attempt(delivery: ClaimedDelivery, now: Date) {
  const body = JSON.stringify(delivery.payload);
  // Again before each attempt: the endpoint's name may resolve elsewhere than when it was saved.
  const problem = await endpointUrlProblem(delivery.url, allowLocalEndpoints());
  if (problem) return { statusCode: null, error: `refused: the URL ${problem}`, delivered: false };
  try {
    const response = await fetch(delivery.url, {
      method: "POST",
      headers: signedHeaders(delivery, body, now),
      body,
      redirect: "manual", // a redirect could point anywhere, past the URL check
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    const delivered = response.status >= 200 && response.status < 300;
    return { statusCode: response.status, error: delivered ? null : `HTTP ${response.status}`, delivered };
  } catch (error) {
    // The endpoint's URL is the seller's; the message names only what failed.
    log.warn({ deliveryId: delivery.id, err: error }, "webhook delivery failed");
    return { statusCode: null, error: (error as Error).name || "network error", delivered: false };
  }
}

import "server-only";
import Stripe from "stripe";
import { env } from "../env";

let client: Stripe | undefined;

// Real Stripe by default; STRIPE_API_URL points the same SDK at the local checkout stand-in.
export function stripe(): Stripe {
  if (!client) {
    const config = env();
    const local = config.STRIPE_API_URL ? new URL(config.STRIPE_API_URL) : null;
    client = new Stripe(config.STRIPE_SECRET_KEY, {
      telemetry: false,
      maxNetworkRetries: local ? 0 : 2,
      // 3 × 20 s at most, well within a webhook's claim on its event (the SDK waits 80 s by default)
      timeout: 20_000,
      ...(local && {
        host: local.hostname,
        port: Number(local.port || (local.protocol === "https:" ? 443 : 80)),
        protocol: local.protocol.replace(":", "") as "http" | "https",
      }),
    });
  }
  return client;
}

// Live or test mode follows the secret (or restricted) key: events from the other mode are refused.
export function stripeLivemode(): boolean {
  return /^(sk|rk)_live_/.test(env().STRIPE_SECRET_KEY);
}

// Accepts any of the configured secrets, so a secret can be rolled without downtime.
export function verifyWebhook(rawBody: string, signature: string): Stripe.Event {
  let lastError: unknown;
  for (const secret of env().STRIPE_WEBHOOK_SECRET) {
    try {
      return stripe().webhooks.constructEvent(rawBody, signature, secret);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

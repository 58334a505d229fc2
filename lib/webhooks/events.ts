import "server-only";
import { randomBytes } from "node:crypto";

// What the seller's systems can be told; each is queued by a trigger in the same transaction as
// the change (prisma/migrations/20261203_700000_webhooks). Renewal events join with renewals.
export const WEBHOOK_EVENTS = [
  "order.paid",
  "order.refunded",
  "entitlement.revoked",
  "license.activated",
  "license.deactivated",
  "release.published",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

// A Standard Webhooks secret: "whsec_" and 24 random bytes, base64.
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

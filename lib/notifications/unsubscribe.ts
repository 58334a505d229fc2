import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../env";
import type { EmailTopic } from "../generated/prisma/client";

export const EMAIL_TOPICS: readonly EmailTopic[] = ["release", "renewal_reminder"];

// Unsubscribe links name an address, a product and a topic and carry an HMAC of them under the
// app's secret: anyone holding the email can use it, nobody can forge one for another address or
// topic. Release links name no topic (they were signed before topics existed and stay valid).
const sign = (email: string, productId: string, topic: EmailTopic) =>
  createHmac("sha256", env().AUTH_SECRET)
    .update(`unsubscribe\n${email.toLowerCase()}\n${productId}${topic === "release" ? "" : `\n${topic}`}`)
    .digest("base64url");

// The page asks a person to confirm; the API route is RFC 8058's one-click target for mail clients.
export function unsubscribeUrl(
  email: string,
  productId: string,
  target: "page" | "one-click" = "page",
  topic: EmailTopic = "release",
) {
  const query = new URLSearchParams({
    email: email.toLowerCase(),
    product: productId,
    token: sign(email, productId, topic),
    ...(topic !== "release" && { topic }),
  });
  return `${env().APP_URL}${target === "page" ? "/unsubscribe" : "/api/unsubscribe"}?${query}`;
}

export function verifyUnsubscribe(
  email: unknown,
  productId: unknown,
  token: unknown,
  topic: unknown = null,
): { email: string; productId: string; topic: EmailTopic } | null {
  if (typeof email !== "string" || typeof productId !== "string" || typeof token !== "string") return null;
  if (email.length > 320 || productId.length > 64 || token.length > 64) return null;
  const named = topic ?? "release";
  if (!EMAIL_TOPICS.includes(named as EmailTopic)) return null;
  const expected = Buffer.from(sign(email, productId, named as EmailTopic));
  const given = Buffer.from(token);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { email: email.toLowerCase(), productId, topic: named as EmailTopic };
}

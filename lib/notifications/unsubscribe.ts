import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../env";

// Unsubscribe links name an address and a product and carry an HMAC of both under the app's
// secret: anyone holding the email can use it, nobody can forge one for another address.
const sign = (email: string, productId: string) =>
  createHmac("sha256", env().AUTH_SECRET)
    .update(`unsubscribe\n${email.toLowerCase()}\n${productId}`)
    .digest("base64url");

// The page asks a person to confirm; the API route is RFC 8058's one-click target for mail clients.
export function unsubscribeUrl(email: string, productId: string, target: "page" | "one-click" = "page") {
  const query = new URLSearchParams({
    email: email.toLowerCase(),
    product: productId,
    token: sign(email, productId),
  });
  return `${env().APP_URL}${target === "page" ? "/unsubscribe" : "/api/unsubscribe"}?${query}`;
}

export function verifyUnsubscribe(
  email: unknown,
  productId: unknown,
  token: unknown,
): { email: string; productId: string } | null {
  if (typeof email !== "string" || typeof productId !== "string" || typeof token !== "string") return null;
  if (email.length > 320 || productId.length > 64 || token.length > 64) return null;
  const expected = Buffer.from(sign(email, productId));
  const given = Buffer.from(token);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { email: email.toLowerCase(), productId };
}

import "server-only";
import { authOptions } from "../auth/options";
import type { LinkCredentials } from "../dal/link-callers";
import { presentedLicenseKey } from "../licensing/keys";

// What a stable link's request carries to say who asks: the signed-in customer's session
// cookie, or a licence key (an update feed's client), with which an app downloads as the key's
// owner with the same checks, limits and audit, but only through the key's entitlement: its
// product's releases, under its status, update window and download cap; never another product's
// files, another purchase of the same product, nor the files the seller made for the customer.
// Nothing is read here: the database resolves both in the query that looks the file up
// (lib/dal/link-callers.ts), by next-auth's rules for its database sessions.
export function linkCredentials(request: Request): LinkCredentials {
  const options = authOptions();
  const cookieName = `${options.useSecureCookies ? "__Secure-" : ""}next-auth.session-token`;
  return {
    sessionToken: cookieValue(request.headers.get("cookie"), cookieName),
    licenseKey: presentedLicenseKey(request).key,
    sessionExpiry: {
      maxAgeMs: (options.session?.maxAge ?? 30 * 86_400) * 1000,
      updateAfterMs: (options.session?.updateAge ?? 86_400) * 1000, // next-auth's defaults
    },
  };
}

function cookieValue(header: string | null, name: string): string | null {
  for (const part of header?.split(";") ?? []) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      const value = part.slice(separator + 1).trim();
      try {
        return decodeURIComponent(value) || null;
      } catch {
        return null; // not something next-auth set
      }
    }
  }
  return null;
}

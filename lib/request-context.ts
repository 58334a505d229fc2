import "server-only";
import { headers } from "next/headers";
import { env } from "./env";
import { clientAddressFrom } from "./http/client-address";

// Who asked, for rate limits and the audit trail.
export type RequestContext = { ip: string | null; userAgent: string | null };

// The client address is the X-Forwarded-For entry TRUSTED_PROXY_HOPS from the right (the server
// appends its socket peer, lib/http/peer-address.ts). X-Real-IP and the leftmost entries are whatever the client chose to send.
export function contextFromHeaders(list: Headers): RequestContext {
  return {
    ip: clientAddressFrom(list.get("x-forwarded-for"), env().TRUSTED_PROXY_HOPS),
    userAgent: list.get("user-agent"),
  };
}

// For server actions, which have no Request object.
export async function requestContext(): Promise<RequestContext> {
  return contextFromHeaders(await headers());
}

import "server-only";
import { headers } from "next/headers";
import type { RequestContext } from "./delivery/issue-link";

// Who asked, for the audit trail: the first X-Forwarded-For hop (set by the proxy in front),
// else X-Real-IP, and the user agent.
export function contextFromHeaders(list: Headers): RequestContext {
  const forwarded = list.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || list.get("x-real-ip") || null, userAgent: list.get("user-agent") };
}

// For server actions, which have no Request object.
export async function requestContext(): Promise<RequestContext> {
  return contextFromHeaders(await headers());
}

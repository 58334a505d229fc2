// Runs before every route except static assets and the routes that stream request bodies (the
// Stripe webhook, /api/v1): a matched request's body is buffered for the proxy, which would defeat
// their size limits. Each step lives in its own module. What must hold for every request, those
// routes included, happens before Next.js in lib/http/server-hooks.ts (request id, undecodable
// paths, database outages).
// - every request: its id (lib/http/request-id.ts), in the request and the response;
// - server actions: refused early when they declare a body over the limit, or come from another
//   site (lib/http/action-origin.ts);
// - pages and download routes: the per-request CSP nonce and HSTS (lib/http/security-headers.ts).
//   The JSON APIs render no HTML and carry the static headers from next.config.ts.
import { NextResponse, type NextRequest } from "next/server";
import { foreignServerAction, isForeignServerAction } from "@/lib/http/action-origin";
import { isOversizedServerAction, serverActionTooLarge } from "@/lib/http/body-limits";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/http/request-id";
import { withSecurityHeaders } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  if (isOversizedServerAction(request)) return serverActionTooLarge();
  const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER));
  if (isForeignServerAction(request)) return refuseForeignServerAction(requestId);
  const next = (headers: Headers) => {
    headers.set(REQUEST_ID_HEADER, requestId);
    return NextResponse.next({ request: { headers } });
  };
  const response = request.nextUrl.pathname.startsWith("/api/")
    ? next(new Headers(request.headers))
    : withSecurityHeaders(request, next);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/webhooks/|api/v1/).*)" }],
};

function refuseForeignServerAction(requestId: string) {
  const response = foreignServerAction(requestId);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

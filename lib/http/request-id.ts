// Request ids: every request gets one, echoed in the response and carried by every log line
// written while it is handled (lib/log.ts). A caller or the load balancer in front may send
// its own; anything that is not a short plain token is replaced, so log lines stay clean.
import { NextResponse, type NextRequest } from "next/server";

export const REQUEST_ID_HEADER = "x-request-id";

const SANE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

export function requestIdFor(incoming: string | null | undefined): string {
  return incoming && SANE_ID.test(incoming) ? incoming : crypto.randomUUID();
}

// Passes the request on with its id in the request headers (read by route handlers, server
// actions and pages) and in the response headers (read by the client).
export function continueWithRequestId(request: NextRequest): NextResponse {
  const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER));
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

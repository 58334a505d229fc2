import { NextResponse, type NextRequest } from "next/server";
import { env } from "../env";
import { contentSecurityPolicy, createNonce, isHttps, STRICT_TRANSPORT_SECURITY } from "./csp";

// For the proxy: a fresh nonce per request, handed to the render through the request's CSP
// header (Next.js reads it there), and the policy on the response. HSTS only where the app
// is served over https, i.e. in production.
export function withSecurityHeaders(
  request: NextRequest,
  respond: (headers: Headers) => NextResponse = nextWith,
): NextResponse {
  const config = env();
  const nonce = createNonce();
  const policy = contentSecurityPolicy(config, nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = respond(requestHeaders);
  response.headers.set("Content-Security-Policy", policy);
  if (isHttps(config)) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

const nextWith = (headers: Headers) => NextResponse.next({ request: { headers } });

import "server-only";
import type { ActionResult } from "../actions/result";
import { contextFromHeaders } from "../request-context";
import type { DownloadLink, RequestContext } from "./issue-link";

const statusFor = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  rate_limited: 429,
  unavailable: 503,
} as const;

const noStore = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

export const requestContextOf = (request: Request): RequestContext => contextFromHeaders(request.headers);

// Stable download links answer like a file server: 303 to a fresh presigned URL, or an
// error status. Browsers that are not signed in go to sign-in and come back here after.
export function linkResponse(request: Request, result: ActionResult<DownloadLink>): Response {
  if (result.status === "success") {
    return new Response(null, { status: 303, headers: { ...noStore, Location: result.data.url } });
  }
  if (result.status !== "error") throw new Error("unexpected idle result");

  const url = new URL(request.url);
  if (result.code === "unauthorized" && request.headers.get("accept")?.includes("text/html")) {
    const signIn = new URL("/signin", url);
    signIn.searchParams.set("callbackUrl", `${url.pathname}${url.search}`);
    return new Response(null, { status: 303, headers: { ...noStore, Location: `${signIn.pathname}${signIn.search}` } });
  }
  const headers: Record<string, string> = { ...noStore };
  if (result.retryAfterSeconds) headers["Retry-After"] = String(result.retryAfterSeconds);
  return Response.json({ error: result.code, message: result.message }, { status: statusFor[result.code], headers });
}

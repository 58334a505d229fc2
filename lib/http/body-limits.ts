// Request body limits, in one place for next.config.ts, the proxy and the route handlers.
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024; // form fields and ids; builds go straight to the bucket
export const STRIPE_EVENT_BODY_LIMIT_BYTES = 512 * 1024; // Stripe's events are a few kilobytes
export const API_BODY_LIMIT_BYTES = 100_000; // /api/v1 bodies are ids, names and part lists

// Next.js enforces serverActions.bodySizeLimit while it reads the body but answers a fetch
// action with 500; a declared Content-Length over the limit is refused up front with 413.
export function isOversizedServerAction(request: Request): boolean {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  const declared = Number(request.headers.get("content-length"));
  return Number.isFinite(declared) && declared > SERVER_ACTION_BODY_LIMIT_BYTES;
}

export const serverActionTooLarge = () =>
  new Response("The request body is too large.", {
    status: 413,
    headers: { "Content-Type": "text/plain", Connection: "close" },
  });

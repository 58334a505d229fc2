import { failureResponse } from "@/lib/http/answers";
import { unsubscribeWithLink } from "@/lib/notifications/opt-out";
import { contextFromHeaders } from "@/lib/request-context";

// RFC 8058 one-click unsubscribe: the mail client POSTs `List-Unsubscribe=One-Click` to the URL
// from the List-Unsubscribe header. The signed query is the only credential needed.
export async function POST(request: Request) {
  const search = new URL(request.url).searchParams;
  const link = {
    email: search.get("email"),
    product: search.get("product"),
    token: search.get("token"),
    topic: search.get("topic"),
  };
  const result = await unsubscribeWithLink(link, {
    surface: "POST /api/unsubscribe",
    ip: contextFromHeaders(request.headers).ip,
  });
  if (result.status === "error") return failureResponse(result, {});
  return Response.json({ ok: true });
}

// A person who opens the header's URL gets the confirmation page.
export function GET(request: Request) {
  const url = new URL(request.url);
  return Response.redirect(new URL(`/unsubscribe${url.search}`, url), 303);
}

import { recordDenial } from "@/lib/dal/audit";
import { optOut } from "@/lib/dal/release-notifications";
import { failureResponse } from "@/lib/http/answers";
import { contextFromHeaders } from "@/lib/request-context";
import { verifyUnsubscribe } from "@/lib/notifications/unsubscribe";
import { failure } from "@/lib/result";

// RFC 8058 one-click unsubscribe: the mail client POSTs `List-Unsubscribe=One-Click` to the URL
// from the List-Unsubscribe header. The signed query is the only credential needed.
export async function POST(request: Request) {
  const search = new URL(request.url).searchParams;
  const verified = verifyUnsubscribe(search.get("email"), search.get("product"), search.get("token"));
  if (!verified) {
    await recordDenial("unsubscribe.denied", {
      actor: null,
      surface: "POST /api/unsubscribe",
      reason: "invalid_link",
      ip: contextFromHeaders(request.headers).ip,
    });
    return failureResponse(failure("invalid_link", "This unsubscribe link is not valid."), {});
  }
  await optOut(verified.email, verified.productId);
  return Response.json({ ok: true });
}

// A person who opens the header's URL gets the confirmation page.
export function GET(request: Request) {
  const url = new URL(request.url);
  return Response.redirect(new URL(`/unsubscribe${url.search}`, url), 303);
}

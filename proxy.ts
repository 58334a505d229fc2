import type { NextRequest } from "next/server";
import { isOversizedServerAction, serverActionTooLarge } from "@/lib/http/body-limits";
import { withSecurityHeaders } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  if (isOversizedServerAction(request)) return serverActionTooLarge();
  return withSecurityHeaders(request);
}

export const config = {
  // Pages and download routes. The JSON APIs render no HTML and stream their bodies untouched;
  // they and the build's static files carry the static headers from next.config.ts.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" }],
};

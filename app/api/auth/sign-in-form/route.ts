import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { authOptions } from "@/lib/auth/options";

// GET /api/auth/sign-in-form?callbackUrl=/library: where the sign-in page sends a browser that has
// no next-auth CSRF cookie yet. next-auth sets one (the answer of its own /api/auth/csrf) and the
// browser returns to the page, which puts the token into its form, so the form posts to next-auth
// without JavaScript. `form=ready` keeps a browser that stores no cookies from coming round again.
// The way back is a relative path: the browser stays on the host whose cookie it was given.
export async function GET(request: NextRequest) {
  const csrf: Response = await NextAuth(
    request as never,
    { params: { nextauth: ["csrf"] } } as never,
    authOptions(),
  );
  const back = new URLSearchParams({
    callbackUrl: safeCallbackPath(request.nextUrl.searchParams.get("callbackUrl")),
    form: "ready",
  });
  const headers = new Headers({ Location: `/signin?${back}`, "Cache-Control": "no-store" });
  for (const cookie of csrf.headers.getSetCookie()) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
}

// Runs before every route except static assets. Each step lives in its own module.
import type { NextRequest } from "next/server";
import { continueWithRequestId } from "./lib/http/request-id";

export function proxy(request: NextRequest) {
  return continueWithRequestId(request);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};

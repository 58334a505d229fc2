import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { cache } from "react";
import { env } from "../env";
import { isAdminEmail } from "./email-address";
import { authOptions, type AdapterFailure } from "./options";

export type CurrentUser = { id: string; email: string; isAdmin: boolean };

// Reads and verifies the session cookie against the sessions table (revocable sessions). A sessions
// table that cannot be read throws: the visitor is not signed out, the store is (lib/http/outage.ts).
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  // No session cookie, no session: next-auth would answer the same after building its options and
  // handler, which an anonymous visitor of the store pages would pay on every request.
  if (!(await hasSessionCookie())) return null;
  const failure: AdapterFailure = {};
  const session = await getServerSession(authOptions(undefined, failure));
  if (failure.error) throw failure.error;
  const user = session?.user as { id?: string; email?: string | null } | undefined;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, isAdmin: isAdminEmail(user.email, env().ADMIN_EMAILS) };
});

// next-auth's session cookie (`__Secure-` behind https), or its chunks (`.0`, `.1`) when it is large.
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

async function hasSessionCookie(): Promise<boolean> {
  return (await cookies()).getAll().some((cookie) => SESSION_COOKIE.test(cookie.name));
}

import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { env } from "../env";
import { isAdminEmail } from "./email-address";
import { authOptions, type AdapterFailure } from "./options";

export type CurrentUser = { id: string; email: string; isAdmin: boolean };

// Reads and verifies the session cookie against the sessions table (revocable sessions). A sessions
// table that cannot be read throws: the visitor is not signed out, the store is (lib/http/outage.ts).
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const failure: AdapterFailure = {};
  const session = await getServerSession(authOptions(undefined, failure));
  if (failure.error) throw failure.error;
  const user = session?.user as { id?: string; email?: string | null } | undefined;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, isAdmin: isAdminEmail(user.email, env().ADMIN_EMAILS) };
});

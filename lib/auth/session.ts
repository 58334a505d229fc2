import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { env } from "../env";
import { isAdminEmail } from "./email-address";
import { authOptions } from "./options";

export type CurrentUser = { id: string; email: string; isAdmin: boolean };

// Reads and verifies the session cookie against the sessions table (revocable sessions).
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions());
  const user = session?.user as { id?: string; email?: string | null } | undefined;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, isAdmin: isAdminEmail(user.email, env().ADMIN_EMAILS) };
});

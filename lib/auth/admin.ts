import "server-only";
import { getCurrentUser, type CurrentUser } from "./session";

export type AdminCheck =
  | { ok: true; admin: CurrentUser }
  | { ok: false; status: 401 | 403; message: string; user: CurrentUser | null };

// Every admin page, action and route calls this itself; the admin layout's check is not enough.
export async function checkAdmin(): Promise<AdminCheck> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, status: 401, message: "Sign in as an admin.", user: null };
  if (!user.isAdmin) return { ok: false, status: 403, message: "This needs an admin account.", user };
  return { ok: true, admin: user };
}
